"""Two people act on one claim at the same moment, each on their own database connection."""

import time

import pytest
from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save

from annotations.errors import ConflictError
from annotations.models import Claim, ClaimStatus, ReviewAction, ReviewEvent, Verdict
from annotations.services import claim_transition, verdict_review
from tests.factories import ClaimFactory, EvidenceFactory, ReviewEventFactory, VerdictFactory
from tests.helpers import at_once

# serialized_rollback brings back the roles and the default scale that the data migrations
# created, which the flush of a transactional test removes. These run on both databases:
# PostgreSQL locks the claim's row, SQLite (in IMMEDIATE mode) the whole file, and either way
# the second writer waits for the first and then sees what it committed.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HOLD_LOCK_SECONDS = 0.3


@pytest.fixture
def slow_events():
    """Hold the claim's row lock a little longer, so the second request surely waits on it."""

    def pause(sender, instance, **kwargs):
        time.sleep(HOLD_LOCK_SECONDS)

    pre_save.connect(pause, sender=ReviewEvent)
    yield
    pre_save.disconnect(pause, sender=ReviewEvent)


@pytest.fixture
def claim_in_review(other_annotator) -> Claim:
    claim = ClaimFactory(in_review=True, researcher=other_annotator)
    EvidenceFactory(claim=claim)
    VerdictFactory(claim=claim, author=other_annotator)
    ReviewEventFactory(claim=claim, actor=other_annotator, submit=True)
    return claim


@pytest.mark.parametrize("expect_status", [True, False])
def test_two_reviewers_approve_at_once(
    claim_in_review, reviewer, other_reviewer, slow_events, expect_status
):
    def approve(actor):
        return lambda: claim_transition(
            claim=Claim.objects.get(pk=claim_in_review.pk),
            actor=actor,
            action=ReviewAction.APPROVE,
            expected_status=ClaimStatus.IN_REVIEW if expect_status else None,
        )

    results = at_once(approve(reviewer), approve(other_reviewer))

    outcomes = sorted(kind for kind, _ in results)
    assert outcomes == ["error", "ok"], results
    error = next(value for kind, value in results if kind == "error")
    if expect_status:
        assert isinstance(error, ConflictError)
        assert "now approved, not in review" in error.message
    else:
        assert isinstance(error, ValidationError)
        assert "Transition rule: cannot approve a claim that is approved" in str(error)

    claim = Claim.objects.get(pk=claim_in_review.pk)
    assert claim.status == ClaimStatus.APPROVED
    assert claim.version == claim_in_review.version + 1
    approvals = ReviewEvent.objects.filter(claim=claim, action=ReviewAction.APPROVE)
    assert approvals.count() == 1
    winner = next(value for kind, value in results if kind == "ok")
    assert approvals.get().actor == winner.review_events.latest("id").actor
    assert Verdict.objects.filter(claim=claim, is_final=True).count() == 1


def test_approve_and_request_changes_at_once(
    claim_in_review, reviewer, other_reviewer, slow_events
):
    results = at_once(
        lambda: claim_transition(
            claim=claim_in_review,
            actor=reviewer,
            action=ReviewAction.APPROVE,
            expected_status=ClaimStatus.IN_REVIEW,
        ),
        lambda: claim_transition(
            claim=claim_in_review,
            actor=other_reviewer,
            action=ReviewAction.REQUEST_CHANGES,
            expected_status=ClaimStatus.IN_REVIEW,
            comment="The excerpt does not say that.",
        ),
    )
    assert sorted(kind for kind, _ in results) == ["error", "ok"], results
    assert isinstance(next(value for kind, value in results if kind == "error"), ConflictError)
    events = ReviewEvent.objects.filter(claim=claim_in_review).exclude(action=ReviewAction.SUBMIT)
    assert events.count() == 1
    claim = Claim.objects.get(pk=claim_in_review.pk)
    assert claim.status == events.get().to_status


def test_two_blind_reviews_at_once_settle_once(
    claim_in_review, default_scale, reviewer, other_reviewer, slow_events
):
    default_scale.blind_review = True
    default_scale.save()
    rating = default_scale.ratings.get(slug="false")
    results = at_once(
        *(
            lambda actor=actor: verdict_review(claim=claim_in_review, actor=actor, rating=rating)
            for actor in (reviewer, other_reviewer)
        )
    )
    assert [kind for kind, _ in results] == ["ok", "ok"], results
    claim = Claim.objects.get(pk=claim_in_review.pk)
    assert claim.status == ClaimStatus.APPROVED
    reviews = ReviewEvent.objects.filter(claim=claim, action=ReviewAction.REVIEW).order_by("id")
    assert [event.to_status for event in reviews] == [ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED]
    assert Verdict.objects.filter(claim=claim, is_final=True).count() == 1
