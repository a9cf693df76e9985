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


@pytest.mark.parametrize(
    ("accept", "lang", "feed_title", "rated", "claimed"),
    [
        (
            "fr",
            "fr",
            "Vérifications",
            "Plutôt vrai : ",
            "Affirmé par Transit authority. The official figure is 11.8%",
        ),
        ("es", "es", "Verificaciones", "Mayormente verdadero: ", "Afirmado por Transit authority."),
        (
            "",
            "en",
            "Fact-checks",
            "Mostly true: ",
            "Claimed by Transit authority. The official figure",
        ),
    ],
    ids=["french", "spanish", "english by default"],
)
def test_the_feed_in_the_requested_language(
    client, claim, accept, lang, feed_title, rated, claimed
):
    feed = feed_in(client, accept)
    assert re.search(rf'<feed xml:lang="{lang}"[ >]', feed)
    assert f"<title>{feed_title}</title>" in feed
    # The default rating's label is ours to translate; the claim and explanation are the desk's.
    assert f"<title>{rated}{html.escape(claim.claim_text)}</title>" in feed
    assert claimed in feed


def test_the_feed_has_its_subtitle_in_french(client, claim):
    assert (
        "<subtitle>Les dernières vérifications publiées : l’affirmation, sa note et pourquoi."
        "</subtitle>" in feed_in(client, "fr")
    )


def test_a_renamed_rating_is_the_desks_word_in_every_language(client, claim):
    rating = claim.verdicts.get(is_final=True).rating
    rating.label = "Largely right"
    rating.save()
    assert "<title>Largely right : " in feed_in(client, "fr")
