"""Notifications: one per kind to the right people (never the actor), only after commit, mentions
parsed from comments, and emails as each person chose."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from annotations.mentions import mentioned_usernames
from annotations.models import Notification, NotificationKind, ReviewAction
from annotations.permissions import REVIEWER
from annotations.services import claim_transition, comment_add
from annotations.services.notifications import (
    notification_emails_send,
    notification_mark_read,
    notification_preferences_set,
    notifications_mark_all_read,
)
from tests.factories import ClaimFactory, EvidenceFactory, UserFactory
from tests.helpers import propose


def _received(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def _submit(annotator, capture) -> None:
    """Research a new claim and submit it, running what follows the commit."""
    claim = claim_transition(claim=ClaimFactory(), actor=annotator, action=ReviewAction.START)
    EvidenceFactory(claim=claim)
    propose(claim, annotator, "false", "Because.")
    _step(capture, claim, annotator, ReviewAction.SUBMIT)


def _step(capture, claim, actor, action, **options):
    with capture(execute=True):
        return claim_transition(claim=claim, actor=actor, action=action, **options)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ask @rita", ["rita"]),
        ("@user.name checked it", ["user.name"]),
        ("thanks @ana. And @ana, again!", ["ana"]),
        ("write to bob@example.com", []),
        ("(@ravi) and @edith-b:", ["ravi", "edith-b"]),
        ("no mention @ here", []),
    ],
)
def test_mentions_are_usernames_after_an_at_sign_not_email_addresses(text, expected):
    assert mentioned_usernames(text) == expected


def test_a_submitted_claim_waits_for_every_reviewer_but_its_researcher(
    annotator, reviewer, other_reviewer, editor, django_capture_on_commit_callbacks
):
    _submit(annotator, django_capture_on_commit_callbacks)
    assert _received(NotificationKind.REVIEW_WAITING) == {"rita", "ravi", "edith"}


def test_an_assigned_review_waits_only_for_its_assignee(
    submitted, annotator, reviewer, other_reviewer, editor, django_capture_on_commit_callbacks
):
    _step(
        django_capture_on_commit_callbacks,
        submitted,
        editor,
        ReviewAction.ASSIGN,
        assignee=reviewer,
    )
    assert _received(NotificationKind.ASSIGNED) == {"rita"}
    assert not Notification.objects.filter(recipient=editor).exists()


def test_nothing_is_created_before_the_transaction_commits(
    submitted, reviewer, annotator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        claim_transition(claim=submitted, actor=reviewer, action=ReviewAction.APPROVE)
    assert not Notification.objects.exists()
    for callback in callbacks:
        callback()
    assert _received(NotificationKind.APPROVED) == {"annie"}


@pytest.mark.parametrize(
    ("action", "kind", "comment"),
    [
        (ReviewAction.APPROVE, NotificationKind.APPROVED, ""),
        (ReviewAction.REQUEST_CHANGES, NotificationKind.RETURNED, "Internal: source 2 is weak."),
    ],
)
def test_the_researcher_hears_the_review_and_the_reviewer_does_not(
    submitted, annotator, reviewer, action, kind, comment, django_capture_on_commit_callbacks
):
    _step(django_capture_on_commit_callbacks, submitted, reviewer, action, comment=comment)
    note = Notification.objects.get()
    assert (note.recipient, note.kind, note.actor, note.claim) == (
        annotator,
        kind,
        reviewer,
        submitted,
    )
    # Review comments are internal work: never copied into a notification or its email.
    assert "Internal" not in note.text
    assert mail.outbox and "Internal" not in mail.outbox[0].body
    assert f"/claims/{submitted.pk}/" in mail.outbox[0].body


def test_publishing_tells_the_researcher(
    submitted, annotator, reviewer, editor, django_capture_on_commit_callbacks
):
    claim_transition(claim=submitted, actor=reviewer, action=ReviewAction.APPROVE)
    _step(django_capture_on_commit_callbacks, submitted, editor, ReviewAction.PUBLISH)
    assert _received(NotificationKind.PUBLISHED) == {"annie"}


def test_taking_a_claim_yourself_notifies_nobody(annotator, django_capture_on_commit_callbacks):
    _step(
        django_capture_on_commit_callbacks,
        ClaimFactory(),
        annotator,
        ReviewAction.ASSIGN,
        assignee=annotator,
    )
    assert not Notification.objects.exists()


def test_a_comment_notifies_the_desk_members_it_mentions(
    annotator, reviewer, other_reviewer, editor, django_capture_on_commit_callbacks
):
    outsider = UserFactory(username="outsider")
    claim = ClaimFactory()
    text = "@rita @ravi, see bob@example.com; @outsider @nobody and @annie."
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(claim=claim, actor=annotator, text=text)
    assert _received(NotificationKind.MENTION) == {"rita", "ravi"}
    assert not Notification.objects.filter(recipient__in=[outsider, annotator]).exists()


def test_inactive_people_are_not_mentioned(annotator, reviewer, django_capture_on_commit_callbacks):
    reviewer.is_active = False
    reviewer.save()
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(claim=ClaimFactory(), actor=annotator, text="@rita?")
    assert not Notification.objects.exists()


def test_emails_follow_each_persons_choice(
    annotator, reviewer, other_reviewer, django_capture_on_commit_callbacks
):
    notification_preferences_set(user=reviewer, email_kinds=[NotificationKind.ASSIGNED])
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(claim=ClaimFactory(), actor=annotator, text="@rita and @ravi")
    assert [message.to for message in mail.outbox] == [[other_reviewer.email]]
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_an_email_is_sent_once_however_often_the_task_runs(
    annotator, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(claim=ClaimFactory(), actor=annotator, text="@rita")
    ids = list(Notification.objects.values_list("pk", flat=True))
    assert notification_emails_send(ids=ids) == 0
    assert len(mail.outbox) == 1


def test_unknown_email_kinds_are_refused_and_nothing_changes(reviewer):
    notification_preferences_set(user=reviewer, email_kinds=["mention"])
    with pytest.raises(ValidationError) as refused:
        notification_preferences_set(user=reviewer, email_kinds=["mention", "gossip"])
    assert "gossip" in str(refused.value.message_dict["email_kinds"])
    assert reviewer.notification_preference.email_kinds == ["mention"]


def test_only_the_recipient_marks_a_notification_read(
    annotator, reviewer, other_reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(claim=ClaimFactory(), actor=annotator, text="@rita @ravi")
    note = Notification.objects.get(recipient=reviewer)
    with pytest.raises(PermissionDenied):
        notification_mark_read(notification=note, user=other_reviewer)
    note.refresh_from_db()
    assert note.read_at is None
    first = notification_mark_read(notification=note, user=reviewer).read_at
    assert notification_mark_read(notification=note, user=reviewer).read_at == first
    assert notifications_mark_all_read(user=other_reviewer) == 1
    assert notifications_mark_all_read(user=other_reviewer) == 0


def test_people_without_the_review_role_hear_of_no_review(
    annotator, django_capture_on_commit_callbacks
):
    UserFactory(username="plain")
    person = UserFactory(username="grouped")
    person.groups.add(Group.objects.get(name=REVIEWER))
    _submit(annotator, django_capture_on_commit_callbacks)
    assert _received(NotificationKind.REVIEW_WAITING) == {"grouped"}


def test_an_email_is_written_in_its_recipients_language(
    annotator, reviewer, other_reviewer, django_capture_on_commit_callbacks
):
    from annotations.services.people import interface_language_set

    interface_language_set(user=reviewer, actor=reviewer, language="es")
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(claim=ClaimFactory(), actor=annotator, text="@rita and @ravi")
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert bodies[reviewer.email].startswith("annie te mencionó en un comentario")
    assert "Abrir la afirmación" in bodies[reviewer.email]
    assert bodies[other_reviewer.email].startswith("annie mentioned you in a comment")
