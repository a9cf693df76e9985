"""The notification and archive tasks: registered under the names the services send, doing the
services' work; with a broker the services send the task, without one they run it here."""

import pytest
from celery import current_app
from django.core import mail

import annotations.tasks  # noqa: F401  (registers every area's tasks)
from annotations.models import Notification, NotificationKind, SourceArchive
from annotations.services import background
from annotations.services.archives import ARCHIVE_TASK
from annotations.services.notifications import EMAIL_TASK
from annotations.tasks.archives import archive_source
from annotations.tasks.notifications import send_notification_emails
from tests.factories import ClaimFactory, SourceFactory


def test_the_tasks_are_registered_under_the_names_the_services_send():
    assert (send_notification_emails.name, archive_source.name) == (EMAIL_TASK, ARCHIVE_TASK)
    assert {EMAIL_TASK, ARCHIVE_TASK} <= set(current_app.tasks)


def test_the_email_task_sends_each_notification_once(reviewer, annotator):
    note = Notification.objects.create(
        recipient=reviewer,
        kind=NotificationKind.MENTION,
        claim=ClaimFactory(),
        actor=annotator,
        text="annie mentioned you",
    )
    assert send_notification_emails.apply(kwargs={"ids": [note.pk]}).get() == 1
    assert send_notification_emails.apply(kwargs={"ids": [note.pk]}).get() == 0
    assert len(mail.outbox) == 1
    assert "annie mentioned you" in mail.outbox[0].body


def test_the_archive_task_records_a_refused_fetch(db, settings):
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE = False
    source = SourceFactory(url="http://127.0.0.1:9/page")
    archive = SourceArchive.objects.create(source=source, requested_url=source.url)
    archive_source.apply(kwargs={"archive_id": archive.pk}).get()
    archive.refresh_from_db()
    assert archive.status == "failed" and archive.error


@pytest.mark.parametrize("eager", [True, False])
def test_after_commit_work_runs_here_or_goes_to_the_workers(
    db, settings, monkeypatch, eager, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = eager
    done, sent = [], []
    monkeypatch.setattr(current_app, "send_task", lambda name, kwargs: sent.append((name, kwargs)))
    with django_capture_on_commit_callbacks(execute=True):
        background.run_after_commit("some.task", lambda **kwargs: done.append(kwargs), n=1)
    assert (done, sent) == (([{"n": 1}], []) if eager else ([], [("some.task", {"n": 1})]))
