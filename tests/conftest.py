"""Shared fixtures: users in each role, the default rating scale, a submitted claim, and the
shared data folder."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import translation
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from annotations.exports.stream import export_stream
from annotations.management.base import LOCALE_VARIABLES
from annotations.models import Article, Claim, Rating, RatingScale, ReviewAction
from annotations.permissions import ANNOTATOR, EDITOR, REVIEWER
from annotations.services import claim_create, claim_transition, verdict_propose
from tests.factories import ClaimFactory, EvidenceFactory, UserFactory
from tests.helpers import make_article, publish
from tests.intake_pages import (
    PageServer,
    local_lookups_only,
    loopback_connections_only,
    serving,
)
from tests.intake_site import serve as serve_intake_site

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

# A loaded CI machine can make any example slow; correctness, not time, is what is tested.
hypothesis_settings.register_profile("project", deadline=None)
hypothesis_settings.load_profile("project")


@pytest.fixture
def shared_dir() -> Path:
    """Return ../shared (samples, standards, datasets), skipping when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}); these checks need its data")
    return SHARED


@pytest.fixture(autouse=True)
def english_after_each_test():
    # A request in another language leaves that language active in this thread (the server
    # picks one afresh per request; tests calling services directly would inherit it).
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def generous_api_rates(settings):
    # The suite sends many requests from one address and user; only the throttling tests
    # (tests/test_throttling.py) prove the real limits, with rates of their own.
    settings.FACTCHECK_THROTTLE_RATES = dict.fromkeys(
        settings.FACTCHECK_THROTTLE_RATES, "100000/minute"
    )
    # Never wipe a shared Redis a developer pointed the tests at.
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        cache.clear()


def _user_in(role: str, username: str):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=role))
    return user


def _person(role: str, username: str):
    """Make a fixture for a person in `role`; pytest names it after the variable it is put in."""

    @pytest.fixture
    def person(db):
        return _user_in(role, username)

    return person


annotator = _person(ANNOTATOR, "annie")
other_annotator = _person(ANNOTATOR, "arthur")
reviewer = _person(REVIEWER, "rita")
other_reviewer = _person(REVIEWER, "ravi")


@pytest.fixture
def editor(db):
    user = _user_in(EDITOR, "edith")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def article(db) -> Article:
    """The shared transit article (tests.helpers.ARTICLE_TEXT), imported by the system."""
    return make_article()


@pytest.fixture
def intake_site(settings):
    """A web site on 127.0.0.1 (tests.intake_site) that the fetcher may reach."""
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE = True
    site, server = serve_intake_site()
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture
def page_server() -> Iterator[PageServer]:
    """A server on 127.0.0.1 answering each path as the test says (tests.intake_pages)."""
    with serving() as server:
        yield server


@pytest.fixture
def allow_local(settings) -> None:
    """Let the fetcher reach the local server, as FACTCHECK_FETCH_ALLOW_PRIVATE=1 does."""
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE = True


@pytest.fixture(autouse=True)
def fetches_stay_local(monkeypatch) -> None:
    """The URL fetcher resolves no outside name in any test (tests.intake_pages)."""
    local_lookups_only(monkeypatch)


@pytest.fixture
def loopback_only(monkeypatch) -> None:
    """Fail the test if anything connects beyond this machine (a guard that let it through)."""
    loopback_connections_only(monkeypatch)


@pytest.fixture
def default_scale(db) -> RatingScale:
    return RatingScale.objects.get(is_default=True)


@pytest.fixture
def blind(default_scale) -> RatingScale:
    """Turn blind double review on for the default scale."""
    default_scale.blind_review = True
    default_scale.save()
    return default_scale


@pytest.fixture
def submitted(annotator) -> Claim:
    """A claim researched and submitted by the annotator, proposing "false"."""
    claim = claim_transition(claim=ClaimFactory(), actor=annotator, action=ReviewAction.START)
    EvidenceFactory(claim=claim)
    false = Rating.objects.get(scale__is_default=True, slug="false")
    verdict_propose(claim=claim, actor=annotator, rating=false, explanation="The figure is 9%.")
    return claim_transition(claim=claim, actor=annotator, action=ReviewAction.SUBMIT)


@pytest.fixture
def exported(db, annotator, reviewer, editor) -> str:
    """Return a desk's JSON Lines export of two published claims."""
    article = make_article()
    for quote in ("ridership rose 12% in 2025", "3.9% of trips were late"):
        claim = claim_create(article=article, actor=annotator, quote=quote, claimant="Officials")
        publish(claim, annotator=annotator, reviewer=reviewer, editor=editor)
    return "".join(export_stream("jsonl", internal=True))


@pytest.fixture
def locale_is(monkeypatch):
    """Set LANG alone, as a shell with only a system locale would."""

    def set_lang(value: str) -> None:
        for name in LOCALE_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("LANG", value)

    return set_lang
