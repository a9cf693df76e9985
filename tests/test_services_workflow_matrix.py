"""claim_transition over every state × action × role, blind review and assignment included."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annotations.models import Claim, ClaimStatus, ReviewAction, ReviewEvent, VerdictRole
from annotations.services import claim_assign, claim_transition, claim_unassign
from annotations.workflow_rules import ALLOWED_TRANSITIONS
from tests.factories import ClaimFactory, RatingFactory, UserFactory, VerdictFactory
from tests.workflow_states import make_reviewer_too, prepared_claim, snapshot, workflow_people

S = ClaimStatus
A = ReviewAction

# Written out by hand rather than read from the service, so the test checks the table.
EXPECTED_TO = {
    (S.CANDIDATE, A.START): S.RESEARCHING,
    (S.RESEARCHING, A.SUBMIT): S.IN_REVIEW,
    (S.IN_REVIEW, A.APPROVE): S.APPROVED,
    (S.IN_REVIEW, A.REQUEST_CHANGES): S.RESEARCHING,
    (S.APPROVED, A.PUBLISH): S.PUBLISHED,
    (S.CANDIDATE, A.DISMISS): S.DISMISSED,
    (S.DISMISSED, A.RESTORE): S.CANDIDATE,
    (S.PUBLISHED, A.REOPEN): S.RESEARCHING,
}
RESEARCHERS = {"annotator", "editor", "superuser"}
REVIEWERS = {"reviewer", "editor", "superuser"}
EDITORS = {"editor", "superuser"}
ROLES_FOR = {
    A.START: RESEARCHERS,
    A.SUBMIT: RESEARCHERS,
    A.APPROVE: REVIEWERS,
    A.REQUEST_CHANGES: REVIEWERS,
    A.PUBLISH: EDITORS,
    A.DISMISS: RESEARCHERS,
    A.RESTORE: RESEARCHERS,
    A.REOPEN: EDITORS,
}
ROLES = ("annotator", "reviewer", "editor", "superuser", "outsider")


@pytest.fixture
def people(annotator, other_annotator, reviewer, editor, db):
    return workflow_people(annotator, other_annotator, reviewer, editor)


def test_the_table_is_the_designed_one():
    designed = {
        (source, action) for action, sources in ALLOWED_TRANSITIONS.items() for source in sources
    }
    core = {pair for pair in designed if pair[1] in ROLES_FOR}
    assert core == set(EXPECTED_TO)
    for (source, action), target in EXPECTED_TO.items():
        assert ALLOWED_TRANSITIONS[action][source] == target


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ROLES_FOR))
@pytest.mark.parametrize("status", S.values)
def test_state_action_role_matrix(people, status, action, role):
    actor = people[role]
    claim = prepared_claim(status, researcher=people["researcher"])
    before = snapshot(claim)
    allowed = (status, action) in EXPECTED_TO and role in ROLES_FOR[action]

    if not allowed:
        if role not in ROLES_FOR[action]:
            with pytest.raises(PermissionDenied, match="Role rule"):
                claim_transition(claim=claim, actor=actor, action=action, comment="Because.")
        else:
            with pytest.raises(ValidationError, match="Transition rule") as error:
                claim_transition(claim=claim, actor=actor, action=action, comment="Because.")
            assert "status" in error.value.message_dict
        assert snapshot(claim) == before
        return

    result = claim_transition(
        claim=claim,
        actor=actor,
        action=action,
        expected_status=status,
        expected_version=before["version"],
        comment="Because.",
    )
    after = snapshot(claim)
    assert result.status == after["status"] == EXPECTED_TO[status, action]
    assert after["version"] == before["version"] + 1
    assert after["events"] == before["events"] + 1
    event = ReviewEvent.objects.filter(claim=claim).latest("id")
    assert (event.actor, event.action, event.from_status, event.to_status, event.comment) == (
        actor,
        action,
        status,
        EXPECTED_TO[status, action],
        "Because.",
    )
    assert claim.history.latest("history_date").history_user == actor


def test_unknown_action_is_refused(people):
    claim = prepared_claim(S.CANDIDATE, researcher=people["researcher"])
    before = snapshot(claim)
    with pytest.raises(ValidationError, match="Unknown action 'approve_all'") as error:
        claim_transition(claim=claim, actor=people["editor"], action="approve_all")
    assert "action" in error.value.message_dict
    assert snapshot(claim) == before


@pytest.mark.parametrize("actor", [None, "anonymous"])
def test_nobody_cannot_transition(people, actor):
    from django.contrib.auth.models import AnonymousUser

    claim = prepared_claim(S.CANDIDATE, researcher=people["researcher"])
    with pytest.raises(PermissionDenied, match="signed-in"):
        claim_transition(claim=claim, actor=AnonymousUser() if actor else None, action=A.START)


def test_inactive_user_has_no_role(people):
    people["editor"].is_active = False
    people["editor"].save()
    claim = prepared_claim(S.CANDIDATE, researcher=people["researcher"])
    with pytest.raises(PermissionDenied, match="Role rule"):
        claim_transition(claim=claim, actor=people["editor"], action=A.DISMISS, comment="No.")


# The other actions, over every state and role: blind review, adjudication and assignment.

BLIND_ROLES_FOR = {A.REVIEW: REVIEWERS, A.ADJUDICATE: EDITORS}
# Who may take a claim in each status for themselves: whoever does that status's work.
SELF_ASSIGN = {
    S.CANDIDATE: RESEARCHERS,
    S.RESEARCHING: RESEARCHERS,
    S.IN_REVIEW: REVIEWERS,
    S.APPROVED: EDITORS,
}


def with_disagreeing_reviews(claim: Claim) -> Claim:
    """Give the claim's latest submission two blind reviews that disagree."""
    submission = ReviewEvent.objects.filter(claim=claim, action=A.SUBMIT).first()
    for slug in ("false", "true"):
        VerdictFactory(
            claim=claim,
            role=VerdictRole.REVIEW,
            submission=submission,
            author=make_reviewer_too(UserFactory()),
            rating=RatingFactory(slug=slug),
        )
    return claim


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", [A.REVIEW, A.ADJUDICATE])
@pytest.mark.parametrize("status", S.values)
def test_blind_review_state_action_role_matrix(people, default_scale, status, action, role):
    default_scale.blind_review = True
    default_scale.save()
    claim = prepared_claim(status, researcher=people["researcher"])
    if action == A.ADJUDICATE and status in (S.IN_REVIEW, S.APPROVED, S.PUBLISHED):
        with_disagreeing_reviews(claim)
    before = snapshot(claim)
    call = {
        "claim": claim,
        "actor": people[role],
        "action": action,
        "comment": "Because.",
        "rating": RatingFactory(slug="mostly-false"),
        "explanation": "Why.",
    }
    if role not in BLIND_ROLES_FOR[action]:
        with pytest.raises(PermissionDenied, match="Role rule"):
            claim_transition(**call)
        assert snapshot(claim) == before
        return
    if status != S.IN_REVIEW:
        with pytest.raises(ValidationError, match="Transition rule"):
            claim_transition(**call)
        assert snapshot(claim) == before
        return
    result = claim_transition(**call)
    after = snapshot(claim)
    expected = S.IN_REVIEW if action == A.REVIEW else S.APPROVED
    assert result.status == after["status"] == expected
    assert (after["version"], after["events"]) == (before["version"] + 1, before["events"] + 1)
    event = ReviewEvent.objects.filter(claim=claim).latest("id")
    assert (event.action, event.actor, event.from_status, event.to_status) == (
        action,
        people[role],
        S.IN_REVIEW,
        expected,
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", S.values)
def test_self_assign_state_role_matrix(people, status, role):
    actor = people[role]
    claim = prepared_claim(status, researcher=people["researcher"])
    before = snapshot(claim)
    if status not in SELF_ASSIGN:
        with pytest.raises(ValidationError, match="Transition rule: cannot assign"):
            claim_assign(claim=claim, actor=actor, assignee=actor)
        assert snapshot(claim) == before
        return
    if role not in SELF_ASSIGN[status]:
        with pytest.raises(PermissionDenied, match="Role rule: to take a claim"):
            claim_assign(claim=claim, actor=actor, assignee=actor)
        assert snapshot(claim) == before
        return
    claim = claim_assign(claim=claim, actor=actor, assignee=actor)
    after = snapshot(claim)
    assert (after["status"], after["assignee"]) == (status, actor.pk)
    assert (after["version"], after["events"]) == (before["version"] + 1, before["events"] + 1)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", S.values)
def test_unassign_someone_else_state_role_matrix(people, status, role):
    actor = people[role]
    claim = prepared_claim(status, researcher=people["researcher"])
    Claim.objects.filter(pk=claim.pk).update(assignee=people["researcher"])
    before = snapshot(claim)
    if status not in SELF_ASSIGN:
        with pytest.raises(ValidationError, match="Transition rule: cannot unassign"):
            claim_unassign(claim=claim, actor=actor)
        assert snapshot(claim) == before
        return
    if role not in EDITORS:
        with pytest.raises(PermissionDenied, match="only arthur or an editor"):
            claim_unassign(claim=claim, actor=actor)
        assert snapshot(claim) == before
        return
    claim = claim_unassign(claim=claim, actor=actor)
    after = snapshot(claim)
    assert (after["status"], after["assignee"]) == (status, None)
    assert (after["version"], after["events"]) == (before["version"] + 1, before["events"] + 1)


def test_permission_predicates(annotator, other_annotator, reviewer, editor):
    from annotations.permissions import (
        user_can_moderate,
        user_can_publish,
        user_can_research,
    )
    from annotations.workflow_rules import user_can_review

    claim = ClaimFactory(in_review=True, researcher=annotator, assignee=other_annotator)
    assert not user_can_research(annotator, claim)  # assigned to someone else
    assert user_can_research(other_annotator, claim)
    assert user_can_research(editor, claim)
    assert not user_can_research(reviewer, claim)
    assert user_can_review(reviewer, claim)
    assert not user_can_review(make_reviewer_too(annotator), claim)
    assert [user_can_publish(user) for user in (annotator, reviewer, editor)] == [
        False,
        False,
        True,
    ]
    assert [user_can_moderate(user) for user in (annotator, reviewer, editor)] == [
        False,
        False,
        True,
    ]
