"""Tags on claims: the rules, the service, the API, the suggestions, the filters and exports."""

import json

import pytest
from django.core.exceptions import ValidationError

from annotations.exports.stream import export_stream
from annotations.models import Tag
from annotations.services import claim_create, claim_update
from annotations.tagging import MAX_TAG_LENGTH, MAX_TAGS_PER_CLAIM, normalize_tags
from tests.helpers import api_as, publish


def test_tags_are_trimmed_lower_cased_and_unique_in_order():
    assert normalize_tags(["  Vaccines ", "vaccines", "Public  Health", ""]) == [
        "vaccines",
        "public health",
    ]
    assert normalize_tags("Budget, ELECTIONS ,budget") == ["budget", "elections"]


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        (["x" * (MAX_TAG_LENGTH + 1)], "at most 50"),
        ([f"t{n}" for n in range(MAX_TAGS_PER_CLAIM + 1)], "at most 20"),
        (["bad\x07tag"], "control character"),
        ([7], "must be text"),
    ],
)
def test_bad_tags_are_refused_with_a_message(tags, message):
    with pytest.raises(ValidationError) as error:
        normalize_tags(tags)
    assert message in str(error.value.message_dict["tags"])


def test_a_claim_is_created_and_edited_with_tags(article, annotator):
    claim = claim_create(article=article, actor=annotator, quote="fares fell", tags=["Transit"])
    assert list(claim.tags.values_list("name", flat=True)) == ["transit"]
    claim = claim_update(
        claim=claim, actor=annotator, expected_version=claim.version, tags="budget, transit"
    )
    assert sorted(claim.tags.values_list("name", flat=True)) == ["budget", "transit"]
    assert Tag.objects.count() == 2
    assert claim.version == 2


def test_refused_tags_change_nothing(article, annotator):
    claim = claim_create(article=article, actor=annotator, quote="fares fell", tags=["transit"])
    with pytest.raises(ValidationError):
        claim_update(
            claim=claim, actor=annotator, expected_version=1, tags=["y" * (MAX_TAG_LENGTH + 5)]
        )
    claim.refresh_from_db()
    assert claim.version == 1
    assert list(claim.tags.values_list("name", flat=True)) == ["transit"]


def test_the_api_reads_and_writes_tags(api, article, annotator):
    api_as(api, annotator)
    created = api.post(
        "/api/v1/claims/",
        {"article": article.pk, "quote": "fares fell", "tags": ["Fares", "Transit"]},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["tags"] == ["fares", "transit"]
    pk = created.json()["id"]
    changed = api.patch(f"/api/v1/claims/{pk}/", {"version": 1, "tags": ["x"]}, format="json")
    assert changed.json()["tags"] == ["x"]
    refused = api.patch(f"/api/v1/claims/{pk}/", {"version": 2, "tags": ["z" * 60]}, format="json")
    assert refused.status_code == 400
    fields = refused.json()["fields"]
    assert [name for name in fields if name.startswith("tags")], fields
    assert "50" in json.dumps(fields)


def test_the_claims_list_filters_by_tag_in_fixed_queries(
    api, article, annotator, django_assert_num_queries
):
    for quote in ("fares fell", "ridership rose 12% in 2025", "120 drivers"):
        claim_create(article=article, actor=annotator, quote=quote, tags=["transit"])
    claim_create(article=article, actor=annotator, quote="3.9% of trips", tags=["delays"])
    api_as(api, annotator)
    api.get("/api/v1/claims/")  # warm the content types
    # One query: the claims with their final verdicts and tags, however many claims match.
    with django_assert_num_queries(1):
        response = api.get("/api/v1/claims/?tag=Transit")
    assert len(response.json()["results"]) == 3
    assert all(item["tags"] == ["transit"] for item in response.json()["results"])


def test_tag_suggestions_start_with_what_was_typed(api, article, annotator):
    claim_create(article=article, actor=annotator, quote="fares fell", tags=["transit", "tax"])
    claim_create(article=article, actor=annotator, quote="120 drivers", tags=["transit"])
    assert api.get("/api/v1/tags/?q=t").status_code in (401, 403)
    api_as(api, annotator)
    assert api.get("/api/v1/tags/?q=T").json() == [
        {"name": "transit", "claims": 2},
        {"name": "tax", "claims": 1},
    ]
    assert api.get("/api/v1/tags/?q=" + "q" * 51).status_code == 400


def test_exports_carry_tags_and_filter_by_them(article, annotator, reviewer, editor, settings):
    settings.FACTCHECK_PUBLIC_BASE_URL = "https://checks.example.org"
    tagged = claim_create(article=article, actor=annotator, quote="fares fell", tags=["Fares"])
    other = claim_create(article=article, actor=annotator, quote="120 drivers")
    for claim in (tagged, other):
        publish(claim, annotator=annotator, reviewer=reviewer, editor=editor)
    everything = json.loads("".join(export_stream("json")))["claims"]
    assert [record["tags"] for record in everything] == [[], ["fares"]]
    only = json.loads("".join(export_stream("json", tag="fares")))["claims"]
    assert [record["id"] for record in only] == [tagged.pk]
    (review,) = json.loads("".join(export_stream("claimreview", tag="fares")))
    assert review["keywords"] == "fares"
    annotation = json.loads("".join(export_stream("w3c", tag="fares")))[0]
    assert {"type": "TextualBody", "purpose": "tagging", "value": "fares"} in annotation["body"]
