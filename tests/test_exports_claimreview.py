import datetime
import json

import pytest
from django.utils import timezone

from annotations.exports.claimreview import claim_review, public_url
from annotations.models import Claim, Rating
from annotations.selectors import claim_review_queryset
from tests.factories import ArticleFactory, ClaimFactory, RatingFactory, VerdictFactory

PUBLISHED_AT = datetime.datetime(2026, 3, 10, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def published(db, settings):
    settings.FACTCHECK_PUBLIC_BASE_URL = "https://checks.example.org/"
    settings.FACTCHECK_ORGANIZATION_NAME = "Example Fact Desk"
    settings.FACTCHECK_ORGANIZATION_URL = "https://checks.example.org/about"
    article = ArticleFactory(
        url="https://news.example.org/budget",
        title="Budget approved",
        publisher="Example News",
        published_at=datetime.date(2026, 3, 3),
    )
    claim = ClaimFactory(
        article=article,
        published=True,
        published_at=PUBLISHED_AT,
        claimant="Dana Ortiz",
        claim_date=datetime.date(2026, 3, 2),
        claim_text="The council approved a $4.2 billion budget, up 3.9%.",
    )
    VerdictFactory(
        claim=claim,
        rating=Rating.objects.get(scale__is_default=True, slug="false"),
        is_final=True,
        approved_at=timezone.now(),
    )
    return claim


def _loaded(claim: Claim) -> Claim:
    return claim_review_queryset(Claim.objects.filter(pk=claim.pk)).get()


def test_every_required_field(published):
    review = claim_review(_loaded(published))
    rating = Rating.objects.get(scale__is_default=True, slug="false")
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://checks.example.org/factchecks/{published.pk}/",
        "claimReviewed": "The council approved a $4.2 billion budget, up 3.9%.",
        "datePublished": "2026-03-10",
        "author": {
            "@type": "Organization",
            "name": "Example Fact Desk",
            "url": "https://checks.example.org/about",
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "False",
            "ratingValue": rating.value,
            "bestRating": rating.scale.best_rating,
            "worstRating": rating.scale.worst_rating,
        },
        "inLanguage": "en",
        "itemReviewed": {
            "@type": "Claim",
            "inLanguage": "en",
            "author": {"@type": "Person", "name": "Dana Ortiz"},
            "datePublished": "2026-03-02",
            "appearance": {
                "@type": "CreativeWork",
                "url": "https://news.example.org/budget",
                "headline": "Budget approved",
                "publisher": {"@type": "Organization", "name": "Example News"},
                "datePublished": "2026-03-03",
                "inLanguage": "en",
            },
        },
    }
    json.dumps(review)


def test_checklist_rules_hold(published):
    review = claim_review(_loaded(published))
    rating = review["reviewRating"]
    assert review["url"].startswith(("http://", "https://"))
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert rating["bestRating"] > rating["worstRating"]
    assert review["itemReviewed"]["datePublished"] <= review["datePublished"]
    assert review["claimReviewed"]


def test_rating_without_value_carries_no_numbers(published):
    unverifiable = Rating.objects.get(scale__is_default=True, slug="unverifiable")
    assert unverifiable.value is None
    published.verdicts.update(rating=unverifiable)
    rating = claim_review(_loaded(published))["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": unverifiable.label}


def test_value_outside_the_scale_stays_textual(published):
    odd = RatingFactory(slug="odd", label="Odd", value=99)
    published.verdicts.update(rating=odd)
    assert "ratingValue" not in claim_review(_loaded(published))["reviewRating"]


def test_claim_date_falls_back_to_the_article_and_never_follows_the_review(published):
    Claim.objects.filter(pk=published.pk).update(claim_date=None)
    item = claim_review(_loaded(published))["itemReviewed"]
    assert item["datePublished"] == "2026-03-03"
    Claim.objects.filter(pk=published.pk).update(claim_date=datetime.date(2026, 4, 1))
    assert "datePublished" not in claim_review(_loaded(published))["itemReviewed"]


def test_optional_parts_are_left_out_when_unknown(published, settings):
    settings.FACTCHECK_ORGANIZATION_URL = ""
    published.article.url = ""
    published.article.save()
    Claim.objects.filter(pk=published.pk).update(claimant="")
    review = claim_review(_loaded(published))
    assert review["author"] == {"@type": "Organization", "name": "Example Fact Desk"}
    assert "author" not in review["itemReviewed"]
    assert "appearance" not in review["itemReviewed"]


def test_loaded_claims_need_no_query(published, django_assert_num_queries):
    claim = _loaded(published)
    with django_assert_num_queries(0):
        claim_review(claim)


def test_unpublished_claim_is_refused(db):
    claim = ClaimFactory(researching=True)
    with pytest.raises(ValueError, match="not published"):
        claim_review(claim)


def test_public_url_is_absolute(published, settings):
    settings.FACTCHECK_PUBLIC_BASE_URL = "https://x.example"
    assert public_url(published) == f"https://x.example/factchecks/{published.pk}/"
