"""In-app notifications and each person's choice of which of them also come by email."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from annotations.models.choices import NotificationKind
from annotations.models.fields import (
    choice_constraint,
    created_at_field,
    model_names,
    optional_reference,
    required_reference,
    settings_owner,
    updated_at_field,
    user_reference,
)
from annotations.models.validation import LeanValidation

# What each kind says, put into the reader's language when shown (the stored text is the
# recipient's language at the time, for the email and for readers without a catalogue).
MESSAGES = {
    NotificationKind.ASSIGNED: _("{actor} assigned claim {claim} to you"),
    NotificationKind.APPROVED: _("{actor} approved claim {claim}, which you researched"),
    NotificationKind.RETURNED: _(
        "{actor} requested changes on claim {claim}, which you researched"
    ),
    NotificationKind.PUBLISHED: _("{actor} published claim {claim}, which you researched"),
    NotificationKind.REVIEW_WAITING: _(
        "Claim {claim} is waiting for review (submitted by {actor})"
    ),
    NotificationKind.MENTION: _("{actor} mentioned you in a comment on claim {claim}"),
}
CLAIM_TEXT_SHOWN = 80


def notification_message(kind: str, claim, actor) -> str:
    """Return what a notification of this kind says, in the active language."""
    name = actor.get_username() if actor is not None else gettext("Someone")
    claim_text = claim.claim_text or claim.quote
    if len(claim_text) > CLAIM_TEXT_SHOWN:
        claim_text = claim_text[: CLAIM_TEXT_SHOWN - 1].rstrip() + "…"
    return f"{MESSAGES[kind].format(actor=name, claim=claim.pk)}: “{claim_text}”"


class Notification(LeanValidation):
    """Something that happened which one person should know about; read once they open it."""

    recipient = required_reference(
        settings.AUTH_USER_MODEL, _("recipient"), related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices, verbose_name=_("kind"))
    claim = optional_reference("annotations.Claim", _("claim"), on_delete=models.CASCADE)
    actor = user_reference(_("actor"))
    text = models.CharField(max_length=300, verbose_name=_("text"))
    created_at = created_at_field()
    read_at = models.DateTimeField(null=True, blank=True, verbose_name=_("read at"))
    # Set once its email has gone out (or was not wanted), so a re-delivered task sends none.
    emailed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("emailed at"))

    class Meta(model_names(_("notification"), _("notifications"))):
        ordering = ["-created_at", "-id"]
        indexes = [
            # The bell counts a person's unread ones on every page.
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_idx"),
        ]
        constraints = [
            choice_constraint("kind", NotificationKind, "notification_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def message(self) -> str:
        """Return what it says in the reader's language (read with its claim and actor)."""
        if self.claim is None or self.kind not in MESSAGES:
            return self.text
        return notification_message(self.kind, self.claim, self.actor)


class NotificationPreference(models.Model):
    """Which kinds of notification a person also gets by email (every kind until they choose)."""

    user = settings_owner("notification_preference")
    email_kinds = models.JSONField(default=list, blank=True, verbose_name=_("email kinds"))
    updated_at = updated_at_field()

    Meta = model_names(_("notification preference"), _("notification preferences"))

    def __str__(self) -> str:
        return f"Email preferences of {self.user}"
