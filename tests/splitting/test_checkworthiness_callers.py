"""Where check-worthiness is stored and shown: not scored (null) for languages with no model."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from annotations.models import Claim
from annotations.services import claims_split
from annotations.splitting import candidates
from annotations.splitting.checkworthiness import NOT_SCORED
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

DUTCH = "De gemeenteraad stemde dinsdag met 7 tegen 2 voor de begroting. Het was een lange avond."


def test_candidates_in_a_language_without_a_model_are_not_scored_nor_low_priority():
    found = candidates(DUTCH, "nl", low_priority_below=0.5)
    assert len(found) == 2
    assert all(c.checkworthiness is None and c.reasons == (NOT_SCORED,) for c in found)
    assert not any(c.low_priority for c in found)


def test_splitting_a_non_english_article_stores_not_scored(annotator):
    article = ArticleFactory(language="nl", text=DUTCH)
    claims_split(article=article, actor=annotator)
    stored = list(Claim.objects.filter(article=article).values_list("checkworthiness", "reasons"))
    assert stored == [(None, [NOT_SCORED])] * 2


def test_splitting_an_english_article_stores_scores(annotator):
    article = ArticleFactory(language="en-GB")
    claims_split(article=article, actor=annotator)
    values = Claim.objects.filter(article=article).values_list("checkworthiness", flat=True)
    assert values and all(0 <= v <= 1 for v in values)


def test_pages_say_not_scored_instead_of_a_number(client, annotator):
    article = ArticleFactory(language="nl", text=DUTCH)
    claims_split(article=article, actor=annotator)
    claim = Claim.objects.filter(article=article).first()
    table = render_to_string("annotations/_claim_table.html", {"claims": [claim]})
    assert "not scored" in table
    client.force_login(annotator)
    page = client.get(reverse("claim-detail", args=[claim.pk])).content.decode()
    assert "check-worthiness not scored" in page
