"""The review trail: append-only events, public corrections, and discussion."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from annotations.models.claims import ClaimStatus


class ReviewAction(models.TextChoices):
    START = "start", _("Start research")
    SUBMIT = "submit", _("Submit for review")
    APPROVE = "approve", _("Approve")
    REQUEST_CHANGES = "request_changes", _("Request changes")
    PUBLISH = "publish", _("Publish")
    DISMISS = "dismiss", _("Dismiss")
    RESTORE = "restore", _("Restore")
    REOPEN = "reopen", _("Reopen")
    ASSIGN = "assign", _("Assign")
    UNASSIGN = "unassign", _("Unassign")
    REVIEW = "review", _("Blind review verdict")
    ADJUDICATE = "adjudicate", _("Adjudicate")


class ReviewEvent(models.Model):
    """One step of a claim's review; written once, never edited."""

    claim = models.ForeignKey(
        "annotations.Claim", on_delete=models.CASCADE, related_name="review_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=20, choices=ReviewAction.choices)
    from_status = models.CharField(max_length=20, choices=ClaimStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ClaimStatus.choices)
    comment = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField("time", default=timezone.now, db_index=True)

    class Meta:
        ordering = ["claim", "at", "id"]
        indexes = [models.Index(fields=["claim", "at"], name="review_event_claim_at_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=ReviewAction.values), name="review_event_action_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.from_status or '–'} → {self.to_status}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError("Review events are append-only and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Review events are append-only and cannot be deleted.")


class Correction(models.Model):
    """A public note recording why a published claim was reopened and corrected."""

    claim = models.ForeignKey(
        "annotations.Claim", on_delete=models.CASCADE, related_name="corrections"
    )
    note = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    event = models.OneToOneField(
        ReviewEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="correction"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["claim", "created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="correction_note_not_empty"),
        ]

    def __str__(self) -> str:
        return self.note[:80]


class Comment(models.Model):
    """Discussion on a claim; editors may hide a comment, nobody deletes one."""

    claim = models.ForeignKey(
        "annotations.Claim", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden = models.BooleanField(default=False)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="comment_text_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text[:80]
