"""Sources (reusable documents) and evidence (a source cited for a claim)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from annotations.models.base import Timestamped, timestamped_history
from annotations.models.choices import SourceKind, Stance
from annotations.models.fields import (
    choice_constraint,
    claim_reference,
    created_at_field,
    model_names,
    not_empty_constraint,
    required_reference,
    unique_when_set_constraint,
    user_reference,
)
from annotations.models.validation import LeanValidation

# The refusal of a second source with the same URL, whether the check or the database finds it.
SOURCE_URL_TAKEN = _("A source with this URL already exists.")


class Source(LeanValidation):
    """A document that evidence can cite; deduplicated by its normalised URL."""

    url = models.URLField(max_length=2000, blank=True, verbose_name=_("url"))
    normalized_url = models.CharField(
        max_length=2000, blank=True, editable=False, verbose_name=_("normalized url")
    )
    title = models.CharField(max_length=500, verbose_name=_("title"))
    publisher = models.CharField(max_length=200, blank=True, verbose_name=_("publisher"))
    published_at = models.DateField(null=True, blank=True, verbose_name=_("published at"))
    kind = models.CharField(
        max_length=20, choices=SourceKind.choices, default=SourceKind.OTHER, verbose_name=_("kind")
    )
    created_by = user_reference(_("created by"))
    created_at = created_at_field()

    class Meta(model_names(_("source"), _("sources"))):
        ordering = ["title", "id"]
        constraints = [
            unique_when_set_constraint(
                "normalized_url", "source_normalized_url_unique", SOURCE_URL_TAKEN
            ),
            not_empty_constraint("title", "source_title_not_empty"),
            choice_constraint("kind", SourceKind, "source_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.title


class Evidence(Timestamped):
    """A source cited for a claim, with its stance and the passage that matters."""

    claim = claim_reference("evidence")
    source = required_reference(
        Source, _("source"), related_name="evidence", on_delete=models.PROTECT
    )
    stance = models.CharField(max_length=10, choices=Stance.choices, verbose_name=_("stance"))
    excerpt = models.TextField(
        blank=True, help_text=_("The quoted passage of the source."), verbose_name=_("excerpt")
    )
    note = models.TextField(blank=True, verbose_name=_("note"))
    added_by = user_reference(_("added by"))

    history = timestamped_history()

    class Meta(model_names(_("evidence"), _("evidence"))):
        ordering = ["claim", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "source"],
                name="evidence_source_once_per_claim",
                violation_error_message=_("This source is already cited for the claim."),
            ),
            choice_constraint("stance", Stance, "evidence_stance_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_stance_display()}: {self.source}"
