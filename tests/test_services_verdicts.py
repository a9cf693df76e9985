"""Verdicts: the researcher's proposal and blind double review with adjudication, end to end."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annotations.models import (
    Claim,
    ClaimStatus,
    Rating,
    ReviewAction,
    ReviewEvent,
    Verdict,
    VerdictRole,
)
from annotations.selectors import adjudication_queue, review_queue_for, verdicts_visible_to
from annotations.services import (
    claim_assign,
    claim_transition,
    verdict_adjudicate,
    verdict_propose,
    verdict_review,
    verdict_set,
)
from tests.factories import ClaimFactory, EvidenceFactory, RatingFactory, RatingScaleFactory

S = ClaimStatus
A = ReviewAction


def rating(slug: str) -> Rating:
    return Rating.objects.get(scale__is_default=True, slug=slug)


@pytest.fixture
def editor_two(db):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    user = UserFactory(username="elena")
    user.groups.add(Group.objects.get(name="editor"))
    return user


# The researcher's proposal.


def test_propose_then_revise_keeps_one_proposal_with_history(annotator):
    claim = claim_transition(claim=ClaimFactory(), actor=annotator, action=A.START)
    first = verdict_propose(
        claim=claim, actor=annotator, rating=rating("false"), explanation="Wrong."
    )
    second = verdict_propose(
        claim=claim, actor=annotator, rating=rating("mostly-false"), explanation="Mostly wrong."
    )
    assert first.pk == second.pk
    assert Verdict.objects.filter(claim=claim).count() == 1
    assert [record.rating.slug for record in second.history.order_by("history_date")] == [
        "false",
        "mostly-false",
    ]
    assert second.history.latest("history_date").history_user == annotator


def test_propose_refuses_a_retired_rating(annotator):
    claim = claim_transition(claim=ClaimFactory(), actor=annotator, action=A.START)
    retired = rating("half-true")
    retired.retired = True
    retired.save()
    with pytest.raises(ValidationError, match="Rating rule: 'Half true' is retired") as error:
        verdict_propose(claim=claim, actor=annotator, rating=retired, explanation="Half.")
    assert error.value.error_dict["rating"][0].code == "rating_retired"
    assert not Verdict.objects.filter(claim=claim).exists()


def test_propose_needs_an_explanation(annotator):
    claim = claim_transition(claim=ClaimFactory(), actor=annotator, action=A.START)
    with pytest.raises(ValidationError, match="explain the rating") as error:
        verdict_propose(claim=claim, actor=annotator, rating=rating("false"), explanation=" ")
    assert "explanation" in error.value.message_dict


def test_propose_only_while_researching(submitted, annotator):
    with pytest.raises(ValidationError, match=r"Research rule: .* this one is in review"):
        verdict_propose(
            claim=submitted, actor=annotator, rating=rating("true"), explanation="Changed mind."
        )


def test_reviewer_cannot_propose(reviewer):
    with pytest.raises(PermissionDenied, match="Role rule"):
        verdict_propose(
            claim=ClaimFactory(), actor=reviewer, rating=rating("true"), explanation="True."
        )


def test_only_the_assignee_proposes(annotator, other_annotator, editor):
    claim = claim_transition(claim=ClaimFactory(), actor=annotator, action=A.START)
    with pytest.raises(PermissionDenied, match=r"Assignment rule: .* assigned to annie"):
        verdict_propose(claim=claim, actor=other_annotator, rating=rating("true"), explanation="T")
    assert verdict_propose(claim=claim, actor=editor, rating=rating("true"), explanation="T")


def test_verdict_set_proposes_by_default(annotator):
    claim = claim_transition(claim=ClaimFactory(), actor=annotator, action=A.START)
    verdict = verdict_set(claim=claim, actor=annotator, rating=rating("true"), explanation="T.")
    assert verdict.role == VerdictRole.PROPOSAL


def test_verdict_set_refuses_an_unknown_role(annotator):
    with pytest.raises(ValidationError, match="Unknown verdict role"):
        verdict_set(claim=ClaimFactory(), actor=annotator, rating=rating("true"), role="vote")


# Blind double review.


def test_blind_review_agreement_approves(blind, submitted, annotator, reviewer, other_reviewer):
    with pytest.raises(ValidationError, match="Blind review rule: this claim needs two"):
        claim_transition(claim=submitted, actor=reviewer, action=A.APPROVE)

    first = verdict_review(
        claim=submitted, actor=reviewer, rating=rating("false"), explanation="Agency says 9%."
    )
    claim = Claim.objects.get(pk=submitted.pk)
    assert claim.status == S.IN_REVIEW
    event = ReviewEvent.objects.filter(claim=claim).latest("id")
    assert (event.action, event.to_status) == (A.REVIEW, S.IN_REVIEW)
    assert "rating" not in str(event.data) and "false" not in str(event.data)

    # Sealed: only its author sees it until the second verdict is in, editors included.
    assert first in verdicts_visible_to(claim=claim, user=reviewer)
    for someone in (other_reviewer, annotator):
        assert first not in verdicts_visible_to(claim=claim, user=someone)

    second = verdict_review(
        claim=claim, actor=other_reviewer, rating=rating("false"), explanation="Same."
    )
    claim = Claim.objects.get(pk=submitted.pk)
    assert claim.status == S.APPROVED
    event = ReviewEvent.objects.filter(claim=claim).latest("id")
    assert (event.action, event.from_status, event.to_status) == (
        A.REVIEW,
        S.IN_REVIEW,
        S.APPROVED,
    )
    assert event.data["agreed"] is True
    final = Verdict.objects.get(claim=claim, is_final=True)
    assert final == first
    assert final.approved_by == other_reviewer
    visible = verdicts_visible_to(claim=claim, user=other_reviewer)
    assert first in visible and second in visible
    # One event per review, none by anyone else.
    assert list(
        ReviewEvent.objects.filter(claim=claim).order_by("id").values_list("action", flat=True)
    ) == [A.START, A.SUBMIT, A.REVIEW, A.REVIEW]


def test_blind_review_disagreement_goes_to_an_editor(
    blind, submitted, reviewer, other_reviewer, editor, other_annotator
):
    verdict_review(claim=submitted, actor=reviewer, rating=rating("false"), explanation="9%.")
    verdict_review(
        claim=submitted, actor=other_reviewer, rating=rating("misleading"), explanation="Context."
    )
    claim = Claim.objects.get(pk=submitted.pk)
    assert claim.status == S.IN_REVIEW
    assert ReviewEvent.objects.filter(claim=claim).latest("id").data["agreed"] is False
    assert list(adjudication_queue()) == [claim]
    assert claim not in review_queue_for(user=editor)

    # Nobody else may add a third review, and a reviewer may not adjudicate.
    with pytest.raises(ValidationError, match="both reviewer verdicts are already in"):
        verdict_review(claim=claim, actor=editor, rating=rating("false"))
    with pytest.raises(PermissionDenied, match=r"Role rule: .* editor role"):
        verdict_adjudicate(
            claim=claim, actor=reviewer, rating=rating("false"), explanation="9%.", comment="Me."
        )
    with pytest.raises(ValidationError, match="Comment rule: Adjudicating needs a comment"):
        verdict_adjudicate(
            claim=claim, actor=editor, rating=rating("false"), explanation="9%.", comment=""
        )
    before = Claim.objects.get(pk=claim.pk).version

    final = verdict_adjudicate(
        claim=claim,
        actor=editor,
        rating=rating("mostly-false"),
        explanation="The figure is wrong and lacks the 2023 baseline.",
        comment="Both have a point: the number is wrong, and the framing misleads.",
    )
    claim = Claim.objects.get(pk=claim.pk)
    assert claim.status == S.APPROVED
    assert claim.version == before + 1
    assert (final.role, final.is_final, final.approved_by, final.rating.slug) == (
        VerdictRole.ADJUDICATION,
        True,
        editor,
        "mostly-false",
    )
    event = ReviewEvent.objects.filter(claim=claim).latest("id")
    assert (event.action, event.actor, event.to_status) == (A.ADJUDICATE, editor, S.APPROVED)
    assert event.comment.startswith("Both have a point")
    assert list(adjudication_queue()) == []

    claim = claim_transition(claim=claim, actor=editor, action=A.PUBLISH)
    assert claim.status == S.PUBLISHED


def test_an_editor_who_reviewed_cannot_adjudicate(blind, submitted, reviewer, editor, editor_two):
    verdict_review(claim=submitted, actor=reviewer, rating=rating("false"))
    verdict_review(claim=submitted, actor=editor, rating=rating("true"))
    with pytest.raises(PermissionDenied, match="Four-eyes rule: an editor who gave one"):
        verdict_adjudicate(
            claim=submitted, actor=editor, rating=rating("true"), explanation="T.", comment="C."
        )
    verdict_adjudicate(
        claim=submitted, actor=editor_two, rating=rating("false"), explanation="F.", comment="C."
    )
    assert Claim.objects.get(pk=submitted.pk).status == S.APPROVED


def test_adjudication_only_when_reviews_disagree(blind, submitted, reviewer, editor):
    verdict_review(claim=submitted, actor=reviewer, rating=rating("false"))
    with pytest.raises(ValidationError, match="Adjudication rule"):
        verdict_adjudicate(
            claim=submitted, actor=editor, rating=rating("false"), explanation="F.", comment="C."
        )


def test_researcher_cannot_review_blind(blind, submitted, annotator):
    from django.contrib.auth.models import Group

    annotator.groups.add(Group.objects.get(name="reviewer"))
    annotator = type(annotator).objects.get(pk=annotator.pk)
    with pytest.raises(PermissionDenied, match="Four-eyes rule: annie"):
        verdict_review(claim=submitted, actor=annotator, rating=rating("false"))


def test_a_reviewer_reviews_once_per_submission(blind, submitted, reviewer):
    verdict_review(claim=submitted, actor=reviewer, rating=rating("false"))
    with pytest.raises(ValidationError, match="already given your verdict"):
        verdict_review(claim=submitted, actor=reviewer, rating=rating("true"))
    assert Verdict.objects.filter(claim=submitted, role=VerdictRole.REVIEW).count() == 1


def test_review_refuses_retired_and_foreign_ratings(blind, submitted, reviewer):
    retired = rating("half-true")
    retired.retired = True
    retired.save()
    with pytest.raises(ValidationError, match="is retired"):
        verdict_review(claim=submitted, actor=reviewer, rating=retired)
    other_scale = RatingScaleFactory()
    foreign = RatingFactory(scale=other_scale, slug="pants-on-fire", label="Pants on fire")
    with pytest.raises(ValidationError, match="rate on the claim's scale"):
        verdict_review(claim=submitted, actor=reviewer, rating=foreign)
    assert not Verdict.objects.filter(claim=submitted, role=VerdictRole.REVIEW).exists()


def test_review_is_refused_when_blind_review_is_off(submitted, reviewer):
    with pytest.raises(ValidationError, match="blind double review is off"):
        verdict_review(claim=submitted, actor=reviewer, rating=rating("false"))


def test_blind_review_can_be_switched_on_globally(settings, submitted, reviewer):
    settings.FACTCHECK_BLIND_REVIEW = True
    verdict_review(claim=submitted, actor=reviewer, rating=rating("false"))
    assert Claim.objects.get(pk=submitted.pk).status == S.IN_REVIEW


def test_a_new_submission_starts_a_new_blind_round(
    blind, submitted, annotator, reviewer, other_reviewer, editor
):
    verdict_review(claim=submitted, actor=reviewer, rating=rating("false"))
    claim = claim_transition(
        claim=submitted,
        actor=other_reviewer,
        action=A.REQUEST_CHANGES,
        comment="Add the agency's own statement.",
    )
    assert claim.assignee == annotator
    EvidenceFactory(claim=claim)
    claim = claim_transition(claim=claim, actor=annotator, action=A.SUBMIT)
    assert claim in review_queue_for(user=reviewer)
    verdict_review(claim=claim, actor=reviewer, rating=rating("mostly-false"))
    assert claim not in review_queue_for(user=reviewer)
    verdict_review(claim=claim, actor=other_reviewer, rating=rating("mostly-false"))
    claim = Claim.objects.get(pk=claim.pk)
    assert claim.status == S.APPROVED
    assert Verdict.objects.get(claim=claim, is_final=True).rating.slug == "mostly-false"


def test_a_claim_assigned_to_a_reviewer_waits_only_in_their_queue(
    blind, submitted, reviewer, other_reviewer, editor
):
    claim_assign(claim=submitted, actor=editor, assignee=reviewer)
    assert submitted in review_queue_for(user=reviewer)
    assert submitted not in review_queue_for(user=other_reviewer)
