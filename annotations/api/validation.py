"""Input validation that holds the API to its schema's JSON types.

DRF coerces what it can: `{"text": 0}` becomes the text "0", `{"hidden": 0}` becomes false and
`{"article": "7"}` the id 7. The schema promises a string, a boolean and an integer, and a client
sending something else has a bug worth hearing about, so a JSON body with the wrong type is
refused with a 400 naming the field. Form bodies carry only text and are left to DRF.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# (field class, the JSON types it takes, what to call them in the message)
_JSON_TYPES: tuple[tuple[type, tuple[type, ...], str], ...] = (
    (serializers.BooleanField, (bool,), _("true or false")),
    (serializers.CharField, (str,), _("a string")),
    (serializers.ChoiceField, (str,), _("a string")),
    (serializers.DateField, (str,), _("a date string (YYYY-MM-DD)")),
    (serializers.DateTimeField, (str,), _("a date-time string")),
    (serializers.IntegerField, (int,), _("a whole number")),
    (serializers.PrimaryKeyRelatedField, (int,), _("an id (a whole number)")),
    (serializers.FloatField, (int, float), _("a number")),
)


def refuse_mistyped_json(serializer: serializers.Serializer, data: Any) -> None:
    """Raise ValidationError for JSON values whose type differs from the field's schema type."""
    if not isinstance(data, Mapping) or hasattr(data, "getlist"):
        return
    errors: dict[str, list[str]] = {}
    for name, field in serializer.fields.items():
        if field.read_only or name not in data:
            continue
        value = data[name]
        if value is None:
            continue
        for field_class, types, wanted in _JSON_TYPES:
            if isinstance(field, field_class):
                # bool is an int in Python, never in JSON.
                wrong = isinstance(value, bool) and bool not in types
                if wrong or not isinstance(value, types):
                    errors[name] = [
                        gettext("Send %(wanted)s, not %(sent)s.")
                        % {"wanted": wanted, "sent": _json_type(value)}
                    ]
                break
    if errors:
        raise serializers.ValidationError(errors)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return gettext("true or false")
    if isinstance(value, int | float):
        return gettext("a number")
    if isinstance(value, str):
        return gettext("a string")
    if isinstance(value, list):
        return gettext("a list")
    if isinstance(value, Mapping):
        return gettext("an object")
    return type(value).__name__
