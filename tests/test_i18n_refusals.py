"""Hostile input is refused in the request's language, though LocaleMiddleware has not run."""

import pytest
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db

FRENCH_NUL = "contient un caractère NUL (U+0000), qui n’est pas permis dans un texte."


def test_a_page_refusal_speaks_the_browsers_language():
    response = Client().get("/claims/?q=a%00b", HTTP_ACCEPT_LANGUAGE="fr")
    page = response.content.decode()
    assert response.status_code == 400
    assert "<h1>Requête invalide</h1>" in page
    assert f"Le paramètre de requête « q » {FRENCH_NUL}" in page
    assert '<html lang="fr" dir="ltr">' in page
    assert response["Content-Language"] == "fr"
    assert "Accept-Language" in response["Vary"]


def test_an_api_refusal_speaks_french_in_the_same_shape():
    response = Client().get("/api/v1/claims/?q=a%00b", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    message = f"Le paramètre de requête « q » {FRENCH_NUL}"
    # The code stays a machine-readable key; only the words follow the language.
    assert body == {"message": message, "code": "invalid", "fields": {"q": [message]}}


def test_the_language_cookie_wins_over_accept_language(settings):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    response = client.get("/claims/", {"q": "a\x00b"}, HTTP_ACCEPT_LANGUAGE="fr")
    page = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "<h1>طلب غير صالح</h1>" in page


def test_an_oversized_body_is_refused_in_spanish(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = Client().post(
        "/api/v1/articles/",
        data="x" * 500,
        content_type="text/plain",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 413
    body = response.json()
    assert body["code"] == "too_large"
    assert body["message"] == (
        "El cuerpo de la petición (500 bytes) supera el límite de 100 bytes."
    )


def test_without_a_choice_the_refusal_stays_english():
    response = Client().get("/api/v1/claims/?q=a%00b")
    assert response.json()["message"] == (
        "The query parameter 'q' contains a NUL character (U+0000), which is not allowed in text."
    )
    assert response["Content-Language"] == "en"


def test_the_refusal_leaves_no_language_behind():
    Client().get("/api/v1/claims/?q=a%00b", HTTP_ACCEPT_LANGUAGE="fr")
    assert translation.get_language() == "en"
