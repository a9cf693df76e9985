"""Field and constraint declarations that several models share, so each rule is written once."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def optional_reference(
    to: str, verbose_name: str, *, related_name: str = "+", blank: bool = True, **options
) -> models.ForeignKey:
    """Return a reference that outlives its target: it becomes empty when the target goes."""
    return models.ForeignKey(
        to,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name=related_name,
        verbose_name=verbose_name,
        **options,
    )


def user_reference(verbose_name: str, **options) -> models.ForeignKey:
    """Return a reference to a person that outlives them: it becomes empty when they go."""
    return optional_reference(settings.AUTH_USER_MODEL, verbose_name, **options)


def claim_reference(related_name: str) -> models.ForeignKey:
    """Return the claim a row belongs to; the row goes with its claim."""
    return models.ForeignKey(
        "annotations.Claim",
        on_delete=models.CASCADE,
        related_name=related_name,
        verbose_name=_("claim"),
    )


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
