"""API tokens: stored as digests, expiring, revocable by their owner, revoked with the password."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from annotations.models import APIToken, AuthEvent, AuthEventKind
from annotations.services.auth import api_token_create, api_token_revoke

ME = "/api/v1/users/me/"
TOKENS = "/api/v1/users/me/tokens/"


def _with_key(key: str) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def _as(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def _kinds(user) -> list[str]:
    return list(
        AuthEvent.objects.filter(user=user).order_by("at", "id").values_list("kind", flat=True)
    )


# Creating and using a token


def test_a_token_created_in_the_api_shows_its_key_once_and_stores_a_digest(annotator):
    response = _as(annotator).post(TOKENS, {"name": "nightly export"}, format="json")

    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    key = body["key"]
    assert body["name"] == "nightly export" and body["state"] == "active"
    expires = datetime.datetime.fromisoformat(body["expires_at"])
    assert abs(expires - (timezone.now() + datetime.timedelta(days=30))).total_seconds() < 60
    token = APIToken.objects.get()
    stored = {f.attname: getattr(token, f.attname) for f in APIToken._meta.concrete_fields}
    assert key not in [str(value) for value in stored.values()]
    assert token.key_prefix == key[:8] == body["key_prefix"]

    assert _with_key(key).get(ME).json()["username"] == "annie"
    listed = _as(annotator).get(TOKENS).json()["results"]
    assert [t["name"] for t in listed] == ["nightly export"]
    assert "key" not in listed[0]
    assert _kinds(annotator) == [AuthEventKind.TOKEN_CREATED]


def test_use_is_noted_at_most_once_a_minute(annotator):
    token, key = api_token_create(user=annotator, name="script")
    assert token.last_used_at is None
    _with_key(key).get(ME)
    token.refresh_from_db()
    first_use = token.last_used_at
    assert first_use is not None
    _with_key(key).get(ME)
    token.refresh_from_db()
    assert token.last_used_at == first_use


def test_a_token_may_be_asked_to_last_fewer_days_but_not_more(annotator):
    api = _as(annotator)
    short = api.post(TOKENS, {"name": "one day", "days": 1}, format="json").json()
    expires = datetime.datetime.fromisoformat(short["expires_at"])
    assert abs(expires - (timezone.now() + datetime.timedelta(days=1))).total_seconds() < 60

    response = api.post(TOKENS, {"name": "forever", "days": 31}, format="json")
    assert response.status_code == 400
    assert response.json()["fields"] == {"days": ["A token lasts at most 30 days."]}
    for bad in ({"name": ""}, {"name": "x" * 101}, {"name": "zero", "days": 0}):
        assert api.post(TOKENS, bad, format="json").status_code == 400
    assert APIToken.objects.count() == 1


def test_one_person_holds_a_bounded_number_of_active_tokens(annotator, settings):
    settings.FACTCHECK_API_TOKEN_LIMIT = 2
    api = _as(annotator)
    for n in range(2):
        assert api.post(TOKENS, {"name": f"t{n}"}, format="json").status_code == 201
    response = api.post(TOKENS, {"name": "one more"}, format="json")
    assert response.status_code == 400
    assert "already holds 2 active tokens" in response.json()["message"]
    assert APIToken.objects.count() == 2
    # Revoking one makes room again.
    api.delete(f"{TOKENS}{APIToken.objects.first().pk}/")
    assert api.post(TOKENS, {"name": "one more"}, format="json").status_code == 201


def test_an_expired_token_is_refused_with_the_reason(annotator):
    token, key = api_token_create(user=annotator, name="old")
    past = timezone.now() - datetime.timedelta(days=40)
    APIToken.objects.filter(pk=token.pk).update(
        created_at=past, expires_at=past + datetime.timedelta(days=30)
    )

    response = _with_key(key).get(ME)

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    assert "expired on" in response.json()["message"]
    assert response["WWW-Authenticate"] == "Token"


def test_an_unknown_key_is_refused(db):
    response = _with_key("no-such-key").get(ME)
    assert response.status_code == 401
    assert response.json() == {"message": "Invalid token.", "code": "authentication_failed"}


# Revoking


def test_an_owner_revokes_their_token_and_it_stops_working(annotator):
    token, key = api_token_create(user=annotator, name="laptop")
    api = _as(annotator)

    assert api.delete(f"{TOKENS}{token.pk}/").status_code == 204

    response = _with_key(key).get(ME)
    assert response.status_code == 401
    assert "was revoked" in response.json()["message"]
    token.refresh_from_db()
    assert token.state == "revoked" and token.revoked_reason == "revoked by its owner"
    assert api.get(f"{TOKENS}{token.pk}/").json()["state"] == "revoked"
    # Revoking again is harmless and logs nothing more.
    assert api.delete(f"{TOKENS}{token.pk}/").status_code == 204
    assert _kinds(annotator) == [AuthEventKind.TOKEN_CREATED, AuthEventKind.TOKEN_REVOKED]


def test_nobody_sees_or_revokes_another_persons_tokens(annotator, editor):
    token, key = api_token_create(user=annotator, name="annie's")
    api = _as(editor)

    assert api.get(TOKENS).json()["results"] == []
    assert api.get(f"{TOKENS}{token.pk}/").status_code == 404
    assert api.delete(f"{TOKENS}{token.pk}/").status_code == 404

    assert _with_key(key).get(ME).status_code == 200
    with pytest.raises(PermissionDenied):
        api_token_revoke(token=token, actor=editor)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_superuser_may_revoke_anyones_token(annotator, admin_user):
    token, key = api_token_create(user=annotator, name="annie's")
    api_token_revoke(token=token, actor=admin_user, reason="leaked in a log")
    assert _with_key(key).get(ME).status_code == 401
    event = AuthEvent.objects.get(kind=AuthEventKind.TOKEN_REVOKED)
    assert (event.user, event.actor) == (annotator, admin_user)
    assert "leaked in a log" in event.detail


def test_a_superuser_revokes_tokens_in_bulk_from_the_admin(annotator, reviewer, admin_client):
    tokens = [api_token_create(user=user, name="t")[0] for user in (annotator, reviewer)]
    response = admin_client.post(
        "/admin/annotations/apitoken/",
        {"action": "revoke", "_selected_action": [t.pk for t in tokens]},
        follow=True,
    )
    assert "Revoked 2 tokens." in response.content.decode()
    assert set(APIToken.objects.values_list("revoked_reason", flat=True)) == {
        "revoked in the admin"
    }


def test_anonymous_visitors_have_no_tokens(db):
    assert APIClient().get(TOKENS).status_code == 401
    assert APIClient().post(TOKENS, {"name": "x"}, format="json").status_code == 401


# Revoked with the password and the account


def test_a_password_change_revokes_every_token(annotator):
    _, first = api_token_create(user=annotator, name="one")
    _, second = api_token_create(user=annotator, name="two")

    annotator.set_password("a-new-long-passphrase")
    annotator.save()

    for key in (first, second):
        response = _with_key(key).get(ME)
        assert response.status_code == 401
        assert "password changed" in response.json()["message"]
    assert _kinds(annotator)[-2:] == [AuthEventKind.PASSWORD_CHANGED, AuthEventKind.TOKEN_REVOKED]


def test_an_admin_password_change_names_who_did_it(annotator, admin_client, admin_user):
    _, key = api_token_create(user=annotator, name="one")

    response = admin_client.post(
        f"/admin/auth/user/{annotator.pk}/password/",
        {"password1": "another-long-passphrase", "password2": "another-long-passphrase"},
    )

    assert response.status_code == 302
    assert _with_key(key).get(ME).status_code == 401
    event = AuthEvent.objects.get(kind=AuthEventKind.PASSWORD_CHANGED)
    assert (event.user, event.actor) == (annotator, admin_user)


def test_a_rehash_at_sign_in_is_not_a_password_change(client, annotator, settings):
    _, key = api_token_create(user=annotator, name="one")
    # A stronger hasher first: signing in rewrites the stored hash of the same password.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.ScryptPasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    before = User.objects.get(pk=annotator.pk).password

    response = client.post(
        "/accounts/login/", {"username": "annie", "password": "correct-horse-battery"}
    )

    assert response.status_code == 302
    assert User.objects.get(pk=annotator.pk).password != before
    assert _with_key(key).get(ME).status_code == 200
    assert AuthEventKind.PASSWORD_CHANGED not in _kinds(annotator)


def test_deactivating_an_account_revokes_its_tokens(annotator, admin_client, admin_user):
    _, key = api_token_create(user=annotator, name="one")
    data = {
        "username": "annie",
        "email": "annie@example.org",
        "is_active": "",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "10:00:00",
        "groups": [g.pk for g in annotator.groups.all()],
    }

    response = admin_client.post(f"/admin/auth/user/{annotator.pk}/change/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    annotator.refresh_from_db()
    assert not annotator.is_active
    assert _with_key(key).get(ME).status_code == 401
    assert APIToken.objects.get().revoked_reason == "account deactivated"
    event = AuthEvent.objects.get(kind=AuthEventKind.DEACTIVATED)
    assert (event.user, event.actor) == (annotator, admin_user)


def test_an_inactive_account_gets_no_new_token(annotator):
    annotator.is_active = False
    annotator.save()
    with pytest.raises(ValidationError, match="inactive"):
        api_token_create(user=annotator, name="one")
    assert not APIToken.objects.exists()


# The page


def test_the_page_creates_a_token_shows_the_key_once_and_revokes_it(client, annotator):
    client.force_login(annotator)
    assert 'href="/accounts/tokens/"' in client.get("/").content.decode()

    response = client.post("/accounts/tokens/", {"name": "spreadsheet", "days": 7})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    page = response.content.decode()
    token = APIToken.objects.get()
    key = page.split('id="new-token-key">', 1)[1].split("<", 1)[0]
    assert token.key_prefix == key[:8]
    assert _with_key(key).get(ME).status_code == 200
    assert key not in client.get("/accounts/tokens/").content.decode()

    response = client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert _with_key(key).get(ME).status_code == 401
    assert "revoked" in client.get("/accounts/tokens/").content.decode()


def test_the_page_names_bad_input_and_creates_nothing(client, annotator):
    client.force_login(annotator)
    response = client.post("/accounts/tokens/", {"name": "", "days": 99})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page
    assert "less than or equal to 30" in page
    assert not APIToken.objects.exists()


def test_the_page_never_revokes_another_persons_token(client, annotator, reviewer):
    token, key = api_token_create(user=annotator, name="annie's")
    client.force_login(reviewer)
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert client.get(f"/accounts/tokens/{token.pk}/revoke/").status_code == 405
    assert _with_key(key).get(ME).status_code == 200


def test_the_page_needs_sign_in(client, db):
    assert client.get("/accounts/tokens/")["Location"].startswith("/accounts/login/")


# The command


def test_the_command_creates_a_token_of_the_given_name_and_length(annotator, capsys):
    call_command("create_api_token", "annie", "--name", "cron", "--days", "3")
    key = capsys.readouterr().out.strip()
    token = APIToken.objects.get()
    assert (token.name, token.key_prefix) == ("cron", key[:8])
    assert (token.expires_at - token.created_at) == datetime.timedelta(days=3)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["annie", "--days", "0"], "A token lasts from 1 to 30 days"),
        (["annie", "--days", "31"], "A token lasts from 1 to 30 days"),
        (["annie", "--name", " "], "Give the token a name"),
        (["ghost"], "No user is called 'ghost'"),
    ],
)
def test_the_command_refuses_bad_input_and_creates_nothing(annotator, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_api_token", *args)
    assert not APIToken.objects.exists()


# The old tokens


def test_the_migration_carries_old_tokens_over_as_digests(annotator):
    migration = importlib.import_module("annotations.migrations.0001_squashed_0014_verbose_names")
    key = "0123456789abcdef0123456789abcdef01234567"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created timestamp, "
            "user_id integer)"
        )
        cursor.execute(
            "INSERT INTO authtoken_token VALUES (%s, %s, %s)", [key, timezone.now(), annotator.pk]
        )

    migration.carry_over_old_tokens(apps, SimpleNamespace(connection=connection))

    token = APIToken.objects.get()
    assert (token.user, token.key_prefix) == (annotator, "01234567")
    assert _with_key(key).get(ME).json()["username"] == "annie"
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM authtoken_token")
        assert cursor.fetchone() == (0,)
