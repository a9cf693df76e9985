"""Pages of the claims' rows reuse their compiled SQL, and read exactly what the ORM reads."""

from unittest import mock

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from annotations import selectors
from annotations.models import Claim, ClaimStatus
from annotations.selectors import compiled
from annotations.selectors.claim_rows import claim_rows
from annotations.services import claim_create, claim_update
from tests.helpers import api_as

ORDER = ("-updated_at", "-id")


@pytest.fixture(autouse=True)
def _nothing_compiled_yet():
    compiled._compiled.clear()
    yield
    compiled._compiled.clear()


@pytest.fixture
def claims(article, annotator) -> list[Claim]:
    first = claim_create(article=article, actor=annotator, quote="120 drivers")
    first = claim_update(
        claim=first, actor=annotator, expected_version=first.version, tags=["transit"]
    )
    second = claim_create(article=article, actor=annotator, quote="fares", claimant="Mayor")
    third = claim_create(article=article, actor=annotator, quote="ridership rose 12% in 2025")
    return [first, second, third]


def _orm_rows(*, usernames: bool, **filters) -> list[dict]:
    """Return the rows as Django compiles them, with no page compiled before."""
    return list(
        claim_rows(Claim.objects.all(), usernames=usernames).filter(**filters).order_by(*ORDER)
    )


def _page(size: int, *, usernames: bool = True, **filters) -> list[dict]:
    rows = selectors.all_claim_rows(usernames=usernames)
    return list((rows.filter(**filters) if filters else rows).order_by(*ORDER)[:size])


def _compiles(read) -> int:
    """Return how many times Django compiled a query while `read()` ran."""
    with mock.patch.object(
        SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
    ) as spy:
        read()
    return spy.call_count


@pytest.mark.parametrize("usernames", [True, False])
def test_a_page_read_twice_is_compiled_once_and_reads_what_the_orm_reads(claims, usernames):
    expected = _orm_rows(usernames=usernames)
    assert len(expected) == 3
    assert _compiles(lambda: _page(50, usernames=usernames)) > 0
    with CaptureQueriesContext(connection) as queries:
        assert _compiles(lambda: _page(50, usernames=usernames)) == 0
    assert len(queries) == 1
    assert _page(50, usernames=usernames) == expected
    assert _page(2, usernames=usernames) == expected[:2]  # another slice, its own SQL


def test_the_rows_are_read_afresh_each_time(claims, annotator):
    _page(50)
    claim = claims[0]
    claim_update(claim=claim, actor=annotator, expected_version=claim.version, claimant="Council")
    claim_create(article=claim.article, actor=annotator, quote="3.9% of trips were late")
    rows = _page(50)
    assert rows == _orm_rows(usernames=True)
    assert len(rows) == 4
    assert rows[1]["claimant"] == "Council"  # the update is the newest change but one


def test_a_filtered_query_is_compiled_by_django_each_time(claims):
    _page(50, status=ClaimStatus.CANDIDATE)
    assert _compiles(lambda: _page(50, status=ClaimStatus.CANDIDATE)) > 0
    assert _page(50, status=ClaimStatus.PUBLISHED) == []
    assert _page(50, claimant="Mayor") == _orm_rows(usernames=True, claimant="Mayor")
    assert compiled._compiled == {}


def test_other_changes_than_a_page_are_compiled_by_django(claims):
    rows = selectors.all_claim_rows()
    _page(50)
    for changed in (
        rows.order_by(*ORDER).distinct()[:50],
        rows.exclude(claimant="Mayor").order_by(*ORDER)[:50],
        rows.order_by(*ORDER).extra(select={"one": "1"})[:50],
        rows.none(),
    ):
        assert _compiles(lambda changed=changed: list(changed)) > 0 or changed.query.is_empty()
    assert len(list(rows.exclude(claimant="Mayor"))) == 2
    assert len(compiled._compiled) == 1


def test_the_language_and_time_zone_are_part_of_the_key(claims):
    _page(50)
    with translation.override("fr"):
        assert _compiles(lambda: _page(50)) > 0
    with timezone.override("Europe/Paris"):
        assert _compiles(lambda: _page(50)) > 0
    assert len(compiled._compiled) == 3


def test_the_kept_pages_are_bounded(claims, monkeypatch):
    monkeypatch.setattr(compiled, "MAX_COMPILED", 3)
    for size in range(1, 8):
        _page(size)
    assert 1 <= len(compiled._compiled) <= 3
    assert _page(3) == _orm_rows(usernames=True)[:3]


def test_the_claims_list_reads_the_same_before_and_after_its_page_is_compiled(
    api, annotator, claims
):
    client = api_as(api, annotator)
    first = client.get("/api/v1/claims/?page_size=2").json()
    again = client.get("/api/v1/claims/?page_size=2").json()
    assert first == again
    assert [item["id"] for item in first["results"]] == [claims[2].pk, claims[1].pk]
    following = client.get(first["next"]).json()
    assert [item["id"] for item in following["results"]] == [claims[0].pk]
    assert following["results"][0]["tags"] == ["transit"]


def test_two_marked_queries_keep_their_own_sql(claims):
    published = compiled.compiled_once(
        claim_rows(Claim.objects.filter(status=ClaimStatus.PUBLISHED), usernames=False)
    )
    everything = compiled.compiled_once(claim_rows(Claim.objects.all(), usernames=False))
    for _ in range(2):
        assert list(published.order_by(*ORDER)[:50]) == []
        assert len(list(everything.order_by(*ORDER)[:50])) == 3
    assert len(compiled._compiled) == 2
