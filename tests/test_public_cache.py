"""The public pages come from the cache for anonymous readers, per language and address, and
never for signed-in people; any change to published content shows on the next request.

The last test runs against a real Redis (FACTCHECK_TEST_REDIS_URL, default
redis://127.0.0.1:6379/7) and is skipped, saying so, when it cannot be reached.
"""

import os
import re
import uuid

import pytest
from django.contrib.messages import INFO
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotations.models import ClaimStatus
from annotations.public_cache import VERSION_KEY, public_pages_changed, public_pages_version
from annotations.services import (
    article_update_metadata,
    claim_create,
    claim_transition,
    public_profile_set,
)
from annotations.services.ratings import rating_save
from tests.helpers import publish, published_claim

REDIS_URL = os.environ.get("FACTCHECK_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def public_cache_on(settings):
    settings.FACTCHECK_PUBLIC_CACHE_SECONDS = 300
    settings.FACTCHECK_ORGANIZATION_NAME = "Desk Of Record"


@pytest.fixture
def claim(annotator, reviewer, editor):
    return published_claim(annotator=annotator, reviewer=reviewer, editor=editor)


def _pages(claim) -> list[str]:
    return [
        reverse("factcheck-list"),
        reverse("factcheck-public", args=[claim.pk]),
        reverse("factcheck-feed"),
    ]


def _publish_another(claim, **people):
    other = claim_create(
        article=claim.article, actor=people["annotator"], quote="the city hired 120 drivers"
    )
    return publish(other, **people)


def _text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_anonymous_request_is_served_from_the_cache(claim, django_assert_num_queries):
    reader = Client()
    for url in _pages(claim):
        first = _text(reader.get(url))
        with django_assert_num_queries(0):
            second = _text(reader.get(url))
        assert TOKEN.sub("", second) == TOKEN.sub("", first)
        assert claim.claim_text in second


def test_each_reader_gets_their_own_csrf_token(claim):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    url = reverse("factcheck-public", args=[claim.pk])
    tokens = []
    for reader in (first, second):
        page = _text(reader.get(url))
        tokens.append(TOKEN.findall(page))
        # The language switcher on a cached page works for this reader: their token, their
        # cookie.
        answer = reader.post(
            reverse("set-language"),
            {"language": "fr", "next": url, "csrfmiddlewaretoken": tokens[-1][0]},
        )
        assert answer.status_code == 302
    assert tokens[0] and tokens[1]
    assert tokens[0] != tokens[1]
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_publishing_shows_on_the_next_request(claim, annotator, reviewer, editor):
    reader = Client()
    assert claim.claim_text in _text(reader.get(reverse("factcheck-list")))
    feed = _text(reader.get(reverse("factcheck-feed")))
    newer = _publish_another(claim, annotator=annotator, reviewer=reviewer, editor=editor)
    assert newer.claim_text in _text(reader.get(reverse("factcheck-list")))
    assert newer.claim_text not in feed
    assert newer.claim_text in _text(reader.get(reverse("factcheck-feed")))


def test_reopening_takes_the_claim_off_the_public_pages(claim, editor):
    reader = Client()
    page = reverse("factcheck-public", args=[claim.pk])
    assert claim.claim_text in _text(reader.get(page))
    assert claim.claim_text in _text(reader.get(reverse("factcheck-list")))
    claim_transition(claim=claim, actor=editor, action="reopen", comment="The share was 3.7%.")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.RESEARCHING
    assert reader.get(page).status_code == 404
    assert claim.claim_text not in _text(reader.get(reverse("factcheck-list")))


def test_a_public_name_change_shows_on_the_next_request(claim, annotator):
    reader = Client()
    page = reverse("factcheck-public", args=[claim.pk])
    assert "Desk Of Record" in _text(reader.get(page))
    public_profile_set(
        user=annotator, actor=annotator, public_name="Ana Q. Public", show_name_publicly=True
    )
    assert "Ana Q. Public" in _text(reader.get(page))


def test_article_and_rating_edits_show_on_the_next_request(claim, editor):
    reader = Client()
    page = reverse("factcheck-public", args=[claim.pk])
    _text(reader.get(page))
    article_update_metadata(article=claim.article, actor=editor, title="Ridership, revised")
    assert "Ridership, revised" in _text(reader.get(page))
    rating = claim.verdicts.get(is_final=True).rating
    rating.label = "Nearly right"
    rating_save(rating=rating, actor=editor)
    assert "Nearly right" in _text(reader.get(page))


def test_a_french_reader_never_gets_the_english_page(claim, django_assert_num_queries):
    url = reverse("factcheck-list")
    english = _text(Client(HTTP_ACCEPT_LANGUAGE="en").get(url))
    assert '<html lang="en"' in english
    french_reader = Client(HTTP_ACCEPT_LANGUAGE="fr")
    french = _text(french_reader.get(url))
    assert '<html lang="fr"' in french
    # The French page is cached too, as French.
    with django_assert_num_queries(0):
        assert '<html lang="fr"' in _text(french_reader.get(url))
    assert '<html lang="en"' in _text(Client(HTTP_ACCEPT_LANGUAGE="en").get(url))


def test_the_query_string_is_part_of_the_address(claim, django_assert_num_queries):
    reader = Client()
    url = reverse("factcheck-list")
    _text(reader.get(url))
    _text(reader.get(url + "?page=9"))
    assert len(_cached_keys()) == 2
    with django_assert_num_queries(0):
        _text(reader.get(url + "?page=9"))


def _cached_keys() -> list[str]:
    return [key for key in cache._cache if "public-page:" in key]  # LocMemCache's own store


def test_signed_in_people_are_never_served_a_cached_page(claim, editor, client):
    anonymous = Client()
    url = reverse("factcheck-public", args=[claim.pk])
    _text(anonymous.get(url))
    client.force_login(editor)
    signed_in = client.get(url)
    page = _text(signed_in)
    assert editor.get_username() in page
    assert "no-store" in signed_in["Cache-Control"]
    # Nor is their page kept for anyone else.
    assert editor.get_username() not in _text(anonymous.get(url))
    assert editor.get_username() not in _text(Client().get(url))


def test_a_message_for_one_reader_is_neither_cached_nor_hidden(claim, rf):
    url = reverse("factcheck-list")
    _text(Client().get(url))  # the page is cached now
    storage = CookieStorage(rf.get("/"))
    reader = Client()
    reader.cookies["messages"] = storage._encode([Message(INFO, "Only for this reader")])
    assert "Only for this reader" in _text(reader.get(url))
    assert "Only for this reader" not in _text(Client().get(url))


def test_zero_seconds_turns_the_cache_off(claim, settings):
    settings.FACTCHECK_PUBLIC_CACHE_SECONDS = 0
    reader = Client()
    url = reverse("factcheck-list")
    _text(reader.get(url))
    assert not _cached_keys()
    with CaptureQueriesContext(connection) as queries:
        _text(reader.get(url))
    assert len(queries) > 0


def test_a_lost_version_never_brings_back_an_older_page(claim, editor):
    reader = Client()
    url = reverse("factcheck-list")
    _text(reader.get(url))
    before = public_pages_version()
    cache.delete(VERSION_KEY)
    assert public_pages_version() > before
    public_pages_changed()
    assert public_pages_version() > before


def test_the_version_is_bumped_again_after_commit(django_capture_on_commit_callbacks):
    start = public_pages_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        public_pages_changed()
        assert public_pages_version() == start + 1
    assert len(callbacks) == 1
    assert public_pages_version() == start + 2


def _redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.skipif(not _redis_reachable(), reason=f"Redis is not reachable at {REDIS_URL}")
def test_pages_are_cached_in_redis_and_forgotten_on_publish(
    settings, annotator, reviewer, editor, django_assert_num_queries
):
    prefix = f"test-public-cache-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "annotations.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    import redis

    server = redis.Redis.from_url(REDIS_URL)
    try:
        claim = published_claim(annotator=annotator, reviewer=reviewer, editor=editor)
        reader = Client()
        url = reverse("factcheck-list")
        assert claim.claim_text in _text(reader.get(url))
        with django_assert_num_queries(0):
            assert claim.claim_text in _text(reader.get(url))
        assert any(b"public-page:" in key for key in server.keys(f"{prefix}:*"))
        newer = _publish_another(claim, annotator=annotator, reviewer=reviewer, editor=editor)
        assert newer.claim_text in _text(reader.get(url))
    finally:
        for key in server.scan_iter(f"{prefix}:*"):
            server.delete(key)


def test_a_cache_that_is_down_refuses_no_publish(claim, editor, monkeypatch, caplog):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "incr", down)
    monkeypatch.setattr(cache, "get", down)
    claim_transition(claim=claim, actor=editor, action="reopen", comment="The share was 3.7%.")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.RESEARCHING
    assert "public pages not made stale" in caplog.text
    # The pages are served, uncached.
    assert Client().get(reverse("factcheck-list")).status_code == 200
