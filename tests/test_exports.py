"""Exports of published claims: formats, schema, streaming, CLI = API, since."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from annotations.exports.claimreview import claim_review
from annotations.exports.stream import export_stream
from annotations.models import Claim
from annotations.services import claim_create, claim_transition
from tests.export_reference import orm_published_claims
from tests.helpers import ARTICLE_TEXT, make_article, propose, publish

SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "docs" / "export.schema.json").read_text()
)


@pytest.fixture
def published(db, annotator, reviewer, editor):
    article = make_article()
    first = claim_create(
        article=article, actor=annotator, quote="ridership rose 12% in 2025", claimant="Authority"
    )
    second = claim_create(article=article, actor=annotator, quote="3.9% of trips were late")
    claim_create(article=article, actor=annotator, quote="120 drivers")  # never published
    for claim in (first, second):
        publish(claim, annotator=annotator, reviewer=reviewer, editor=editor)
    # A correction: reopened, fixed and published again.
    claim_transition(
        claim=second, actor=editor, action="reopen", comment="The share was 3.7%, not 3.9%."
    )
    propose(second, annotator, "true", "The authority's corrected figure is 3.7%.")
    claim_transition(claim=second, actor=annotator, action="submit")
    claim_transition(claim=second, actor=reviewer, action="approve")
    claim_transition(claim=second, actor=editor, action="publish")
    return [Claim.objects.get(pk=first.pk), Claim.objects.get(pk=second.pk)]


def _export(fmt: str, **kwargs) -> str:
    return "".join(export_stream(fmt, **kwargs))


def _validator():
    return jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def test_json_document_matches_the_schema(published):
    document = json.loads(_export("json"))
    _validator().validate(document)
    assert document["schema_version"] == "1.3"
    assert [c["id"] for c in document["claims"]] == [c.pk for c in published]


def test_record_carries_provenance(published, editor):
    first, second = json.loads(_export("json", internal=True))["claims"]
    assert first["visibility"] == "internal"
    article = published[0].article
    assert first["article"]["text_sha256"] == article.text_sha256
    assert first["article"]["text"] == article.text
    assert "text" not in second["article"]  # once per article per export
    assert article.text[first["selector"]["start"] : first["selector"]["end"]] == first["quote"]
    assert first["verdict"]["rating"] == "mostly-true"
    assert first["verdict"]["scale"] == {
        "slug": "default",
        "name": "Accuracy scale",
        "best": 5,
        "worst": 1,
    }
    assert first["verdict"]["reviewer"] == "rita"
    assert first["evidence"][0]["source"]["url"].startswith("https://stats.example.gov/")
    assert [e["action"] for e in first["review_history"]] == [
        "start",
        "submit",
        "approve",
        "publish",
    ]
    assert first["corrections"] == []
    assert second["corrections"][0]["note"] == "The share was 3.7%, not 3.9%."
    assert second["corrections"][0]["author"] == editor.username


def test_jsonl_has_one_valid_record_per_line(published):
    lines = _export("jsonl").splitlines()
    assert len(lines) == 2
    for line in lines:
        _validator().validate(json.loads(line))


def test_claimreview_stream_holds_one_review_per_claim(published):
    reviews = json.loads(_export("claimreview"))
    assert reviews == [claim_review(claim) for claim in published]
    review = reviews[0]
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"]["alternateName"] == "Mostly true"
    assert review["itemReviewed"]["appearance"]["url"] == "https://news.example.org/transit"


def test_nothing_unpublished_leaves(published):
    for fmt in ("json", "jsonl", "claimreview", "w3c"):
        assert "120 drivers" not in _export(fmt).replace("120 drivers 🚌", "")


def test_since_keeps_later_changes_only(published):
    later = timezone.now()
    Claim.objects.filter(pk=published[1].pk).update(updated_at=later)
    Claim.objects.filter(pk=published[0].pk).update(updated_at=later - timezone.timedelta(days=2))
    ids = [c["id"] for c in json.loads(_export("json", since=later))["claims"]]
    assert ids == [published[1].pk]


def test_empty_export_is_still_valid(db):
    assert json.loads(_export("json")) == {"schema_version": "1.3", "claims": []}
    assert _export("jsonl") == ""
    assert json.loads(_export("w3c")) == []


def test_queries_do_not_grow_with_the_number_of_claims(
    published, annotator, reviewer, editor, django_assert_num_queries
):
    # The public names, then per chunk: the claims, their articles' texts, verdicts, evidence,
    # corrections and tags.
    with django_assert_num_queries(7):
        assert len(json.loads(_export("json"))["claims"]) == 2
    article = published[0].article
    for quote in ("Mayor Dana Ortiz", "fares fell"):
        claim = claim_create(article=article, actor=annotator, quote=quote)
        publish(claim, annotator=annotator, reviewer=reviewer, editor=editor)
    with django_assert_num_queries(7):
        assert len(json.loads(_export("json"))["claims"]) == 4


@pytest.mark.parametrize(
    ("fmt", "queries"),
    # The claims, their articles, and per relation the format prints: ClaimReview the verdict
    # and tags, W3C also the evidence, our own format also the corrections, CSV the verdict and
    # tags; the formats that name people read who chose a public name.
    [("claimreview", 4), ("w3c", 6), ("jsonl", 7), ("csv", 5)],
)
def test_each_format_reads_only_what_it_prints(published, fmt, queries, django_assert_num_queries):
    with django_assert_num_queries(queries):
        assert _export(fmt)


def test_a_selection_exports_only_its_published_claims(published):
    unpublished = Claim.objects.exclude(status="published").get()
    chosen = [published[1].pk, unpublished.pk]
    records = json.loads(_export("json", ids=chosen))["claims"]
    assert [r["id"] for r in records] == [published[1].pk]
    # The first record of an article in an export carries its text, selection or not.
    assert records[0]["article"]["text"] == published[1].article.text
    assert json.loads(_export("claimreview", ids=[])) == []


def test_unknown_relations_are_refused(db):
    from annotations.exports.loader import iter_export_claims

    with pytest.raises(ValueError, match="Unknown relations: comments"):
        list(iter_export_claims(relations=("verdicts", "comments")))


def test_stream_is_produced_in_chunks(published):
    chunks = list(export_stream("jsonl", chunk_size=1))
    assert len(chunks) == 2
    assert all(chunk.endswith("\n") for chunk in chunks)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "claimreview", "w3c", "csv"])
def test_api_and_cli_give_the_same_content(published, fmt, tmp_path, capsys, settings):
    # With no request to take a host from, the command line needs the setting to agree.
    settings.FACTCHECK_PUBLIC_BASE_URL = "https://checks.example.org"
    response = APIClient().get(f"/api/v1/exports/claims/?format={fmt}")
    assert response.status_code == 200
    assert response.streaming
    api_text = b"".join(response.streaming_content).decode()

    call_command("export_claims", format=fmt)
    assert capsys.readouterr().out == api_text

    target = tmp_path / f"claims.{fmt}"
    call_command("export_claims", format=fmt, output=str(target))
    assert target.read_text("utf-8") == api_text


def test_api_export_rejects_bad_parameters(db):
    api = APIClient()
    bad_format = api.get("/api/v1/exports/claims/?format=xml")
    assert bad_format.status_code == 400
    assert "format" in bad_format.json()["fields"]
    bad_since = api.get("/api/v1/exports/claims/?since=last-tuesday")
    assert bad_since.status_code == 400
    assert "since" in bad_since.json()["fields"]
    ok = api.get("/api/v1/exports/claims/?since=2026-01-01")
    assert ok.status_code == 200


def test_cli_rejects_bad_parameters_and_writes_nothing(db, tmp_path):
    with pytest.raises(CommandError, match="not an ISO-8601"):
        call_command("export_claims", since="soon")
    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_claims", output=str(tmp_path / "missing" / "out.json"))
    assert list(tmp_path.iterdir()) == []


@override_settings(FACTCHECK_PUBLIC_BASE_URL="https://checks.example.org")
def test_urls_use_the_public_base(published):
    record = json.loads(_export("json"))["claims"][0]
    assert record["url"].startswith("https://checks.example.org/")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "claimreview", "w3c"])
def test_fast_loader_gives_what_the_orm_gives(published, fmt):
    # The stream reads plain rows; the ORM instances are the reference it must match,
    # including a time with no fraction of a second, which ISO 8601 prints without one.
    from annotations.exports.records import claim_record

    Claim.objects.filter(pk=published[0].pk).update(
        updated_at=timezone.now().replace(microsecond=0)
    )
    from annotations.exports.w3c import web_annotation

    reference, last_article = [], None
    for claim in orm_published_claims():
        if fmt in ("json", "jsonl"):
            reference.append(
                claim_record(claim, include_article_text=claim.article_id != last_article)
            )
        else:
            reference.append((claim_review if fmt == "claimreview" else web_annotation)(claim))
        last_article = claim.article_id
    streamed = _export(fmt)
    if fmt == "json":
        items = json.loads(streamed)["claims"]
    elif fmt == "jsonl":
        items = [json.loads(line) for line in streamed.splitlines()]
    else:
        items = json.loads(streamed)
    assert items == reference


def test_chunk_size_never_changes_the_content(published, annotator, reviewer, editor):
    other = make_article(url="https://news.example.org/other", text=f"{ARTICLE_TEXT}\n\nLater.")
    claim = claim_create(article=other, actor=annotator, quote="120 drivers")
    publish(claim, annotator=annotator, reviewer=reviewer, editor=editor)
    whole = _export("json")
    assert len(json.loads(whole)["claims"]) == 3
    for size in (1, 2):
        assert "".join(export_stream("json", chunk_size=size)) == whole


def test_a_selection_of_more_claims_than_query_parameters_exports(published):
    # More ids than SQLite accepts as parameters of one query (32,766).
    chosen = [published[0].pk, *range(10**6, 10**6 + 40_000)]
    records = json.loads(_export("json", ids=chosen))["claims"]
    assert [r["id"] for r in records] == [published[0].pk]
