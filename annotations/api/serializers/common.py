"""Fields and helpers that the resources' serializers share."""

from django.contrib.auth import get_user_model
from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from annotations.credits import Credits

User = get_user_model()


@extend_schema_field({"type": "string", "description": _("A username.")})
class UsernameField(serializers.RelatedField):
    """A user written and read as their username."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("queryset", User.objects.filter(is_active=True))
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return value.get_username()

    def to_internal_value(self, data):
        try:
            return self.get_queryset().get(**{User.USERNAME_FIELD: data})
        except User.DoesNotExist:
            raise serializers.ValidationError(
                _("No active user is called %(data)r.") % {"data": data}
            ) from None


def read_only(model: type[Model], *fields: str) -> type:
    """Return a model serializer's Meta that shows these fields of the model, none writable."""
    return type("Meta", (), {"model": model, "fields": fields, "read_only_fields": fields})


def public_credits(context: dict) -> Credits | None:
    """Return how to name people to an anonymous reader, or None when the desk is reading."""
    request = context.get("request")
    if request is None or request.user.is_authenticated:
        return None
    if "public_credits" not in context:
        context["public_credits"] = Credits.for_public()
    return context["public_credits"]


@extend_schema_field(
    {
        "type": "string",
        "nullable": True,
        "readOnly": True,
        "description": _("A username; anonymous readers see a public credit or null."),
    }
)
class ReadUsernameField(serializers.Field):
    """A user shown as their username to the desk; anonymous readers never see usernames.

    With `public="credit"` an anonymous reader sees the organisation, or the person's public
    name where they opted in; otherwise (`"hide"`) null.
    """

    def __init__(self, *, public: str = "hide", **kwargs) -> None:
        kwargs["read_only"] = True
        self.public = public
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return getattr(instance, self.source, None)

    def to_representation(self, value) -> str | None:
        if value is None:
            return None
        credits = public_credits(self.context)
        if credits is None:
            return value.get_username()
        return credits.name(value) if self.public == "credit" else None


@extend_schema_field(
    {"type": "string", "anyOf": [{"format": "uri"}, {"maxLength": 0}], "readOnly": True}
)
class OptionalURLField(serializers.CharField):
    """A URL, or the empty string where there is none."""

    def __init__(self, **kwargs) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)


# A model serializer whose anonymous readers see a public version of some fields. No docstring:
# the OpenAPI schema would give it to every subclass as the component's description.
class PublicAwareSerializer(serializers.ModelSerializer):
    def to_representation(self, instance) -> dict:
        data = super().to_representation(instance)
        if public_credits(self.context) is not None:
            self.hide_from_public(instance, data)
        return data

    def hide_from_public(self, instance, data: dict) -> None:
        """Replace in `data` what only the desk may read."""
