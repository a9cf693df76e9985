"""Articles, sources, evidence, verdicts, comments, rating scales and the current user."""

import pytest
from django.core.management import call_command

from annotations.models import Article, Claim, Comment, Evidence, Rating, Source, Verdict
from annotations.services import claim_create, claim_transition
from tests.helpers import ARTICLE_TEXT, api_as


@pytest.fixture
def researching(article, annotator):
    claim = claim_create(article=article, actor=annotator, quote="120 drivers")
    return claim_transition(claim=claim, actor=annotator, action="start")


def test_import_article_lifts_metadata(api, annotator):
    api_as(api, annotator)
    response = api.post(
        "/api/v1/articles/", {"text": ARTICLE_TEXT, "url": "https://e.org/a"}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["published_at"], body["publisher"], body["dateline"]) == (
        "2026-05-04",
        "Example Wire",
        "Porto",
    )
    assert "(Example Wire" not in body["text"]
    assert body["original"] == ARTICLE_TEXT


def test_import_article_with_split(api, annotator):
    api_as(api, annotator)
    response = api.post("/api/v1/articles/", {"text": ARTICLE_TEXT, "split": True}, format="json")
    assert response.status_code == 201
    claims = Claim.objects.filter(article_id=response.json()["id"])
    assert claims.count() >= 3
    assert all(c.origin == "auto" for c in claims)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": "   "}, "text"),
        ({}, "text"),
        ({"text": "Fine.", "url": "nope"}, "url"),
        ({"text": "Fine.", "published_at": "2026-13-01"}, "published_at"),
        ({"text": "Fine.", "language": "English"}, "language"),
    ],
)
def test_bad_article_input(api, annotator, payload, field):
    api_as(api, annotator)
    response = api.post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["fields"], response.json()
    assert Article.objects.count() == 0


def test_list_articles_with_counts_and_retrieve(api, annotator, article, researching):
    api_as(api, annotator)
    listing = api.get("/api/v1/articles/").json()
    assert listing["count"] == 1
    assert listing["results"][0]["claim_counts"]["researching"] == 1
    assert "text" not in listing["results"][0]
    detail = api.get(f"/api/v1/articles/{article.pk}/").json()
    assert detail["text"] == article.text


def test_article_metadata_update_is_for_annotators_and_editors(
    api, annotator, reviewer, editor, article
):
    url = f"/api/v1/articles/{article.pk}/"
    assert api_as(api, reviewer).patch(url, {"title": "X"}, format="json").status_code == 403
    assert api_as(api, annotator).patch(url, {"title": "Fixed"}, format="json").status_code == 200
    response = api_as(api, editor).patch(url, {"title": "Renamed"}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "Renamed"
    unknown = api.patch(url, {"text": "Other"}, format="json")
    assert unknown.status_code == 200  # unknown fields are ignored; the text never changes
    article.refresh_from_db()
    assert article.text.startswith("The transit authority")


def test_split_endpoint(api, annotator, reviewer, article):
    url = f"/api/v1/articles/{article.pk}/split/"
    assert api_as(api, reviewer).post(url).status_code == 403
    response = api_as(api, annotator).post(url)
    assert response.status_code == 200
    assert len(response.json()["created"]) == Claim.objects.filter(origin="auto").count() > 0


def test_evidence_with_new_and_existing_sources(api, annotator, researching):
    api_as(api, annotator)
    url = f"/api/v1/claims/{researching.pk}/evidence/"
    first = api.post(
        url,
        {"url": "https://stats.example.gov/r", "title": "Report", "stance": "refutes"},
        format="json",
    )
    assert first.status_code == 201, first.json()
    source_id = first.json()["source"]["id"]
    other = claim_transition(
        claim=claim_create(article=researching.article, actor=annotator, quote="fares fell"),
        actor=annotator,
        action="start",
    )
    reuse = api.post(
        f"/api/v1/claims/{other.pk}/evidence/",
        {"source": source_id, "stance": "context"},
        format="json",
    )
    assert reuse.status_code == 201
    assert Source.objects.count() == 1
    evidence_id = first.json()["id"]
    patched = api.patch(f"{url}{evidence_id}/", {"note": "Table 3"}, format="json")
    assert patched.json()["note"] == "Table 3"
    assert api.get(url).json()[0]["note"] == "Table 3"
    bad = api.post(url, {"stance": "maybe", "url": "https://x.org"}, format="json")
    assert bad.status_code == 400
    assert "stance" in bad.json()["fields"]
    assert api.delete(f"{url}{evidence_id}/").status_code == 204
    assert not Evidence.objects.filter(pk=evidence_id).exists()


def test_sources(api, annotator, reviewer):
    api_as(api, annotator)
    created = api.post(
        "/api/v1/sources/",
        {"url": "https://www.example.gov/data?utm_source=x", "title": "Data", "kind": "dataset"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    again = api.post(
        "/api/v1/sources/", {"url": "https://example.gov/data", "title": "Data"}, format="json"
    )
    assert again.status_code == 400
    assert api.get("/api/v1/sources/?search=Data").json()["count"] == 1
    assert api_as(api, reviewer).post("/api/v1/sources/", {"title": "R"}).status_code == 403


def test_verdict_proposal_then_listing(api, annotator, reviewer, researching):
    rating = Rating.objects.get(scale__is_default=True, slug="false")
    url = f"/api/v1/claims/{researching.pk}/verdicts/"
    seen = researching.version
    response = api_as(api, annotator).post(
        url,
        {"rating": rating.pk, "explanation": "No such hiring.", "expected_version": seen},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["rating"]["slug"] == "false"
    assert [v["role"] for v in api_as(api, reviewer).get(url).json()["results"]] == ["proposal"]
    empty = api_as(api, annotator).post(
        url, {"rating": rating.pk, "expected_version": seen + 1}, format="json"
    )
    assert empty.status_code == 400
    assert "explanation" in empty.json()["fields"]
    assert Verdict.objects.count() == 1


def test_comments_edit_and_moderation(api, annotator, reviewer, editor, researching):
    url = f"/api/v1/claims/{researching.pk}/comments/"
    created = api_as(api, annotator).post(url, {"text": "Need the 2024 baseline."}, format="json")
    assert created.status_code == 201
    comment_id = created.json()["id"]
    edited = api.patch(f"{url}{comment_id}/", {"text": "Need the 2023 baseline."}, format="json")
    assert edited.status_code == 200
    assert edited.json()["edited_at"] is not None
    other = api_as(api, reviewer).patch(f"{url}{comment_id}/", {"text": "Mine now"}, format="json")
    assert other.status_code == 403
    denied = api.post(f"{url}{comment_id}/moderation/", {"hidden": True}, format="json")
    assert denied.status_code == 403
    hidden = api_as(api, editor).post(
        f"{url}{comment_id}/moderation/", {"hidden": True, "reason": "off topic"}, format="json"
    )
    assert hidden.status_code == 200
    assert hidden.json()["hidden"] is True
    assert Comment.objects.filter(pk=comment_id).exists()
    empty = api_as(api, annotator).post(url, {"text": ""}, format="json")
    assert empty.status_code == 400


def test_rating_scales_are_public(api, db):
    scales = api.get("/api/v1/rating-scales/").json()
    default = next(scale for scale in scales if scale["is_default"])
    assert [r["slug"] for r in default["ratings"]][:2] == ["true", "mostly-true"]


def test_me(api, reviewer):
    assert api.get("/api/v1/users/me/").status_code == 401
    body = api_as(api, reviewer).get("/api/v1/users/me/").json()
    assert (body["username"], body["roles"]) == ("rita", ["reviewer"])


def test_token_authentication(api, annotator, capsys):
    call_command("create_api_token", "annie")
    token = capsys.readouterr().out.strip()
    assert len(token) == 43
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/users/me/").json()["username"] == "annie"
    # Only a digest is kept, so each call makes a new key; the earlier one keeps working.
    call_command("create_api_token", "annie")
    second = capsys.readouterr().out.strip()
    assert second != token
    assert api.get("/api/v1/users/me/").status_code == 200
    call_command("create_api_token", "annie", reset=True)
    assert capsys.readouterr().out.strip() not in (token, second)
    response = api.get("/api/v1/users/me/")
    assert response.status_code == 401
    assert "was revoked" in response.json()["message"]
    api.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert api.get("/api/v1/users/me/").json()["message"] == "Invalid token."


def test_token_command_rejects_unknown_users(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No user is called 'ghost'"):
        call_command("create_api_token", "ghost")


def test_import_html_keeps_no_script(api, annotator):
    page = (
        "<html lang='en'><head><title>Buses added</title></head><body><article>"
        "<h1>Buses added</h1><p>Officials said 40 buses were added in 2025, "
        "according to the transit authority's annual report.</p>"
        "<p onclick='steal()'>Ridership rose 12% over the year.<script>steal()</script></p>"
        "</article></body></html>"
    )
    response = api_as(api, annotator).post("/api/v1/articles/", {"html": page}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert "Ridership rose 12%" in body["text"]
    assert "steal" not in body["text"] and "steal" not in body["html"]
    assert "<script" not in body["html"] and "onclick" not in body["html"]


def test_text_and_html_together_are_refused(api, annotator):
    response = api_as(api, annotator).post(
        "/api/v1/articles/", {"text": "A.", "html": "<p>B.</p>"}, format="json"
    )
    assert response.status_code == 400
    assert Article.objects.count() == 0
