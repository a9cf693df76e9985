"""The workflow's rules: the tables' shape and `actions_offered`, used by pages and admin alike."""

from annotations.models import Claim, ClaimStatus, ReviewAction
from annotations.selectors import review_round
from annotations.services import verdict_review
from annotations.workflow_rules import (
    ACTION_ORDER,
    ACTION_PERMISSIONS,
    ALLOWED_TRANSITIONS,
    BUTTON_ACTIONS,
    actions_offered,
    claim_abilities,
    user_can_review,
)
from tests.factories import ClaimFactory, UserFactory
from tests.test_services_verdicts import rating

S = ClaimStatus
A = ReviewAction


def test_every_action_has_a_place_in_the_tables():
    assert set(ACTION_ORDER) == set(ALLOWED_TRANSITIONS) == set(A.values)
    assert set(ACTION_PERMISSIONS) == set(A.values) - {A.ASSIGN, A.UNASSIGN}
    assert set(BUTTON_ACTIONS) <= set(ACTION_ORDER)


def test_a_candidate_offers_research_and_dismissal_to_annotators_and_editors(
    annotator, reviewer, editor
):
    claim = ClaimFactory()
    assert actions_offered(user=annotator, claim=claim) == (A.START, A.DISMISS, A.ASSIGN)
    assert actions_offered(user=reviewer, claim=claim) == ()
    assert actions_offered(user=editor, claim=claim) == (A.START, A.DISMISS, A.ASSIGN)


def test_nothing_is_offered_to_someone_signed_out():
    from django.contrib.auth.models import AnonymousUser

    assert actions_offered(user=AnonymousUser(), claim=ClaimFactory.build()) == ()


def test_a_claim_assigned_to_someone_else_offers_no_research(annotator, other_annotator, editor):
    claim = ClaimFactory(assignee=other_annotator)
    assert actions_offered(user=annotator, claim=claim) == ()
    assert actions_offered(user=other_annotator, claim=claim) == (A.START, A.DISMISS, A.UNASSIGN)
    assert actions_offered(user=editor, claim=claim) == (A.START, A.DISMISS, A.ASSIGN, A.UNASSIGN)


def test_the_researcher_is_offered_no_review_of_their_own_claim(submitted, annotator, reviewer):
    assert actions_offered(user=annotator, claim=submitted) == ()
    assert actions_offered(user=reviewer, claim=submitted) == (
        A.APPROVE,
        A.REQUEST_CHANGES,
        A.ASSIGN,
    )


def test_blind_review_offers_a_review_not_an_approval(blind, submitted, reviewer, other_reviewer):
    assert actions_offered(user=reviewer, claim=submitted) == (
        A.REQUEST_CHANGES,
        A.REVIEW,
        A.ASSIGN,
    )
    verdict_review(claim=submitted, actor=reviewer, rating=rating("true"), explanation="Yes.")
    claim = Claim.objects.get(pk=submitted.pk)
    assert A.REVIEW not in actions_offered(user=reviewer, claim=claim)
    assert A.REVIEW in actions_offered(user=other_reviewer, claim=claim)


def test_disagreeing_reviews_are_offered_to_another_editor_to_adjudicate(
    blind, submitted, reviewer, other_reviewer, editor
):
    verdict_review(claim=submitted, actor=reviewer, rating=rating("true"), explanation="Yes.")
    verdict_review(claim=submitted, actor=other_reviewer, rating=rating("false"), explanation="No.")
    claim = Claim.objects.get(pk=submitted.pk)
    assert A.ADJUDICATE in actions_offered(user=editor, claim=claim)
    assert A.ADJUDICATE not in actions_offered(user=other_reviewer, claim=claim)


def test_the_page_abilities_follow_the_offered_actions(submitted, annotator, reviewer):
    current = review_round(submitted)
    abilities = claim_abilities(claim=submitted, user=reviewer, current=current)
    assert abilities.actions == (A.APPROVE, A.REQUEST_CHANGES)
    assert abilities.can_assign_self and not abilities.can_unassign
    assert not (abilities.can_edit or abilities.can_review_blind or abilities.can_adjudicate)
    mine = claim_abilities(claim=submitted, user=annotator, current=current)
    assert mine.actions == () and not mine.can_assign_self


def test_user_can_review_only_what_they_did_not_research(submitted, annotator, reviewer):
    assert user_can_review(reviewer, submitted)
    assert not user_can_review(annotator, submitted)
    assert not user_can_review(UserFactory(), submitted)
