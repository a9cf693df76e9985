"""A claim's history and the API's own refusals speak the reader's language."""

import re

import pytest
from django.urls import reverse

from annotations.models import Comment
from annotations.splitting.checkworthiness import threshold
from tests.helpers import published_claim

pytestmark = pytest.mark.django_db

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}


@pytest.fixture
def claim(annotator, reviewer, editor):
    return published_claim(annotator=annotator, reviewer=reviewer, editor=editor)


def history_of(page: str) -> str:
    return page.split('id="history"', 1)[-1]


def test_the_claim_history_reads_in_french(client, claim, editor):
    client.force_login(editor)
    page = client.get(reverse("claim-detail", args=[claim.pk]), **FRENCH).content.decode()
    history = history_of(page)
    assert "Affirmation créée" in history
    assert "Preuve ajoutée" in history
    assert "Verdict proposé" in history
    # Fields are named as their models name them, values of a vocabulary by their label.
    assert '<span class="field">Position</span>' in history
    assert '<span class="field">Final</span>' in history
    assert "oui" in history
    for english in ("Claim created", "Evidence added", "created evidence", "is_final", "stance"):
        assert english not in history


def test_the_claim_history_reads_in_english_by_default(client, claim, editor):
    client.force_login(editor)
    history = history_of(client.get(reverse("claim-detail", args=[claim.pk])).content.decode())
    assert "Claim created" in history
    assert "Evidence added" in history
    assert '<span class="field">Stance</span>' in history
    assert '<span class="field">Is final</span>' in history


def test_the_admin_history_names_fields_in_french(client, claim, editor):
    client.force_login(editor)
    url = reverse("admin:annotations_claim_change", args=[claim.pk])
    history = history_of(client.get(url, **FRENCH).content.decode())
    assert "Preuve ajoutée" in history
    assert '<span class="fc-field">Position</span>' in history


def test_a_wrong_json_type_is_refused_in_french(api, annotator, claim):
    api.force_authenticate(annotator)
    url = f"/api/v1/claims/{claim.pk}/comments/"
    response = api.post(url, {"text": 0}, format="json", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert "Envoyez une chaîne de caractères, pas un nombre." in str(response.json())
    assert not Comment.objects.exists()


def test_an_unknown_api_address_is_answered_in_spanish(client):
    response = client.get("/api/v1/nothing-here/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404
    assert response.json() == {
        "message": "No hay ningún punto de acceso de la API en /api/v1/nothing-here/.",
        "code": "not_found",
    }


def test_the_article_page_hands_its_script_an_unlocalised_threshold(client, claim, editor):
    # French writes 0,34; the panel's script reads the number with Number(), which needs 0.34.
    client.force_login(editor)
    page = client.get(claim.article.get_absolute_url(), **FRENCH).content.decode()
    (value,) = re.findall(r'data-threshold="([^"]*)"', page)
    assert float(value) == pytest.approx(threshold())


def test_the_dismissal_reasons_are_offered_in_french(client, claim, editor):
    client.force_login(editor)
    page = client.get(claim.article.get_absolute_url(), **FRENCH).content.decode()
    assert "<option>Pas une affirmation factuelle</option>" in page
    assert "Not a factual claim" not in page
