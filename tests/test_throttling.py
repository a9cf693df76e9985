"""API request rates: 429 with Retry-After in the API's error shape, per scope."""

import functools
import os
import uuid

import pytest
import redis
from django.core.cache import cache
from rest_framework.test import APIClient

from annotations.models import Article
from tests.helpers import published_claim, settings_in_child

GENEROUS = "100000/minute"


@pytest.fixture
def rates(settings):
    """Set some scopes' rates (the others stay generous) on a fresh counter."""

    def set_rates(**scopes: str) -> None:
        settings.FACTCHECK_THROTTLE_RATES = {
            scope: scopes.get(scope, GENEROUS) for scope in ("anon", "user", "export", "similar")
        }

    cache.clear()
    return set_rates


def _assert_throttled(response) -> None:
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    body = response.json()
    assert body["code"] == "throttled"
    assert "throttled" in body["message"] and "seconds" in body["message"]
    assert set(body) == {"message", "code"}


def test_anonymous_clients_are_limited_per_address(rates, db):
    rates(anon="3/minute")
    api = APIClient(REMOTE_ADDR="10.1.0.1")
    assert [api.get("/api/v1/rating-scales/").status_code for _ in range(3)] == [200] * 3
    _assert_throttled(api.get("/api/v1/rating-scales/"))
    # Another address has its own allowance; a forged X-Forwarded-For is not one.
    assert APIClient(REMOTE_ADDR="10.1.0.2").get("/api/v1/rating-scales/").status_code == 200
    forged = api.get("/api/v1/rating-scales/", HTTP_X_FORWARDED_FOR="192.0.2.55")
    _assert_throttled(forged)


def test_signed_in_users_are_limited_per_account(rates, annotator, reviewer):
    rates(user="2/minute")
    api = APIClient()
    api.force_authenticate(annotator)
    assert [api.get("/api/v1/users/me/").status_code for _ in range(2)] == [200, 200]
    _assert_throttled(api.get("/api/v1/users/me/"))
    other = APIClient()
    other.force_authenticate(reviewer)
    assert other.get("/api/v1/users/me/").status_code == 200


def test_a_throttled_write_changes_nothing(rates, annotator):
    rates(user="1/minute")
    api = APIClient()
    api.force_authenticate(annotator)
    api.get("/api/v1/users/me/")
    response = api.post(
        "/api/v1/articles/", {"title": "Fares", "text": "Fares rose by 4% in 2024."}, format="json"
    )
    _assert_throttled(response)
    assert not Article.objects.exists()


def test_exports_have_a_stricter_rate_of_their_own(rates, db):
    rates(export="2/minute")
    api = APIClient(REMOTE_ADDR="10.1.1.1")
    for _ in range(2):
        assert api.get("/api/v1/exports/claims/?format=jsonl").status_code == 200
    _assert_throttled(api.get("/api/v1/exports/claims/?format=jsonl"))
    # Only the export scope is spent: the rest of the API still answers.
    assert api.get("/api/v1/rating-scales/").status_code == 200


def test_the_similar_lookup_has_a_stricter_rate_of_its_own(rates, annotator, reviewer, editor):
    claim = published_claim(annotator=annotator, reviewer=reviewer, editor=editor)
    rates(similar="2/minute")
    api = APIClient()
    api.force_authenticate(annotator)
    url = f"/api/v1/claims/{claim.pk}/similar/"
    assert [api.get(url).status_code for _ in range(2)] == [200, 200]
    _assert_throttled(api.get(url))
    assert api.get(f"/api/v1/claims/{claim.pk}/").status_code == 200


def test_the_default_rates(settings):
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] == [
        "annotations.api.throttling.AnonThrottle",
        "annotations.api.throttling.UserThrottle",
        "annotations.api.throttling.ScopeThrottle",
    ]
    result = _settings_in_child("print(s.FACTCHECK_THROTTLE_RATES)")
    assert result.stdout.strip() == (
        "{'anon': '60/minute', 'user': '600/minute', 'export': '10/minute', 'similar': '30/minute'}"
    ), result.stderr


# The child must not see this shell's own rates or Redis, only what each test gives it.
_settings_in_child = functools.partial(settings_in_child, unset=("FACTCHECK_THROTTLE", "REDIS_URL"))


def test_rates_and_the_cache_come_from_the_environment():
    show = "print(s.FACTCHECK_THROTTLE_RATES['anon'], s.CACHES['default']['BACKEND'])"
    local = _settings_in_child(show, FACTCHECK_THROTTLE_ANON="5/second")
    assert local.stdout.split() == ["5/second", "django.core.cache.backends.locmem.LocMemCache"]
    shared = _settings_in_child(
        show, FACTCHECK_THROTTLE_ANON="off", REDIS_URL="redis://127.0.0.1:6379/3"
    )
    assert shared.stdout.split() == ["None", "annotations.redis_cache.RedisCache"]
    refused = _settings_in_child(show, FACTCHECK_THROTTLE_EXPORT="lots")
    assert "FACTCHECK_THROTTLE_EXPORT='lots' is not a rate" in refused.stderr


def _redis_url() -> str:
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {url}: the shared counter is proved where one runs (CI)")
    return url


def test_app_processes_share_their_counters_through_redis(settings, db):
    url = _redis_url()
    # A prefix of this run's own, so that nothing else in that Redis is touched.
    settings.CACHES = {
        "default": {
            "BACKEND": "annotations.redis_cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"factcheck-test-{uuid.uuid4().hex}",
        }
    }
    settings.FACTCHECK_THROTTLE_RATES = {
        "anon": "2/minute",
        "user": GENEROUS,
        "export": GENEROUS,
        "similar": GENEROUS,
    }
    api = APIClient(REMOTE_ADDR="10.1.2.1")
    assert api.get("/api/v1/rating-scales/").status_code == 200
    # Another process would read the same count: it lies in Redis, not in this process.
    client = redis.Redis.from_url(url)
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    try:
        assert client.exists(f"{prefix}:1:throttle_anon_10.1.2.1")
        assert api.get("/api/v1/rating-scales/").status_code == 200
        _assert_throttled(api.get("/api/v1/rating-scales/"))
    finally:
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
