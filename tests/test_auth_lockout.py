"""Sign-in lockout: per account and per address, on the web sign-in page and the admin's."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from annotations.models import AuthEvent, AuthEventKind
from annotations.services.auth import auth_event_record, client_ip
from tests.helpers import settings_in_child

PASSWORD = "correct-horse-battery"
WEB = "/accounts/login/"
ADMIN = "/admin/login/"


def _sign_in(client, url: str, username: str, password: str, address: str = "10.0.0.1", **extra):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _fail(client, url: str, username: str, times: int, address: str = "10.0.0.1") -> list[int]:
    return [
        _sign_in(client, url, username, "wrong-password", address).status_code for _ in range(times)
    ]


def test_the_right_password_is_refused_once_the_account_is_locked(client, annotator, settings):
    # The failure that reaches the limit already answers with the lockout.
    assert _fail(client, WEB, "annie", settings.AXES_FAILURE_LIMIT) == [200] * 4 + [429]

    response = _sign_in(client, WEB, "annie", PASSWORD)

    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    page = response.content.decode()
    assert "Sign-in locked" in page
    assert "5 failed sign-ins" in page and "15 minutes" in page
    assert not _signed_in(client)


def test_one_failure_short_of_the_limit_still_signs_in(client, annotator, settings):
    _fail(client, WEB, "annie", settings.AXES_FAILURE_LIMIT - 1)
    response = _sign_in(client, WEB, "annie", PASSWORD)
    assert response.status_code == 302
    assert _signed_in(client)


def test_the_account_stays_locked_from_another_address(client, annotator, settings):
    # One failure from each of five addresses: the account is what is being guessed.
    for n in range(settings.AXES_FAILURE_LIMIT):
        _fail(client, WEB, "annie", 1, address=f"10.0.1.{n}")

    response = _sign_in(client, WEB, "annie", PASSWORD, address="10.0.2.1")

    assert response.status_code == 429
    assert not _signed_in(client)


def test_an_address_that_tries_many_accounts_is_locked_for_every_account(
    client, annotator, reviewer, settings
):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _fail(client, WEB, f"guess{n}", 1, address="10.0.3.1")

    assert _sign_in(client, WEB, "rita", PASSWORD, address="10.0.3.1").status_code == 429
    assert not _signed_in(client)
    # The same person from elsewhere is not locked: only the address is.
    assert _sign_in(client, WEB, "rita", PASSWORD, address="10.0.3.2").status_code == 302
    assert _signed_in(client)


def test_forged_forwarded_addresses_do_not_escape_the_address_lockout(client, annotator, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, WEB, f"guess{n}", "wrong", "10.0.4.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    response = _sign_in(
        client, WEB, "annie", PASSWORD, "10.0.4.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert response.status_code == 429


def test_the_admin_sign_in_is_locked_too(client, editor, settings):
    _fail(client, ADMIN, "edith", settings.AXES_FAILURE_LIMIT)

    response = _sign_in(client, ADMIN, "edith", PASSWORD)

    assert response.status_code == 429
    assert "Sign-in locked" in response.content.decode()
    assert not _signed_in(client)
    assert client.get("/admin/").status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, annotator, settings):
    _fail(client, WEB, "annie", settings.AXES_FAILURE_LIMIT)
    assert _sign_in(client, WEB, "annie", PASSWORD).status_code == 429

    earlier = datetime.timedelta(minutes=16)
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= earlier
        attempt.save(update_fields=["attempt_time"])

    assert _sign_in(client, WEB, "annie", PASSWORD).status_code == 302
    assert _signed_in(client)


def test_attempts_during_the_lockout_neither_extend_it_nor_flood_the_log(
    client, annotator, settings
):
    _fail(client, WEB, "annie", settings.AXES_FAILURE_LIMIT)
    locked_at = AccessAttempt.objects.get().attempt_time
    for _ in range(10):
        assert _sign_in(client, WEB, "annie", "wrong-password").status_code == 429

    assert AccessAttempt.objects.get().attempt_time == locked_at
    kinds = list(AuthEvent.objects.order_by("at", "id").values_list("kind", flat=True))
    # The lockout is noted as the failure that reaches the limit is counted.
    failed, lockout = AuthEventKind.LOGIN_FAILED, AuthEventKind.LOCKOUT
    assert kinds == [failed] * 4 + [lockout, failed]


def test_sign_ins_failures_and_lockouts_are_logged_with_the_address(client, annotator, settings):
    assert _sign_in(client, WEB, "annie", PASSWORD, address="10.0.5.1").status_code == 302
    client.post(reverse("logout"), REMOTE_ADDR="10.0.5.1")
    _fail(client, WEB, "annie", settings.AXES_FAILURE_LIMIT, address="10.0.5.2")

    events = list(AuthEvent.objects.order_by("at", "id"))
    assert [e.kind for e in events] == [
        AuthEventKind.LOGIN,
        AuthEventKind.LOGOUT,
        *[AuthEventKind.LOGIN_FAILED] * 4,
        AuthEventKind.LOCKOUT,
        AuthEventKind.LOGIN_FAILED,
    ]
    assert events[0].ip_address == "10.0.5.1" and events[0].user == annotator
    assert {e.ip_address for e in events[2:]} == {"10.0.5.2"}
    assert all(e.user == annotator and e.username == "annie" for e in events)
    assert events[-2].detail == "5 failed sign-ins; sign-in refused for 15 minutes"


def test_a_failure_for_an_unknown_account_names_it_without_a_user(client, db):
    _sign_in(client, WEB, "nobody", "wrong")
    event = AuthEvent.objects.get()
    assert (event.kind, event.user, event.username) == (AuthEventKind.LOGIN_FAILED, None, "nobody")


def test_the_log_stores_whatever_was_typed_as_a_username(db):
    event = auth_event_record(kind=AuthEventKind.LOGIN_FAILED, username="a\x00b" + "x" * 500)
    event.refresh_from_db()
    assert event.username == "a\N{REPLACEMENT CHARACTER}b" + "x" * 147


def test_a_success_clears_the_failures_before_it(client, annotator, settings):
    _fail(client, WEB, "annie", settings.AXES_FAILURE_LIMIT - 1)
    assert _sign_in(client, WEB, "annie", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    _fail(client, WEB, "annie", settings.AXES_FAILURE_LIMIT - 1)
    assert _sign_in(client, WEB, "annie", PASSWORD).status_code == 302


def test_the_limits_come_from_the_environment():
    show = "print(s.AXES_FAILURE_LIMIT, int(s.AXES_COOLOFF_TIME.total_seconds()))"
    result = settings_in_child(
        show, FACTCHECK_LOGIN_FAILURE_LIMIT="3", FACTCHECK_LOGIN_COOLOFF_MINUTES="45"
    )
    assert result.stdout.split() == ["3", "2700"], result.stderr
    refused = settings_in_child(show, FACTCHECK_LOGIN_FAILURE_LIMIT="0")
    assert "FACTCHECK_LOGIN_FAILURE_LIMIT must be at least 1" in refused.stderr


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1", "10.0.0.1"),
        (1, "203.0.113.9", "10.0.0.1", "203.0.113.9"),
        (1, "198.51.100.1, 203.0.113.9", "10.0.0.1", "203.0.113.9"),
        (2, "198.51.100.1, 203.0.113.9", "10.0.0.1", "198.51.100.1"),
        (1, "not-an-address", "10.0.0.1", "10.0.0.1"),
        (1, "", "10.0.0.1", "10.0.0.1"),
    ],
)
def test_the_client_address_trusts_only_the_configured_proxies(
    rf, settings, proxies, forwarded, remote, expected
):
    settings.FACTCHECK_TRUSTED_PROXIES = proxies
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
