"""The OpenAPI schema is valid, served with its docs offline, and true to the API."""

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from annotations.services import claim_create
from annotations.services.auth import api_token_create
from tests.helpers import make_article, published_claim


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


CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]


@pytest.fixture
def connection_kept_between_requests():
    # The real WSGI handler closes old database connections when a request starts and ends;
    # inside the test's transaction that would end the test's own connection (Django's test
    # client turns this off the same way).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_api_answers_generated_requests_within_its_schema(
    annotator, reviewer, editor, connection_kept_between_requests
):
    """Fuzz every operation (bounded: a few examples each) as an editor; no 5xx, no lies."""
    published_claim(annotator=annotator, reviewer=reviewer, editor=editor)
    claim_create(article=make_article(url="https://e.org/2"), actor=annotator, quote="fares fell")
    _, key = api_token_create(user=editor, name="schema fuzzing")
    headers = {"Authorization": f"Token {key}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=8,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
