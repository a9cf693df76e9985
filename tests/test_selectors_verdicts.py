"""Verdict reads: the final verdict, and the one sealing rule the pages and the admin share."""

import pytest
from django.db.models import Prefetch

from annotations.models import Claim, ClaimStatus, ReviewAction, Verdict, VerdictRole
from annotations.selectors import (
    claim_audit_trail,
    final_among,
    final_verdict,
    final_verdicts_prefetch,
    sealed_review_ids,
    shown_verdict,
    verdicts_unsealed,
    verdicts_visible_to,
)
from annotations.services import claim_transition, verdict_review
from tests.factories import ClaimFactory, VerdictFactory
from tests.test_services_verdicts import rating

A = ReviewAction


@pytest.fixture
def one_review_in(blind, submitted, reviewer) -> tuple[Claim, Verdict]:
    """A claim in blind review with the first reviewer's verdict given."""
    review = verdict_review(
        claim=submitted, actor=reviewer, rating=rating("true"), explanation="Yes."
    )
    return Claim.objects.get(pk=submitted.pk), review


def test_a_sealed_review_is_hidden_alike_on_the_page_in_the_admin_and_the_trail(
    one_review_in, reviewer, other_reviewer, editor
):
    claim, review = one_review_in
    for someone in (other_reviewer, editor):
        assert review not in verdicts_visible_to(claim=claim, user=someone)
        assert review not in verdicts_unsealed(Verdict.objects.all(), user=someone)
        assert sealed_review_ids(claim=claim, user=someone) == {review.pk}
        trail = claim_audit_trail(claim=claim, viewer=someone)
        assert review.pk not in {entry.object_id for entry in trail if entry.kind == "verdict"}
    assert review in verdicts_visible_to(claim=claim, user=reviewer)
    assert review in verdicts_unsealed(Verdict.objects.all(), user=reviewer)
    assert sealed_review_ids(claim=claim, user=reviewer) == set()


def test_the_second_review_unseals_both(one_review_in, other_reviewer, editor):
    claim, review = one_review_in
    second = verdict_review(
        claim=claim, actor=other_reviewer, rating=rating("false"), explanation="No."
    )
    assert {review, second} <= set(verdicts_visible_to(claim=claim, user=editor))
    assert {review, second} <= set(verdicts_unsealed(Verdict.objects.all(), user=editor))
    assert sealed_review_ids(claim=claim, user=editor) == set()


def test_a_review_of_an_earlier_submission_is_no_longer_sealed(
    one_review_in, annotator, other_reviewer, editor
):
    claim, review = one_review_in
    claim = claim_transition(
        claim=claim, actor=other_reviewer, action=A.REQUEST_CHANGES, comment="Add a source."
    )
    claim = claim_transition(claim=claim, actor=annotator, action=A.SUBMIT)
    assert review in verdicts_visible_to(claim=claim, user=editor)
    assert review in verdicts_unsealed(Verdict.objects.all(), user=editor)


def test_final_verdict_reads_what_was_prefetched(db, django_assert_num_queries):
    claim = ClaimFactory(status=ClaimStatus.APPROVED)
    VerdictFactory(claim=claim, role=VerdictRole.PROPOSAL)
    final = VerdictFactory(claim=claim, is_final=True, approved_at=claim.created_at)
    loaded = Claim.objects.prefetch_related(final_verdicts_prefetch()).get(pk=claim.pk)
    with django_assert_num_queries(0):
        assert final_verdict(loaded) == final
    all_loaded = Claim.objects.prefetch_related(Prefetch("verdicts")).get(pk=claim.pk)
    with django_assert_num_queries(0):
        assert final_verdict(all_loaded) == final
        assert final_among(all_loaded.verdicts.all()) == final
        assert shown_verdict(all_loaded.verdicts.all()) == final


def test_shown_verdict_falls_back_on_the_latest_open_proposal(db):
    claim = ClaimFactory(status=ClaimStatus.RESEARCHING)
    VerdictFactory(claim=claim, role=VerdictRole.PROPOSAL)
    latest = VerdictFactory(claim=claim, role=VerdictRole.PROPOSAL)
    assert final_verdict(claim) is None
    assert shown_verdict(claim.verdicts.all()) == latest
