"""The OpenAPI schema is valid, served with its docs offline, and true to the API.

The whole API is fuzzed against the schema in test_api_schemathesis.py; these tests pin the
individual promises the schema makes and the API keeps.
"""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from annotations.models import Comment, Rating
from annotations.services import claim_create, claim_transition, verdict_propose
from tests.helpers import make_article


def test_schema_generates_without_warnings(tmp_path):
    output = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(output))
    schema = output.read_text()
    for path in (
        "/api/v1/articles/",
        "/api/v1/articles/{id}/split/",
        "/api/v1/claims/{id}/transitions/",
        "/api/v1/claims/{id}/events/",
        "/api/v1/claims/{claim_id}/evidence/",
        "/api/v1/claims/{claim_id}/verdicts/",
        "/api/v1/claims/{claim_id}/comments/",
        "/api/v1/sources/",
        "/api/v1/rating-scales/",
        "/api/v1/users/me/",
        "/api/v1/exports/claims/",
    ):
        assert f"  {path}:" in schema, path


def test_docs_are_served_from_local_assets(client, db):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "swagger-ui" in html
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.")


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def researching(annotator):
    claim = claim_create(article=make_article(), actor=annotator, quote="120 drivers")
    return claim_transition(claim=claim, actor=annotator, action="start")


@pytest.fixture
def schema(client, db) -> dict:
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    return response.json()


def _operation(schema: dict, operation_id: str) -> dict:
    for path in schema["paths"].values():
        for operation in path.values():
            if operation.get("operationId") == operation_id:
                return operation
    raise AssertionError(f"no operation {operation_id}")


def test_verdict_list_is_paginated_as_the_schema_says(api, annotator, researching, schema):
    rating = Rating.objects.get(scale__is_default=True, slug="false")
    verdict_propose(claim=researching, actor=annotator, rating=rating, explanation="No.")
    api.force_authenticate(annotator)
    url = f"/api/v1/claims/{researching.pk}/verdicts/"

    page = api.get(url, {"page_size": 1}).json()

    assert page["count"] == 1 and page["next"] is None and page["previous"] is None
    assert [verdict["explanation"] for verdict in page["results"]] == ["No."]
    listed = _operation(schema, "claims_verdicts_list")["responses"]["200"]
    assert listed["content"]["application/json"]["schema"]["$ref"].endswith("/PaginatedVerdictList")


@pytest.mark.parametrize("value", ["0", "201", "abc", "null", "1.5", ""])
def test_page_size_outside_the_schema_is_refused(api, annotator, value):
    api.force_authenticate(annotator)
    response = api.get("/api/v1/sources/", {"page_size": value})
    assert response.status_code == 400
    assert "page_size" in response.json()["fields"]
    assert api.get("/api/v1/sources/", {"page_size": "200"}).status_code == 200


@pytest.mark.parametrize(
    "body, field",
    [
        ({"text": 0}, "text"),
        ({"text": ["a"]}, "text"),
        ({"text": True}, "text"),
    ],
)
def test_json_of_the_wrong_type_is_refused_and_changes_nothing(
    api, annotator, researching, body, field
):
    api.force_authenticate(annotator)
    url = f"/api/v1/claims/{researching.pk}/comments/"

    response = api.post(url, body, format="json")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert "Send a string" in response.json()["message"]
    assert not Comment.objects.exists()


def test_json_ids_and_booleans_must_have_their_types(api, annotator, editor, researching):
    api.force_authenticate(editor)
    article = researching.article
    as_text = api.post(
        "/api/v1/claims/", {"article": str(article.pk), "quote": "fares fell"}, format="json"
    )
    assert as_text.status_code == 400
    assert as_text.json()["fields"] == {"article": ["Send an id (a whole number), not a string."]}
    comment = Comment.objects.create(claim=researching, author=annotator, text="Off topic.")
    url = f"/api/v1/claims/{researching.pk}/comments/{comment.pk}/moderation/"
    as_number = api.post(url, {"hidden": 1}, format="json")
    assert as_number.status_code == 400 and "hidden" in as_number.json()["fields"]
    comment.refresh_from_db()
    assert not comment.hidden


def test_forms_still_send_everything_as_text(api, annotator, researching):
    api.force_authenticate(annotator)
    url = f"/api/v1/claims/{researching.pk}/comments/"
    response = api.post(url, {"text": "0"}, format="multipart")
    assert response.status_code == 201, response.json()


@pytest.mark.parametrize(
    "query, field",
    [
        ("article=-1.4e115", "article"),
        ("article=99999999999999999999", "article"),
        ("article=1.5", "article"),
        ("checkworthiness_min=7.9e27", "checkworthiness_min"),
        ("checkworthiness_max=-1", "checkworthiness_max"),
    ],
)
def test_claim_filters_out_of_range_are_refused_not_overflowed(api, annotator, query, field):
    api.force_authenticate(annotator)
    response = api.get(f"/api/v1/claims/?{query}")
    assert response.status_code == 400
    assert field in response.json()["fields"]


@pytest.mark.parametrize(
    "url, field",
    [
        # Year 1 east of UTC is before year 1 in UTC.
        ("/api/v1/claims/?updated_since=0001-01-01T00:00:00%2B05:00", "updated_since"),
        ("/api/v1/exports/claims/?since=0001-01-01T00:00:00%2B05:00", "since"),
    ],
)
def test_moments_utc_cannot_hold_are_refused(api, annotator, url, field):
    api.force_authenticate(annotator)
    response = api.get(url)
    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_moments_with_far_offsets_are_compared_in_utc(api, annotator, researching):
    # PostgreSQL refuses offsets beyond ±15:59 (a 500 before); in UTC they are plain moments.
    api.force_authenticate(annotator)
    found = api.get("/api/v1/claims/?updated_since=2000-01-01T00:00:00-19:16").json()
    assert [claim["id"] for claim in found["results"]] == [researching.pk]
    exported = api.get("/api/v1/exports/claims/?since=2000-01-01T00:00:00%2B18:30")
    assert exported.status_code == 200


def test_schema_states_who_may_call_and_every_error(schema):
    public_read = _operation(schema, "claims_retrieve")
    assert {} in public_read["security"]
    assert {} not in _operation(schema, "claims_create")["security"]
    assert {} not in _operation(schema, "sources_list")["security"]
    create = _operation(schema, "claims_create")["responses"]
    assert {"400", "401", "403", "404", "413", "415", "429"} <= set(create)
    assert "Retry-After" in create["429"]["headers"]
    assert create["413"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    assert "413" not in _operation(schema, "articles_split_create")["responses"]
    export_400 = _operation(schema, "exports_claims_retrieve")["responses"]["400"]
    assert export_400["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    assert list(_operation(schema, "claims_create")["requestBody"]["content"]) == [
        "application/json"
    ]


def test_schema_states_the_rules_bodies_and_ids_follow(schema):
    components = schema["components"]["schemas"]
    assert components["ArticleCreateRequest"]["oneOf"][0]["required"] == ["text"]
    verdict = components["VerdictCreateRequest"]
    assert verdict["anyOf"][1]["required"] == ["explanation", "expected_version"]
    assert verdict["properties"]["rating"]["minimum"] == 1
    assert components["PatchedClaimUpdateRequest"]["required"] == ["version"]
    assert components["PatchedCommentRequest"]["required"] == ["text"]
    assert components["Article"]["properties"]["url"]["anyOf"] == [
        {"format": "uri"},
        {"maxLength": 0},
    ]
    (claim_id,) = _operation(schema, "claims_retrieve")["parameters"]
    assert claim_id["schema"]["minimum"] == 1
    page_size = next(
        p for p in _operation(schema, "sources_list")["parameters"] if p["name"] == "page_size"
    )
    assert page_size["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}


def test_schema_links_created_objects_to_the_operations_that_use_them(schema):
    links = _operation(schema, "claims_create")["responses"]["201"]["links"]
    assert links["ProposeVerdict"] == {
        "operationId": "claims_verdicts_create",
        "parameters": {"claim_id": "$response.body#/id"},
        "requestBody": {"expected_version": "$response.body#/version"},
    }
    evidence_links = _operation(schema, "claims_evidence_create")["responses"]["201"]["links"]
    assert evidence_links["RemoveEvidence"]["parameters"] == {
        "claim_id": "$request.path.claim_id",
        "id": "$response.body#/id",
    }
    operation_ids = {
        operation["operationId"] for path in schema["paths"].values() for operation in path.values()
    }
    for operation in ("articles_create", "claims_create", "sources_create"):
        for link in _operation(schema, operation)["responses"]["201"]["links"].values():
            assert link["operationId"] in operation_ids
