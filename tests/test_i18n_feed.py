"""The fact-check feed says our own words in the request's language and names it."""

import html
import re

import pytest
from django.urls import reverse

from tests.helpers import published_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim(annotator, reviewer, editor):
    return published_claim(annotator=annotator, reviewer=reviewer, editor=editor)


def feed_in(client, language: str) -> str:
    response = client.get(reverse("factcheck-feed"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_the_feed_in_french(client, claim):
    feed = feed_in(client, "fr")
    assert re.search(r'<feed xml:lang="fr"[ >]', feed)
    assert "<title>Vérifications</title>" in feed
    assert (
        "<subtitle>Les dernières vérifications publiées : l’affirmation, sa note et pourquoi."
        "</subtitle>" in feed
    )
    # The default rating's label is ours to translate; the claim and explanation are the desk's.
    assert f"<title>Plutôt vrai : {html.escape(claim.claim_text)}</title>" in feed
    assert "Affirmé par Transit authority. The official figure is 11.8%" in feed


def test_the_feed_in_spanish(client, claim):
    feed = feed_in(client, "es")
    assert 'xml:lang="es"' in feed
    assert "<title>Verificaciones</title>" in feed
    assert f"<title>Mayormente verdadero: {html.escape(claim.claim_text)}</title>" in feed
    assert "Afirmado por Transit authority." in feed


def test_the_feed_in_english_by_default(client, claim):
    feed = feed_in(client, "")
    assert 'xml:lang="en"' in feed
    assert "<title>Fact-checks</title>" in feed
    assert f"<title>Mostly true: {html.escape(claim.claim_text)}</title>" in feed
    assert "Claimed by Transit authority. The official figure" in feed


def test_a_renamed_rating_is_the_desks_word_in_every_language(client, claim):
    rating = claim.verdicts.get(is_final=True).rating
    rating.label = "Largely right"
    rating.save()
    assert "<title>Largely right : " in feed_in(client, "fr")
