"""Claims API: create, read, filter, update with optimistic locking, transitions, events."""

import pytest

from annotations.models import Claim, ClaimStatus, ReviewEvent
from annotations.services import claim_create
from tests.helpers import api_as, publish


def test_create_from_offsets_and_from_quote(api, annotator, article):
    api_as(api, annotator)
    start = article.text.index("120 drivers")
    response = api.post(
        "/api/v1/claims/",
        {"article": article.pk, "start": start, "end": start + len("120 drivers")},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["quote"] == "120 drivers"
    assert (body["start"], body["end"], body["status"], body["version"]) == (
        start,
        start + 11,
        "candidate",
        1,
    )

    response = api.post(
        "/api/v1/claims/",
        {"article": article.pk, "quote": "3.9% of trips were late", "claimant": "Officials"},
        format="json",
    )
    assert response.status_code == 201
    claim = Claim.objects.get(pk=response.json()["id"])
    assert article.text[claim.start : claim.end] == "3.9% of trips were late"


def test_offsets_are_code_points_after_emoji_and_arabic(api, annotator, article):
    api_as(api, annotator)
    quote = "3.9% of trips were late"
    start = article.text.index(quote)
    assert len(article.text[:start].encode("utf-16-le")) // 2 != start  # emoji before it
    response = api.post("/api/v1/claims/", {"article": article.pk, "quote": quote}, format="json")
    assert response.json()["start"] == start


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"start": 5, "end": 2}, "end"),
        ({"start": 0, "end": 100_000}, "end"),
        ({"quote": "not in the article"}, "quote"),
        ({"quote": "said"}, "quote"),
        ({"start": "x", "end": 3}, "start"),
        ({}, "quote"),
    ],
)
def test_bad_claims_get_one_error_shape_and_nothing_is_written(
    api, annotator, article, payload, field
):
    api_as(api, annotator)
    response = api.post("/api/v1/claims/", {"article": article.pk, **payload}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"message", "code", "fields"}
    assert field in body["fields"], body
    assert body["message"].startswith(f"{field}: ")
    assert Claim.objects.count() == 0


def test_unknown_article_is_a_field_error(api, annotator, db):
    api_as(api, annotator)
    response = api.post("/api/v1/claims/", {"article": 999, "quote": "x"}, format="json")
    assert response.status_code == 400
    assert "article" in response.json()["fields"]


def test_update_needs_the_version_and_refuses_stale_edits(api, annotator, other_annotator, article):
    claim = claim_create(article=article, actor=annotator, quote="120 drivers")
    api_as(api, annotator)
    url = f"/api/v1/claims/{claim.pk}/"

    missing = api.patch(url, {"claimant": "Mayor"}, format="json")
    assert missing.status_code == 400
    assert "version" in missing.json()["fields"]

    ok = api.patch(url, {"version": 1, "claimant": "Mayor"}, format="json")
    assert ok.status_code == 200
    assert ok.json()["version"] == 2

    api_as(api, other_annotator)
    stale = api.patch(url, {"version": 1, "claimant": "Someone"}, format="json")
    assert stale.status_code == 409
    body = stale.json()
    assert body["code"] == "conflict"
    assert body["current_version"] == 2
    assert "changed by annie meanwhile" in body["message"]
    claim.refresh_from_db()
    assert claim.claimant == "Mayor"


def test_update_accepts_if_match(api, annotator, article):
    claim = claim_create(article=article, actor=annotator, quote="120 drivers")
    api_as(api, annotator)
    url = f"/api/v1/claims/{claim.pk}/"
    assert api.patch(url, {"claimant": "A"}, format="json", HTTP_IF_MATCH='"1"').status_code == 200
    assert api.patch(url, {"claimant": "B"}, format="json", HTTP_IF_MATCH='"1"').status_code == 409
    bad = api.patch(url, {"claimant": "B"}, format="json", HTTP_IF_MATCH="abc")
    assert bad.status_code == 400


def test_transitions_and_events(api, annotator, reviewer, editor, article):
    claim = claim_create(article=article, actor=annotator, quote="120 drivers")
    api_as(api, annotator)
    url = f"/api/v1/claims/{claim.pk}/transitions/"
    response = api.post(url, {"action": "start", "expected_status": "candidate"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "researching"

    stale = api.post(url, {"action": "start", "expected_status": "candidate"}, format="json")
    assert stale.status_code == 409

    guarded = api.post(url, {"action": "submit"}, format="json")
    assert guarded.status_code == 400
    assert "Submit rule" in guarded.json()["message"]

    api_as(api, reviewer)
    forbidden = api.post(url, {"action": "publish"}, format="json")
    assert forbidden.status_code == 403
    assert forbidden.json()["code"] == "permission_denied"

    unknown = api.post(url, {"action": "teleport"}, format="json")
    assert unknown.status_code == 400
    assert "action" in unknown.json()["fields"]

    events = api.get(f"/api/v1/claims/{claim.pk}/events/").json()
    assert [(e["action"], e["from_status"], e["to_status"], e["actor"]) for e in events] == [
        ("start", "candidate", "researching", "annie")
    ]
    assert ReviewEvent.objects.filter(claim=claim).count() == 1


def test_anonymous_visitors_see_only_published_claims(api, annotator, reviewer, editor, article):
    hidden = claim_create(article=article, actor=annotator, quote="120 drivers")
    shown = publish(
        claim_create(article=article, actor=annotator, quote="ridership rose 12% in 2025"),
        annotator=annotator,
        reviewer=reviewer,
        editor=editor,
    )
    listing = api.get("/api/v1/claims/").json()
    assert [c["id"] for c in listing["results"]] == [shown.pk]
    assert listing["results"][0]["verdict"]["rating"] == "mostly-true"
    assert api.get(f"/api/v1/claims/{hidden.pk}/").status_code == 404
    assert api.get(f"/api/v1/claims/{hidden.pk}/events/").status_code == 404
    assert api.get(f"/api/v1/claims/{shown.pk}/evidence/").status_code == 200
    assert api.post("/api/v1/claims/", {"article": article.pk, "quote": "x"}).status_code == 401
    write = api.post(f"/api/v1/claims/{shown.pk}/transitions/", {"action": "reopen"})
    assert write.status_code == 401


@pytest.fixture
def many_claims(article, annotator):
    words = ["ridership", "rose", "12%", "2025", "Mayor", "Dana", "Ortiz", "120", "fares", "fell"]
    claims = []
    for word in words:
        claims.append(claim_create(article=article, actor=annotator, quote=word))
    return claims


def test_filters(api, annotator, other_annotator, editor, article, many_claims):
    from annotations.services import claim_assign

    claim_assign(claim=many_claims[0], actor=editor, assignee=other_annotator)
    Claim.objects.filter(pk=many_claims[1].pk).update(checkworthiness=0.9)
    api_as(api, annotator)

    def ids(query: str) -> set[int]:
        response = api.get(f"/api/v1/claims/?{query}")
        assert response.status_code == 200, response.json()
        return {c["id"] for c in response.json()["results"]}

    assert len(ids(f"article={article.pk}")) == 10
    assert ids("assignee=arthur") == {many_claims[0].pk}
    assert ids("checkworthiness_min=0.8") == {many_claims[1].pk}
    assert ids("q=Ortiz") == {many_claims[6].pk}
    assert ids("status=researching") == set()
    assert ids("origin=auto") == set()
    assert len(ids("origin=manual&status=candidate")) == 10
    assert ids("updated_since=2999-01-01T00:00:00Z") == set()
    bad = api.get("/api/v1/claims/?status=lost")
    assert bad.status_code == 400
    assert "status" in bad.json()["fields"]


def test_cursor_pagination_walks_every_claim_once(api, annotator, many_claims):
    api_as(api, annotator)
    seen, url = [], "/api/v1/claims/?page_size=3"
    while url:
        page = api.get(url).json()
        seen.extend(c["id"] for c in page["results"])
        url = page["next"]
    assert sorted(seen) == sorted(c.pk for c in many_claims)


@pytest.mark.parametrize("size", [1, 10])
def test_claim_list_runs_a_fixed_number_of_queries(
    api, annotator, many_claims, size, django_assert_num_queries
):
    api_as(api, annotator)
    # One query whatever the page size: the claims with their people, final verdicts, tags.
    with django_assert_num_queries(1):
        response = api.get(f"/api/v1/claims/?page_size={size}")
    assert len(response.json()["results"]) == size


def test_status_cannot_be_written_through_the_claim(api, annotator, article):
    claim = claim_create(article=article, actor=annotator, quote="120 drivers")
    api_as(api, annotator)
    response = api.patch(
        f"/api/v1/claims/{claim.pk}/", {"version": 1, "status": "published"}, format="json"
    )
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CANDIDATE


def test_full_text_search_uses_the_index_on_postgresql(article, annotator):
    from django.db import connection

    from annotations.api.filters import search_claims

    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (set DATABASE_URL): the GIN index on the search vector exists "
            "only there; SQLite's word-by-word fallback is tested with the other filters"
        )
    claim_create(article=article, actor=annotator, quote="120 drivers")
    with connection.cursor() as cursor:
        # A handful of rows would be read sequentially; ask what the planner can use.
        cursor.execute("SET LOCAL enable_seqscan = off")
    # Unordered: the default order joins articles, whose indexes the planner may prefer.
    plan = search_claims(Claim.objects.order_by(), "drivers").explain()
    assert "claim_search_idx" in plan
    assert [c.quote for c in search_claims(Claim.objects.all(), "drivers")] == ["120 drivers"]


def test_claim_detail_offers_the_actions_the_claim_page_offers(api, annotator, reviewer, submitted):
    from annotations.workflow_rules import actions_offered

    api_as(api, annotator)
    own = api.get(f"/api/v1/claims/{submitted.pk}/").json()["actions"]
    assert "approve" not in own  # four eyes: the researcher may not approve their own work
    assert own == list(actions_offered(user=annotator, claim=submitted))

    api_as(api, reviewer)
    other = api.get(f"/api/v1/claims/{submitted.pk}/").json()["actions"]
    assert {"approve", "request_changes"} <= set(other)
    assert other == list(actions_offered(user=reviewer, claim=submitted))


def test_write_answers_carry_the_actions_offered_next(api, annotator, article):
    api_as(api, annotator)
    created = api.post(
        "/api/v1/claims/", {"article": article.pk, "quote": "120 drivers"}, format="json"
    ).json()
    assert "start" in created["actions"]
    started = api.post(
        f"/api/v1/claims/{created['id']}/transitions/",
        {"action": "start", "expected_status": "candidate"},
        format="json",
    ).json()
    assert "start" not in started["actions"] and "submit" in started["actions"]


def test_anonymous_readers_are_offered_no_actions(api, annotator, reviewer, editor, article):
    claim = claim_create(article=article, actor=annotator, quote="120 drivers")
    publish(claim, annotator=annotator, reviewer=reviewer, editor=editor)
    assert api.get(f"/api/v1/claims/{claim.pk}/").json()["actions"] == []
