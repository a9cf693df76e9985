"""The OpenAPI schema's summaries and descriptions follow ?lang= (drf-spectacular's switch)."""

import pytest

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/vnd.oai.openapi+json"}


def schema(client, language: str | None = None) -> dict:
    query = {"lang": language} if language else {}
    response = client.get("/api/v1/schema/", query, **JSON)
    assert response.status_code == 200
    return response.json()


def test_an_operation_summary_in_french(client):
    paths = schema(client, "fr")["paths"]
    assert paths["/api/v1/claims/"]["get"]["summary"] == (
        "Lister les affirmations (anonyme : publiées uniquement)"
    )
    assert paths["/api/v1/exports/claims/"]["get"]["summary"] == (
        "Exporter les affirmations publiées (en flux)"
    )


def test_descriptions_and_nested_summaries_in_arabic(client):
    paths = schema(client, "ar")["paths"]
    evidence = paths["/api/v1/claims/{claim_id}/evidence/"]
    assert evidence["get"]["summary"] == "أدلة ادعاء"
    include = next(
        p for p in paths["/api/v1/exports/claims/"]["get"]["parameters"] if p["name"] == "include"
    )
    assert (
        include["description"]
        == "`internal`: تصدير فريق التحرير (يتطلب annotations.view_reviewevent)."
    )


def test_field_and_parameter_descriptions_in_spanish(client):
    document = schema(client, "es")
    error = document["components"]["schemas"]["Error"]["properties"]
    assert error["code"]["description"] == "Un código estable, legible por máquina."
    parameters = document["paths"]["/api/v1/claims/"]["get"]["parameters"]
    q = next(p for p in parameters if p["name"] == "q")
    assert q["description"] == "Palabras de la cita, del texto, del autor de la afirmación."


def test_the_schema_is_english_without_lang(client):
    paths = schema(client)["paths"]
    assert paths["/api/v1/claims/"]["get"]["summary"] == "List claims (anonymous: published only)"
    # A French schema asked for earlier does not leak into the next one.
    schema(client, "fr")
    assert schema(client)["paths"]["/api/v1/claims/"]["get"]["summary"].startswith("List claims")
