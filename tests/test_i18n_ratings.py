"""The shipped default ratings read in the reader's language; stored data keeps its words.

A page shows a default rating's label (and the scale's name and descriptions) translated while
it still holds the shipped English; a label a desk renamed is shown exactly as written. The
database, the API and every export keep the stored value.
"""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from annotations.exports.stream import export_stream
from annotations.models import Rating
from annotations.rating_labels import SHIPPED, shipped_text
from annotations.services import claim_create, claim_transition
from tests.helpers import published_claim

pytestmark = pytest.mark.django_db

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}


@pytest.fixture
def claim(annotator, reviewer, editor):
    """A fact-check published with the default scale's "Mostly true"."""
    return published_claim(annotator=annotator, reviewer=reviewer, editor=editor)


def rename(slug: str, label: str) -> Rating:
    rating = Rating.objects.get(scale__is_default=True, slug=slug)
    rating.label = label
    rating.save()
    return rating


def test_the_marks_cover_every_stored_default_text(default_scale):
    # What the catalogue extraction reads must match what the database holds.
    assert default_scale.name in SHIPPED
    for rating in default_scale.ratings.all():
        assert rating.label in SHIPPED
        assert rating.description in SHIPPED


def test_the_rule_translates_shipped_text_only():
    with translation.override("fr"):
        assert shipped_text("Mostly true") == "Plutôt vrai"
        assert shipped_text("Accuracy scale") == "Échelle d’exactitude"
        assert shipped_text("Mostly right") == "Mostly right"
    with translation.override("ar"):
        assert shipped_text("False") == "خاطئ"
    assert shipped_text("Mostly true") == "Mostly true"


def test_a_french_reader_sees_the_french_label_on_the_public_page(client, claim):
    page = client.get(reverse("factcheck-public", args=[claim.pk]), **FRENCH).content.decode()
    assert "Notre verdict : <strong>Plutôt vrai</strong>" in page
    assert "L’affirmation est exacte mais demande des précisions" in page
    # Outside the ClaimReview in the head, nothing shows the stored English label.
    assert "Mostly true" not in page.split("</head>", 1)[1]


def test_the_public_page_keeps_the_stored_label_in_its_claimreview(client, claim):
    page = client.get(reverse("factcheck-public", args=[claim.pk]), **FRENCH).content.decode()
    head = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(head)["reviewRating"]["alternateName"] == "Mostly true"


def test_a_french_reader_sees_french_labels_in_the_workspace_and_claim_page(client, claim, editor):
    client.force_login(editor)
    workspace = client.get(reverse("article-detail", args=[claim.article_id]), **FRENCH)
    assert '"verdict":"Plutôt vrai"' in workspace.content.decode()
    claim_page = client.get(reverse("claim-detail", args=[claim.pk]), **FRENCH).content.decode()
    assert ">Plutôt vrai</span>" in claim_page
    assert ">Mostly true</span>" not in claim_page


def test_the_verdict_form_offers_the_french_labels(client, annotator, article):
    claim = claim_create(article=article, actor=annotator, quote="ridership rose 12% in 2025")
    claim_transition(claim=claim, actor=annotator, action="start")
    client.force_login(annotator)
    page = client.get(reverse("claim-detail", args=[claim.pk]), **FRENCH).content.decode()
    assert ">Invérifiable</span>" in page
    assert "Les preuves disponibles ne suffisent pas" in page


def test_a_french_reader_sees_french_labels_in_the_admin_lists(client, claim, editor):
    client.force_login(editor)
    verdicts = client.get("/admin/annotations/verdict/", **FRENCH).content.decode()
    assert "Plutôt vrai" in verdicts
    claims = client.get("/admin/annotations/claim/", **FRENCH).content.decode()
    assert ">Plutôt vrai</span>" in claims
    scales = client.get("/admin/annotations/ratingscale/", **FRENCH).content.decode()
    assert "Échelle d’exactitude" in scales


def test_a_renamed_rating_shows_as_the_desk_wrote_it(client, claim, editor):
    rename("mostly-true", "Mostly accurate")
    page = client.get(reverse("factcheck-public", args=[claim.pk]), **FRENCH).content.decode()
    assert "Notre verdict : <strong>Mostly accurate</strong>" in page
    client.force_login(editor)
    claim_page = client.get(reverse("claim-detail", args=[claim.pk]), **FRENCH).content.decode()
    assert ">Mostly accurate</span>" in claim_page


def test_the_claimreview_export_keeps_the_stored_label(claim):
    with translation.override("fr"):
        reviews = json.loads("".join(export_stream(fmt="claimreview")))
    assert reviews[0]["reviewRating"]["alternateName"] == "Mostly true"


def test_the_api_keeps_the_stored_label(client, claim):
    response = client.get(f"/api/v1/claims/{claim.pk}/", **FRENCH)
    assert response.json()["verdict"]["label"] == "Mostly true"


def test_the_admins_choices_name_ratings_and_scales_in_the_readers_language(default_scale):
    rating = default_scale.ratings.get(slug="mostly-true")
    with translation.override("fr"):
        assert str(rating) == "Plutôt vrai"
        assert str(default_scale) == "Échelle d’exactitude"
    assert str(rating) == "Mostly true"
    assert rating.label == "Mostly true"


def test_the_audit_trail_names_the_rating_in_the_readers_language(client, claim, editor):
    client.force_login(editor)
    page = client.get(reverse("claim-detail", args=[claim.pk]), **FRENCH).content.decode()
    history = page.split('id="history"', 1)[-1]
    assert "Plutôt vrai" in history
