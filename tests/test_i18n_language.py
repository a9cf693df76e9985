"""The article's language travels with it: public pages' `lang` and ClaimReview `inLanguage`."""

import json
import re

import pytest
from django.urls import reverse

from annotations.exports.stream import export_stream
from annotations.services import SYSTEM, article_import, claim_create
from tests.helpers import publish

pytestmark = pytest.mark.django_db

ARABIC = "قال الوزير إن الأسعار ارتفعت 30% هذا العام.\n\nThe minister spoke on Monday."


@pytest.fixture
def arabic_claim(annotator, reviewer, editor):
    article = article_import(
        actor=SYSTEM, text=ARABIC, title="الأسعار", language="ar", url="https://news.example/ar"
    )
    claim = claim_create(article=article, actor=annotator, quote="الأسعار ارتفعت 30%")
    return publish(claim, annotator=annotator, reviewer=reviewer, editor=editor)


def test_claimreview_carries_the_articles_language(arabic_claim):
    reviews = json.loads("".join(export_stream(fmt="claimreview")))
    (review,) = reviews
    assert review["inLanguage"] == "ar"
    assert review["itemReviewed"]["inLanguage"] == "ar"
    assert review["itemReviewed"]["appearance"]["inLanguage"] == "ar"


def test_the_public_page_marks_the_claim_and_quote_with_the_articles_language(client, arabic_claim):
    page = client.get(reverse("factcheck-public", args=[arabic_claim.pk])).content.decode()
    # The interface stays English; the claim, its quote and the article's title are Arabic.
    assert '<html lang="en" dir="ltr">' in page
    assert re.search(r'<h1 class="factcheck-claim" lang="ar" dir="auto">', page)
    assert '<q lang="ar" dir="auto">الأسعار ارتفعت 30%</q>' in page
    assert 'lang="ar" dir="auto">الأسعار</a>' in page
    embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(embedded.group(1))["inLanguage"] == "ar"


def test_the_public_page_in_arabic_is_right_to_left(client, arabic_claim):
    page = client.get(
        reverse("factcheck-public", args=[arabic_claim.pk]), headers={"accept-language": "ar"}
    ).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "حكمنا:" in page  # "Our verdict:"
