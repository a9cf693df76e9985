"""Field, constraint and Meta declarations that several models share, so each is written once."""

from collections.abc import Callable

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def model_names(verbose_name: str, verbose_name_plural: str) -> type:
    """Return a Meta (or a base for one) naming the model in the singular and the plural."""
    # Django reads a Meta's inherited attributes as its own, so `class Meta(model_names(...))`
    # adds the model's other options to its names.
    return type(
        "Meta", (), {"verbose_name": verbose_name, "verbose_name_plural": verbose_name_plural}
    )


def required_reference(
    to: str | type[models.Model],
    verbose_name: str,
    *,
    related_name: str = "+",
    on_delete: Callable[..., None] = models.CASCADE,
    **options,
) -> models.ForeignKey:
    """Return a reference that must be set; by default the row goes with its target."""
    return models.ForeignKey(
        to, on_delete=on_delete, related_name=related_name, verbose_name=verbose_name, **options
    )


def optional_reference(
    to: str | type[models.Model],
    verbose_name: str,
    *,
    related_name: str = "+",
    blank: bool = True,
    on_delete: Callable[..., None] = models.SET_NULL,
    **options,
) -> models.ForeignKey:
    """Return a reference that may be empty; by default it empties when its target goes."""
    return models.ForeignKey(
        to,
        null=True,
        blank=blank,
        on_delete=on_delete,
        related_name=related_name,
        verbose_name=verbose_name,
        **options,
    )


def user_reference(verbose_name: str, **options) -> models.ForeignKey:
    """Return a reference to a person that outlives them: it becomes empty when they go."""
    return optional_reference(settings.AUTH_USER_MODEL, verbose_name, **options)


def claim_reference(related_name: str) -> models.ForeignKey:
    """Return the claim a row belongs to; the row goes with its claim."""
    return required_reference("annotations.Claim", _("claim"), related_name=related_name)


def created_at_field() -> models.DateTimeField:
    """Return the moment the row was created, set once on insert."""
    return models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))


def updated_at_field() -> models.DateTimeField:
    """Return the moment the row was last saved."""
    return models.DateTimeField(auto_now=True, verbose_name=_("updated at"))


def choice_constraint(
    field: str, choices: type[models.TextChoices], name: str
) -> models.CheckConstraint:
    """Return a check that the field holds one of the choices, whatever wrote the row."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


def not_empty_constraint(field: str, name: str) -> models.CheckConstraint:
    """Return a check that the text field is not the empty string."""
    return models.CheckConstraint(condition=~Q(**{field: ""}), name=name)


def unique_when_set_constraint(field: str, name: str, message: str) -> models.UniqueConstraint:
    """Return a uniqueness rule for a text field that only counts the rows where it is set."""
    return models.UniqueConstraint(
        fields=[field],
        condition=~Q(**{field: ""}),
        name=name,
        violation_error_message=message,
    )


def settings_owner(related_name: str) -> models.OneToOneField:
    """Return the person a row of per-person settings belongs to; it goes with them."""
    return models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name=related_name,
        verbose_name=_("user"),
    )
