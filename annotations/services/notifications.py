"""Notifications: who hears about a workflow step or a mention, the email that may follow, and
marking them read. Never the actor about their own action; only after the write has committed.

Who hears what:

- `assigned`: the new assignee of an `assign` step.
- `approved`, `returned`, `published`: the claim's researcher (who submitted it).
- `review_waiting`: when a claim is submitted, its assignee if it has one; otherwise every
  active reviewer (anyone holding `annotations.review_claim`) who did not research it, since
  any of them may take it.
- `mention`: each person named `@username` in a new comment who may see the claim.

Texts name the claim and the actor, never a comment or an internal note, so an email is safe
to send to any recipient's inbox.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from annotations.mentions import mentioned_usernames
from annotations.models import (
    Claim,
    ClaimStatus,
    Comment,
    Notification,
    NotificationKind,
    NotificationPreference,
    PublicProfile,
    ReviewAction,
    ReviewEvent,
)
from annotations.models.notifications import notification_message
from annotations.permissions import REVIEW_CLAIM
from annotations.selectors.notifications import email_kinds_of
from annotations.selectors.review import claim_researcher_ids
from annotations.services.background import run_after_commit
from annotations.services.workflow.effects import claim_transitioned

logger = logging.getLogger("annotations.notifications")

EMAIL_TASK = "annotations.tasks.notifications.send_notification_emails"
VIEW_CLAIM = "annotations.view_claim"


def connect() -> None:
    """Create notifications for each workflow step once it has committed."""
    claim_transitioned.connect(
        transition_notify, sender=Claim, dispatch_uid="annotations.notifications"
    )


def transition_notify(
    *, claim: Claim, event: ReviewEvent, actor: AbstractBaseUser, **kwargs
) -> list[Notification]:
    """Notify the people a committed workflow step concerns (a `claim_transitioned` receiver)."""
    kind, recipients = _concerned(claim, event)
    if kind is None:
        return []
    return _create(kind=kind, claim=claim, actor=actor, recipients=recipients)


def mentions_notify(*, comment: Comment) -> list[Notification]:
    """Notify each person a comment mentions by `@username` who may see its claim."""
    usernames = mentioned_usernames(comment.text)
    if not usernames:
        return []
    username_field = get_user_model().USERNAME_FIELD
    people = get_user_model().objects.filter(**{f"{username_field}__in": usernames}, is_active=True)
    # Anyone else (no role, or a typo) is simply not notified: the comment stays as written.
    recipients = [person for person in people if person.has_perm(VIEW_CLAIM)]
    return _create(
        kind=NotificationKind.MENTION,
        claim=comment.claim,
        actor=comment.author,
        recipients=recipients,
    )


def notification_mark_read(*, notification: Notification, user: AbstractBaseUser) -> Notification:
    """Mark one of the user's notifications read (reading it twice keeps the first time)."""
    if notification.recipient_id != user.pk:
        raise PermissionDenied(_("Notification rule: only its recipient can mark it read."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: AbstractBaseUser) -> int:
    """Mark every unread notification of the user read; return how many were unread."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_preferences_set(
    *, user: AbstractBaseUser, email_kinds: Iterable[str]
) -> NotificationPreference:
    """Choose which kinds of notification the user also gets by email."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to choose your notification emails."))
    chosen = list(dict.fromkeys(email_kinds))
    unknown = [kind for kind in chosen if kind not in NotificationKind.values]
    if unknown:
        raise ValidationError(
            {
                "email_kinds": _("Unknown notification kind %(unknown)r; choose from %(kinds)s.")
                % {"unknown": unknown[0], "kinds": ", ".join(NotificationKind.values)}
            }
        )
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    # Kept in the kinds' own order, so the stored list does not depend on the form's.
    preference.email_kinds = [kind for kind in NotificationKind.values if kind in chosen]
    preference.full_clean()
    preference.save()
    return preference


def notification_emails_send(*, ids: list[int]) -> int:
    """Email each of these notifications to its recipient if they want that kind; return how
    many were sent. A notification already emailed (or skipped) is never sent again."""
    sent = 0
    for notification_id in ids:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update(of=("self",))
                .select_related("recipient", "claim")
                .filter(pk=notification_id, emailed_at__isnull=True)
                .first()
            )
            if notification is None:
                continue
            recipient = notification.recipient
            if recipient.email and notification.kind in email_kinds_of(recipient):
                # In the recipient's own language, whoever's action sent it.
                with translation.override(preferred_language(recipient)):
                    send_mail(
                        subject=f"[Factcheck] {notification.get_kind_display()}",
                        message=_email_body(notification),
                        from_email=None,
                        recipient_list=[recipient.email],
                    )
                sent += 1
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
    return sent


def _concerned(claim: Claim, event: ReviewEvent) -> tuple[str | None, list[AbstractBaseUser]]:
    researcher = [claim.researcher] if claim.researcher_id else []
    if event.action == ReviewAction.ASSIGN:
        return NotificationKind.ASSIGNED, [claim.assignee] if claim.assignee_id else []
    if event.action == ReviewAction.REQUEST_CHANGES:
        return NotificationKind.RETURNED, researcher
    if event.to_status == ClaimStatus.APPROVED and event.from_status != ClaimStatus.APPROVED:
        return NotificationKind.APPROVED, researcher
    if event.action == ReviewAction.PUBLISH:
        return NotificationKind.PUBLISHED, researcher
    if event.action == ReviewAction.SUBMIT:
        if claim.assignee_id:
            return NotificationKind.REVIEW_WAITING, [claim.assignee]
        return NotificationKind.REVIEW_WAITING, _reviewers_for(claim)
    return None, []


def _reviewers_for(claim: Claim) -> list[AbstractBaseUser]:
    app_label, codename = REVIEW_CLAIM.split(".")
    holds = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    ) | Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    return list(
        get_user_model()
        .objects.filter(holds | Q(is_superuser=True), is_active=True)
        .exclude(pk__in=claim_researcher_ids(claim))
        .distinct()
        .order_by("pk")
    )


def _create(
    *,
    kind: str,
    claim: Claim,
    actor: AbstractBaseUser | None,
    recipients: Iterable[AbstractBaseUser],
) -> list[Notification]:
    actor_id = actor.pk if actor is not None else None
    unique = {person.pk: person for person in recipients if person is not None}
    notifications = [
        Notification(
            recipient=person,
            kind=kind,
            claim=claim,
            actor=actor,
            text=notification_message(kind, claim, actor),
        )
        for pk, person in unique.items()
        if pk != actor_id and person.is_active
    ]
    if not notifications:
        return []
    created = Notification.objects.bulk_create(notifications)
    run_after_commit(EMAIL_TASK, notification_emails_send, ids=[n.pk for n in created])
    return created


def preferred_language(person: AbstractBaseUser | None) -> str:
    """Return the interface language a person chose, else the site's."""
    if person is None:
        return settings.LANGUAGE_CODE
    profile = PublicProfile.objects.filter(user=person).first()
    return (profile.interface_language if profile else "") or settings.LANGUAGE_CODE


def _email_body(notification: Notification) -> str:
    base = settings.FACTCHECK_PUBLIC_BASE_URL.rstrip("/")
    lines = [notification.message, ""]
    if notification.claim_id:
        claim_url = base + reverse("claim-detail", args=[notification.claim_id])
        lines.append(_("Open the claim: %(url)s") % {"url": claim_url})
    lines += [
        _("All your notifications: %(url)s") % {"url": base + reverse("notification-list")},
        "",
        _("Choose which emails you get: %(url)s")
        % {"url": base + reverse("notification-preferences")},
    ]
    return "\n".join(lines)
