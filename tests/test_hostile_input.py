"""Hostile input answers 4xx with a message naming the problem, and changes nothing."""

import io
import json
import random
import string
import time

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client

from annotations.anchoring import MAX_CLAIM_CHARS
from annotations.api.parsers import MAX_JSON_DEPTH
from annotations.models import Article, Claim
from annotations.search import MAX_SEARCH_LENGTH
from annotations.services import (
    SYSTEM,
    article_import,
    claim_create,
    claim_update,
    evidence_add,
    verdict_propose,
)
from annotations.services.common import MAX_TEXT_CHARS
from tests.factories import ArticleFactory, ClaimFactory
from tests.helpers import make_article

NUL_MESSAGE = "contains a NUL character (U+0000)"


def row_counts() -> dict[str, int]:
    """Return the number of rows of every model, sessions left out (logging in writes one)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label != "sessions.Session"
    }


@pytest.fixture
def desk(db, annotator, editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def article(db):
    return make_article()


def assert_api_error(response, status: int, field: str | None = None) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["message"] and body["code"]
    if field is not None:
        assert field in body["fields"], body
    return body


# NUL characters: refused before any view, on SQLite as on PostgreSQL (which cannot store them).


@pytest.mark.parametrize(
    "url",
    [
        "/articles/?q=a%00b",
        "/claims/?q=a%00b",
        "/admin/annotations/claim/?q=a%00b",
        "/admin/annotations/article/?publisher=a%00b",
        "/admin/annotations/claim/?status__exact=a%00b",
        "/admin/autocomplete/?term=a%00b&app_label=annotations&model_name=claim"
        "&field_name=assignee",
        "/articles/%00/",
    ],
)
def test_nul_in_a_page_address_is_refused(desk, article, url):
    response = desk.get(url)
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()


@pytest.mark.parametrize("url", ["/api/v1/claims/?q=a%00b", "/api/v1/articles/?search=a%00b"])
def test_nul_in_an_api_query_is_refused_in_the_api_shape(desk, url):
    body = assert_api_error(desk.get(url), 400)
    assert NUL_MESSAGE in body["message"]


def test_nul_in_a_header_is_refused(desk):
    assert_api_error(desk.get("/api/v1/claims/", HTTP_AUTHORIZATION="Token a\x00b"), 400)


def test_nul_in_a_form_field_changes_nothing(desk, article, annotator):
    claim = claim_create(article=article, actor=annotator, quote="ridership rose 12% in 2025")
    before = row_counts()
    response = desk.post(
        "/admin/annotations/claim/",
        {"action": "assign", "_selected_action": [claim.pk], "assignee": "a\x00b"},
    )
    assert response.status_code == 400
    assert "The field &#x27;assignee&#x27; " + NUL_MESSAGE in response.content.decode()
    page = desk.post("/articles/import/", {"text": "Officials said 40\x00 buses were added."})
    assert page.status_code == 400
    assert row_counts() == before
    claim.refresh_from_db()
    assert claim.assignee is None


def test_nul_in_an_uploaded_file_is_refused_with_the_field_named(desk, db):
    upload = io.BytesIO(b"Officials said 40\x00 buses were added.")
    upload.name = "report.txt"
    before = row_counts()
    response = desk.post("/articles/import/", {"file": upload})
    assert response.status_code == 400
    assert "NUL character (U+0000) at position 17" in response.content.decode()
    assert row_counts() == before


def test_the_import_service_refuses_nul_in_text_and_metadata(db):
    with pytest.raises(ValidationError) as error:
        article_import(actor=SYSTEM, file=io.BytesIO(b"a\x00b"), filename="a.txt")
    assert "file" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        article_import(actor=SYSTEM, text="Officials said so.", publisher="Wire\x00")
    assert "publisher" in error.value.message_dict
    assert Article.objects.count() == 0


def test_nul_in_a_json_body_is_refused_naming_the_field(desk, db):
    before = row_counts()
    response = desk.post(
        "/api/v1/articles/",
        json.dumps({"text": "Officials said so.", "title": "a\x00b"}),
        content_type="application/json",
    )
    body = assert_api_error(response, 400, "title")
    assert NUL_MESSAGE in body["fields"]["title"][0]
    assert row_counts() == before


@pytest.mark.parametrize(
    "content_type,data",
    [
        ("application/x-www-form-urlencoded", "title=a%00b"),
        (
            "multipart/form-data; boundary=B",
            '--B\r\nContent-Disposition: form-data; name="title"\r\n\r\na\x00b\r\n--B--\r\n',
        ),
    ],
)
def test_nul_in_an_api_form_body_is_refused(desk, article, content_type, data):
    response = desk.patch(f"/api/v1/articles/{article.pk}/", data, content_type=content_type)
    assert_api_error(response, 400, "title")
    article.refresh_from_db()
    assert article.title == "Transit report"


# Bodies the parsers cannot take.


def test_json_nested_a_thousand_deep_is_a_400(desk, db):
    before = row_counts()
    for body in ("[" * 1000 + "]" * 1000, '{"a":' * 1000 + "1" + "}" * 1000):
        response = desk.post("/api/v1/articles/", body, content_type="application/json")
        assert f"more than {MAX_JSON_DEPTH} levels" in assert_api_error(response, 400)["message"]
    assert row_counts() == before


def test_a_body_over_the_limit_is_a_413_in_the_api_shape(desk, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    before = row_counts()
    body = json.dumps({"text": "Officials said so. " * 100})
    response = desk.post("/api/v1/articles/", body, content_type="application/json")
    assert "larger than the limit of 1000 bytes" in assert_api_error(response, 413)["message"]
    form = desk.post("/api/v1/articles/", {"text": "Officials said so. " * 100})
    assert_api_error(form, 413)
    page = desk.post("/articles/import/", {"text": "Officials said so. " * 100})
    assert page.status_code == 413
    assert "larger than the limit" in page.content.decode()
    assert row_counts() == before


def test_a_multipart_patch_over_the_limit_is_a_413_in_the_api_shape(desk, article, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = '--B\r\nContent-Disposition: form-data; name="title"\r\n\r\n' + "x" * 2000
    body += "\r\n--B--\r\n"
    response = desk.patch(
        f"/api/v1/articles/{article.pk}/", body, content_type="multipart/form-data; boundary=B"
    )
    assert_api_error(response, 413)
    article.refresh_from_db()
    assert article.title == "Transit report"


def test_too_many_fields_is_a_400_in_the_api_shape(desk, db, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    form = {f"f{n}": "x" for n in range(20)} | {"text": "Officials said so."}
    body = assert_api_error(desk.post("/api/v1/articles/", form), 400)
    assert "more than 10 fields" in body["message"]
    assert_api_error(desk.get("/api/v1/claims/?" + "&".join(f"a{n}=1" for n in range(20))), 400)
    assert Article.objects.count() == 0


# Sizes that cost the database.


@pytest.mark.parametrize(
    "url,name",
    [
        ("/admin/annotations/article/", "q"),
        ("/admin/annotations/claim/", "q"),
        ("/admin/autocomplete/", "term"),
    ],
)
def test_the_admin_search_is_capped_like_the_pages(desk, db, url, name):
    response = desk.get(url, {name: "x " * 4000})
    assert response.status_code == 400
    assert f"use at most {MAX_SEARCH_LENGTH}" in response.content.decode()
    assert desk.get(url, {name: "x " * 10}).status_code != 400


@pytest.mark.parametrize("url", ["/api/v1/articles/", "/api/v1/sources/"])
def test_the_api_search_is_capped_like_the_pages(desk, db, url):
    started = time.monotonic()
    response = desk.get(url, {"search": " ".join(["w"] * 8000)})
    body = assert_api_error(response, 400, "search")
    assert f"use at most {MAX_SEARCH_LENGTH}" in body["message"]
    assert time.monotonic() - started < 2
    assert desk.get(url, {"search": "a " * (MAX_SEARCH_LENGTH // 2)}).status_code == 200


def test_a_claim_spanning_more_than_the_limit_is_refused(desk, annotator, db):
    article = ArticleFactory(text="word " * 300_000)  # 1.5 M characters
    before = row_counts()
    response = desk.post(
        "/api/v1/claims/",
        {"article": article.pk, "start": 0, "end": 1_499_999},
        content_type="application/json",
    )
    body = assert_api_error(response, 400, "end")
    assert f"at most {MAX_CLAIM_CHARS:,}" in body["message"]
    page = desk.post(
        f"/articles/{article.pk}/claims/",
        {"start": 0, "end": 1_499_999, "quote": article.text[:1_499_999]},
    )
    assert page.status_code == 302
    assert row_counts() == before
    claim = claim_create(article=article, actor=annotator, start=0, end=MAX_CLAIM_CHARS - 1)
    assert claim.end - claim.start <= MAX_CLAIM_CHARS


def test_a_claim_text_longer_than_the_limit_is_refused(annotator, db):
    claim = ClaimFactory(created_by=annotator)
    with pytest.raises(ValidationError) as error:
        claim_update(
            claim=claim, actor=annotator, expected_version=1, claim_text="x" * (MAX_CLAIM_CHARS + 1)
        )
    assert "claim_text" in error.value.message_dict
    claim.refresh_from_db()
    assert claim.version == 1


@pytest.fixture(scope="module")
def wordy_text() -> str:
    """Return ~190,000 distinct words with no sentence end: more than a search vector holds."""
    rng = random.Random(11)
    words: set[str] = set()
    while len(words) < 190_000:
        words.add("".join(rng.choices(string.ascii_lowercase, k=7)))
    return "Officials said 40 buses were added.\n\n" + " ".join(sorted(words))


def test_an_article_of_190000_distinct_words_imports_and_splits(desk, wordy_text):
    response = desk.post(
        "/api/v1/articles/", {"text": wordy_text, "split": True}, content_type="application/json"
    )
    assert response.status_code == 201, response.content[:300]
    claims = Claim.objects.filter(article_id=response.json()["id"])
    # The first sentence is a candidate; the run of words without an end is not a claim.
    assert [c.quote for c in claims] == ["Officials said 40 buses were added."]


# Import and split stand or fall together at every entry point.


@pytest.fixture
def failing_split(monkeypatch):
    def refuse(*, article, actor):
        Claim.objects.create(
            article=article, start=0, end=4, quote=article.text[:4], claim_text="x"
        )
        raise ValidationError({"text": "The split failed."})

    monkeypatch.setattr("annotations.services.splitting.claims_split", refuse)
    monkeypatch.setattr("annotations.services.claims_split", refuse)


def test_a_failed_split_leaves_no_article_behind_in_the_api(desk, db, failing_split):
    before = row_counts()
    response = desk.post(
        "/api/v1/articles/",
        {"text": "Officials said 40 buses were added.", "split": True},
        content_type="application/json",
    )
    assert_api_error(response, 400, "text")
    assert row_counts() == before


def test_a_failed_split_leaves_no_article_behind_on_the_page(desk, db, failing_split):
    before = row_counts()
    response = desk.post(
        "/articles/import/", {"text": "Officials said 40 buses were added.", "split": "on"}
    )
    assert response.status_code == 400
    assert "The split failed." in response.content.decode()
    assert row_counts() == before


def test_a_failed_split_leaves_no_article_behind_on_the_command_line(db, failing_split, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Officials said 40 buses were added.", "utf-8")
    before = row_counts()
    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_articles", str(path), "--split", stderr=io.StringIO())
    assert row_counts() == before


def test_an_overlong_username_is_refused_without_a_500(db):
    client = Client()
    for url in ("/accounts/login/", "/admin/login/"):
        response = client.post(url, {"username": "x" * 300, "password": "wrong"})
        assert response.status_code in (200, 400), url
    assert Claim.objects.count() == 0


def test_evidence_and_verdict_text_are_limited(annotator, default_scale, db):
    claim = ClaimFactory(researching=True, researcher=annotator, assignee=annotator)
    with pytest.raises(ValidationError) as error:
        evidence_add(
            claim=claim,
            actor=annotator,
            stance="supports",
            url="https://stats.example.gov/x",
            title="Statistics",
            excerpt="x" * (MAX_TEXT_CHARS + 1),
        )
    assert "excerpt" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        verdict_propose(
            claim=claim,
            actor=annotator,
            rating=default_scale.ratings.first(),
            explanation="x" * (MAX_TEXT_CHARS + 1),
        )
    assert "explanation" in error.value.message_dict
    assert row_counts()["annotations.Evidence"] == 0


def test_a_format_suffix_is_not_found_rather_than_a_500(desk, article):
    for url in (f"/api/v1/articles/{article.pk}.json", "/api/v1/claims.json"):
        assert_api_error(desk.get(url), 404)
