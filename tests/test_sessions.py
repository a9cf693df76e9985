"""Sessions end after a spell without requests; the authentication log is read-only in the admin."""

import datetime
import time

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.utils import timezone

from annotations.accounts import RENEWED_AT
from annotations.models import AuthEvent, AuthEventKind
from annotations.services.auth import auth_event_record
from tests.helpers import settings_in_child

IDLE = 8 * 60 * 60


def _session(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_sessions_last_eight_idle_hours_by_default(settings):
    assert settings.SESSION_COOKIE_AGE == IDLE
    assert not getattr(settings, "SESSION_EXPIRE_AT_BROWSER_CLOSE", False)


def test_a_signed_in_session_is_renewed_when_used(client, annotator):
    client.force_login(annotator)
    # As if the last renewal were an hour ago, with seven idle hours left.
    session = client.session
    session[RENEWED_AT] = time.time() - 3600
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + datetime.timedelta(hours=7)
    )

    response = client.get("/articles/")

    assert response.status_code == 200
    left = _session(client).expire_date - timezone.now()
    assert abs(left.total_seconds() - IDLE) < 60
    assert response.cookies["sessionid"]["max-age"] == IDLE


def test_a_session_is_renewed_at_most_once_a_minute(client, annotator):
    client.force_login(annotator)
    client.get("/articles/")
    expiry = _session(client).expire_date
    client.get("/articles/")
    assert _session(client).expire_date == expiry


def test_an_idle_session_ends(client, annotator):
    client.force_login(annotator)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get("/articles/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_idle_timeout_comes_from_the_environment():
    result = settings_in_child("print(s.SESSION_COOKIE_AGE)", FACTCHECK_SESSION_IDLE_MINUTES="30")
    assert result.stdout.strip() == "1800", result.stderr


# The authentication log in the admin


@pytest.fixture
def events(annotator):
    auth_event_record(kind=AuthEventKind.LOGIN_FAILED, user=annotator, detail="at /accounts/login/")
    return AuthEvent.objects.all()


def test_editors_read_the_log_in_the_admin(client, editor, events):
    client.force_login(editor)
    page = client.get("/admin/annotations/authevent/")
    assert page.status_code == 200
    assert "sign-in failed" in page.content.decode()
    event = events.get(kind=AuthEventKind.LOGIN_FAILED)
    detail = client.get(f"/admin/annotations/authevent/{event.pk}/change/")
    assert detail.status_code == 200
    assert "at /accounts/login/" in detail.content.decode()


def test_nobody_changes_the_log_in_the_admin(client, editor, admin_client, events):
    event = events.get(kind=AuthEventKind.LOGIN_FAILED)
    client.force_login(editor)
    for browser in (client, admin_client):
        assert browser.get("/admin/annotations/authevent/add/").status_code == 403
        assert (
            browser.post(
                f"/admin/annotations/authevent/{event.pk}/change/", {"detail": "forged"}
            ).status_code
            == 403
        )
        assert (
            browser.post(
                f"/admin/annotations/authevent/{event.pk}/delete/", {"post": "yes"}
            ).status_code
            == 403
        )
    event.refresh_from_db()
    assert event.detail == "at /accounts/login/"


def test_annotators_and_reviewers_do_not_see_the_log(client, annotator, reviewer, events):
    for user in (annotator, reviewer):
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        client.force_login(user)
        assert client.get("/admin/annotations/authevent/").status_code == 403


def test_the_log_is_append_only(events):
    event = events.first()
    event.detail = "rewritten"
    with pytest.raises(ValidationError, match="append-only"):
        event.save()
    with pytest.raises(ValidationError, match="append-only"):
        event.delete()
    assert AuthEvent.objects.get(pk=event.pk).detail != "rewritten"


def test_editors_do_not_see_api_tokens_in_the_admin(client, editor):
    client.force_login(editor)
    assert client.get("/admin/annotations/apitoken/").status_code == 403
