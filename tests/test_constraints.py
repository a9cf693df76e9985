"""The database refuses bad rows even when the services are bypassed."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from annotations.models import Article, Claim, ClaimStatus, Rating, RatingScale, ReviewEvent
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    RatingFactory,
    ReviewEventFactory,
    SourceFactory,
    VerdictFactory,
)


def _refused(create) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.fixture
def article(db):
    return ArticleFactory()


def _claim_row(article, **overrides):
    fields = {"start": 0, "end": 3, "quote": article.text[0:3], "claim_text": "x"}
    fields.update(overrides)
    return Claim.objects.create(article=article, **fields)


def test_claim_start_before_end(article):
    _refused(lambda: _claim_row(article, start=3, end=3, quote=""))
    _refused(lambda: _claim_row(article, start=5, end=3, quote=""))


def test_claim_start_not_negative(article):
    # PositiveIntegerField adds its own check too; both must hold at the database.
    _refused(lambda: _claim_row(article, start=-1, end=2, quote="The"))


def test_claim_quote_must_match_the_span_length(article):
    _refused(lambda: _claim_row(article, start=0, end=3, quote="The c"))


def test_claim_span_unique_per_article(article):
    _claim_row(article)
    _refused(lambda: _claim_row(article))
    _claim_row(ArticleFactory())  # the same span in another article is fine


def test_claim_checkworthiness_between_0_and_1(article):
    _refused(lambda: _claim_row(article, checkworthiness=1.01))
    _refused(lambda: _claim_row(article, checkworthiness=-0.1))


def test_claim_status_and_origin_must_be_known(article):
    _refused(lambda: _claim_row(article, status="lost"))
    _refused(lambda: _claim_row(article, origin="magic"))


def test_published_claim_needs_a_publication_time(article):
    _refused(lambda: _claim_row(article, status=ClaimStatus.PUBLISHED))
    _claim_row(article, status=ClaimStatus.PUBLISHED, published_at=timezone.now())


def test_article_url_unique_when_set(db):
    ArticleFactory(url="https://example.org/a")
    _refused(lambda: ArticleFactory(url="https://example.org/a"))
    ArticleFactory(url="")
    ArticleFactory(url="")
    assert Article.objects.filter(url="").count() == 2


def test_article_text_not_empty(db):
    _refused(lambda: ArticleFactory(text=""))


def test_one_rating_slug_and_label_per_scale(default_scale):
    _refused(lambda: Rating.objects.create(scale=default_scale, slug="true", label="Other"))
    _refused(lambda: Rating.objects.create(scale=default_scale, slug="other", label="True"))


def test_only_one_default_rating_scale(default_scale):
    _refused(lambda: RatingScale.objects.create(name="Second", slug="second", is_default=True))


def test_scale_best_above_worst(db):
    _refused(
        lambda: RatingScale.objects.create(name="Flat", slug="flat", best_rating=1, worst_rating=1)
    )


def test_one_final_verdict_per_claim(db):
    claim = ClaimFactory(approved=True)
    VerdictFactory(claim=claim, is_final=True, approved_at=timezone.now())
    _refused(lambda: VerdictFactory(claim=claim, is_final=True, approved_at=timezone.now()))


def test_final_verdict_needs_approval_time(db):
    _refused(lambda: VerdictFactory(is_final=True, approved_at=None))


def test_source_url_unique_after_normalisation(db):
    SourceFactory(normalized_url="example.org/report")
    _refused(lambda: SourceFactory(normalized_url="example.org/report"))


def test_rating_in_use_cannot_be_deleted(db):
    verdict = VerdictFactory(rating=RatingFactory())
    with pytest.raises(Exception, match="protected"), transaction.atomic():
        verdict.rating.delete()


def test_review_events_are_append_only(db):
    event = ReviewEventFactory()
    event.comment = "rewritten"
    with pytest.raises(ValidationError, match="append-only"):
        event.save()
    with pytest.raises(ValidationError, match="append-only"):
        event.delete()
    assert ReviewEvent.objects.get(pk=event.pk).comment == ""
