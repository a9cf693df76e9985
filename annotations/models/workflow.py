"""The review trail: append-only events, public corrections, and discussion."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from annotations.models.choices import ClaimStatus, ReviewAction
from annotations.models.fields import (
    choice_constraint,
    claim_reference,
    model_names,
    not_empty_constraint,
    user_reference,
)
from annotations.models.validation import LeanValidation


class ReviewEvent(LeanValidation):
    """One step of a claim's review; written once, never edited."""

    claim = claim_reference("review_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(max_length=20, choices=ReviewAction.choices, verbose_name=_("action"))
    from_status = models.CharField(
        max_length=20, choices=ClaimStatus.choices, blank=True, verbose_name=_("from status")
    )
    to_status = models.CharField(
        max_length=20, choices=ClaimStatus.choices, verbose_name=_("to status")
    )
    comment = models.TextField(blank=True, verbose_name=_("comment"))
    data = models.JSONField(default=dict, blank=True, verbose_name=_("data"))
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta(model_names(_("review event"), _("review events"))):
        ordering = ["claim", "at", "id"]
        indexes = [models.Index(fields=["claim", "at"], name="review_event_claim_at_idx")]
        constraints = [
            choice_constraint("action", ReviewAction, "review_event_action_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.from_status or '–'} → {self.to_status}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError(gettext("Review events are append-only and cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(gettext("Review events are append-only and cannot be deleted."))


class Correction(LeanValidation):
    """A public note recording why a published claim was reopened and corrected."""

    claim = claim_reference("corrections")
    note = models.TextField(verbose_name=_("note"))
    author = user_reference(_("author"), blank=False)
    event = models.OneToOneField(
        ReviewEvent,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correction",
        verbose_name=_("event"),
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta(model_names(_("correction"), _("corrections"))):
        ordering = ["claim", "created_at", "id"]
        constraints = [not_empty_constraint("note", "correction_note_not_empty")]

    def __str__(self) -> str:
        return self.note[:80]


class Comment(LeanValidation):
    """Discussion on a claim; editors may hide a comment, nobody deletes one."""

    claim = claim_reference("comments")
    author = user_reference(_("author"), blank=False)
    text = models.TextField(verbose_name=_("text"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    edited_at = models.DateTimeField(null=True, blank=True, verbose_name=_("edited at"))
    hidden = models.BooleanField(default=False, verbose_name=_("hidden"))
    hidden_by = user_reference(_("hidden by"))
    hidden_at = models.DateTimeField(null=True, blank=True, verbose_name=_("hidden at"))

    history = HistoricalRecords()

    class Meta(model_names(_("comment"), _("comments"))):
        ordering = ["claim", "created_at", "id"]
        constraints = [not_empty_constraint("text", "comment_text_not_empty")]

    def __str__(self) -> str:
        return self.text[:80]
