"""claim_transition: every state × action × role, the guards, stale requests and assignment."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from annotations.errors import ConflictError
from annotations.models import (
    Claim,
    ClaimStatus,
    Correction,
    ReviewAction,
    ReviewEvent,
    Verdict,
    VerdictRole,
)
from annotations.permissions import ANNOTATOR, REVIEWER
from annotations.services import claim_assign, claim_transition, claim_unassign
from annotations.services.workflow.effects import claim_transitioned
from annotations.workflow_rules import ALLOWED_TRANSITIONS
from tests.factories import (
    ClaimFactory,
    EvidenceFactory,
    RatingFactory,
    ReviewEventFactory,
    UserFactory,
    VerdictFactory,
)

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


def prepared_claim(status: str, *, researcher) -> Claim:
    """Return a claim in `status` with everything every guard asks for already in place."""
    claim = ClaimFactory(
        status=status,
        published_at=timezone.now() if status == S.PUBLISHED else None,
        researcher=researcher if status in (S.IN_REVIEW, S.APPROVED, S.PUBLISHED) else None,
    )
    EvidenceFactory(claim=claim)
    proposal = VerdictFactory(claim=claim, author=researcher, role=VerdictRole.PROPOSAL)
    if status in (S.IN_REVIEW, S.APPROVED, S.PUBLISHED):
        ReviewEventFactory(claim=claim, actor=researcher, submit=True)
    if status in (S.APPROVED, S.PUBLISHED):
        proposal.is_final = True
        proposal.approved_at = timezone.now()
        proposal.approved_by = UserFactory()
        proposal.save()
    return claim


def snapshot(claim: Claim) -> dict:
    claim = Claim.objects.get(pk=claim.pk)
    return {
        "status": claim.status,
        "version": claim.version,
        "assignee": claim.assignee_id,
        "researcher": claim.researcher_id,
        "published_at": claim.published_at,
        "events": ReviewEvent.objects.filter(claim=claim).count(),
        "corrections": Correction.objects.filter(claim=claim).count(),
        "final": list(
            Verdict.objects.filter(claim=claim, is_final=True).values_list("pk", flat=True)
        ),
        "history": claim.history.count(),
    }


@pytest.fixture
def people(annotator, other_annotator, reviewer, editor, db):
    return {
        "annotator": annotator,
        "reviewer": reviewer,
        "editor": editor,
        "superuser": UserFactory(username="sam", is_superuser=True, is_staff=True),
        "outsider": UserFactory(username="olga"),
        "researcher": other_annotator,
    }


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


# Guards.


def test_submit_needs_a_proposed_verdict(annotator):
    claim = ClaimFactory(researching=True)
    EvidenceFactory(claim=claim)
    before = snapshot(claim)
    with pytest.raises(ValidationError, match="Submit rule: propose a verdict") as error:
        claim_transition(claim=claim, actor=annotator, action=A.SUBMIT)
    assert error.value.error_dict["__all__"][0].code == "verdict_required"
    assert snapshot(claim) == before


def test_submit_needs_evidence(annotator):
    claim = ClaimFactory(researching=True)
    VerdictFactory(claim=claim, author=annotator)
    before = snapshot(claim)
    with pytest.raises(ValidationError, match="Submit rule: add at least one piece of evidence"):
        claim_transition(claim=claim, actor=annotator, action=A.SUBMIT)
    assert snapshot(claim) == before


def test_submit_refuses_a_proposal_whose_rating_was_retired(annotator):
    claim = ClaimFactory(researching=True)
    EvidenceFactory(claim=claim)
    rating = RatingFactory(slug="half-true")
    VerdictFactory(claim=claim, author=annotator, rating=rating)
    rating.retired = True
    rating.save()
    with pytest.raises(ValidationError, match="has been retired"):
        claim_transition(claim=claim, actor=annotator, action=A.SUBMIT)
    assert Claim.objects.get(pk=claim.pk).status == S.RESEARCHING


def test_submit_records_the_researcher_and_frees_the_claim_for_review(annotator):
    claim = ClaimFactory(researching=True, assignee=annotator)
    EvidenceFactory(claim=claim)
    VerdictFactory(claim=claim, author=annotator)
    claim = claim_transition(claim=claim, actor=annotator, action=A.SUBMIT)
    assert (claim.status, claim.researcher, claim.assignee) == (S.IN_REVIEW, annotator, None)


def make_reviewer_too(user):
    user.groups.add(Group.objects.get(name=REVIEWER))
    return UserFactory._meta.model.objects.get(pk=user.pk)  # fresh permission cache


@pytest.mark.parametrize("action", [A.APPROVE, A.REQUEST_CHANGES])
def test_four_eyes_refuses_the_researcher_even_with_the_reviewer_role(annotator, action):
    claim = prepared_claim(S.RESEARCHING, researcher=annotator)
    claim = claim_transition(claim=claim, actor=annotator, action=A.SUBMIT)
    both = make_reviewer_too(annotator)
    assert both.has_perm("annotations.review_claim")
    before = snapshot(claim)
    with pytest.raises(PermissionDenied, match="Four-eyes rule: annie researched this claim"):
        claim_transition(claim=claim, actor=both, action=action, comment="Looks fine to me.")
    assert snapshot(claim) == before


@pytest.mark.parametrize("action", [A.APPROVE, A.REQUEST_CHANGES])
def test_four_eyes_refuses_an_editor_who_submitted(editor, action):
    claim = prepared_claim(S.RESEARCHING, researcher=editor)
    claim = claim_transition(claim=claim, actor=editor, action=A.SUBMIT)
    with pytest.raises(PermissionDenied, match="Four-eyes rule"):
        claim_transition(claim=claim, actor=editor, action=action, comment="Fine.")
    assert Claim.objects.get(pk=claim.pk).status == S.IN_REVIEW


def test_four_eyes_refuses_whoever_proposed_the_verdict(annotator, editor, reviewer):
    # The editor drafted the verdict; the annotator submitted. Neither may approve.
    claim = ClaimFactory(researching=True)
    EvidenceFactory(claim=claim)
    VerdictFactory(claim=claim, author=editor)
    claim = claim_transition(claim=claim, actor=annotator, action=A.SUBMIT)
    with pytest.raises(PermissionDenied, match="Four-eyes rule: edith"):
        claim_transition(claim=claim, actor=editor, action=A.APPROVE)
    assert claim_transition(claim=claim, actor=reviewer, action=A.APPROVE).status == S.APPROVED


def test_four_eyes_remembers_earlier_rounds(annotator, other_annotator, reviewer, editor):
    claim = prepared_claim(S.RESEARCHING, researcher=annotator)
    claim = claim_transition(claim=claim, actor=annotator, action=A.SUBMIT)
    claim = claim_transition(
        claim=claim, actor=reviewer, action=A.REQUEST_CHANGES, comment="Cite the 2023 figure."
    )
    claim = claim_assign(claim=claim, actor=editor, assignee=other_annotator)
    claim = claim_transition(claim=claim, actor=other_annotator, action=A.SUBMIT)
    both = make_reviewer_too(annotator)
    with pytest.raises(PermissionDenied, match="Four-eyes rule"):
        claim_transition(claim=claim, actor=both, action=A.APPROVE)


@pytest.mark.parametrize(
    ("status", "action", "role"),
    [
        (S.IN_REVIEW, A.REQUEST_CHANGES, "reviewer"),
        (S.CANDIDATE, A.DISMISS, "editor"),
        (S.PUBLISHED, A.REOPEN, "editor"),
    ],
)
@pytest.mark.parametrize("comment", ["", "   \n "])
def test_these_actions_need_a_comment(people, status, action, role, comment):
    claim = prepared_claim(status, researcher=people["researcher"])
    before = snapshot(claim)
    with pytest.raises(ValidationError, match="Comment rule") as error:
        claim_transition(claim=claim, actor=people[role], action=action, comment=comment)
    assert error.value.error_dict["comment"][0].code == "comment_required"
    assert snapshot(claim) == before


def test_approve_makes_the_proposal_the_final_verdict(other_annotator, reviewer):
    claim = prepared_claim(S.IN_REVIEW, researcher=other_annotator)
    proposal = Verdict.objects.get(claim=claim)
    claim_transition(claim=claim, actor=reviewer, action=A.APPROVE)
    proposal.refresh_from_db()
    assert proposal.is_final and proposal.approved_by == reviewer and proposal.approved_at


def test_request_changes_sends_the_claim_back_to_its_researcher(other_annotator, reviewer):
    claim = prepared_claim(S.IN_REVIEW, researcher=other_annotator)
    claim = claim_transition(
        claim=claim, actor=reviewer, action=A.REQUEST_CHANGES, comment="The source is a blog."
    )
    assert (claim.status, claim.assignee) == (S.RESEARCHING, other_annotator)


def test_publish_needs_an_approved_verdict(other_annotator, editor):
    claim = prepared_claim(S.APPROVED, researcher=other_annotator)
    Verdict.objects.filter(claim=claim).update(is_final=False)
    before = snapshot(claim)
    with pytest.raises(ValidationError, match="Publish rule: the claim has no approved verdict"):
        claim_transition(claim=claim, actor=editor, action=A.PUBLISH)
    assert snapshot(claim) == before


def test_publish_stamps_published_at(other_annotator, editor):
    claim = prepared_claim(S.APPROVED, researcher=other_annotator)
    start = timezone.now()
    claim = claim_transition(claim=claim, actor=editor, action=A.PUBLISH)
    assert claim.published_at >= start


def test_reopen_records_a_correction_that_stays(other_annotator, reviewer, editor):
    claim = prepared_claim(S.APPROVED, researcher=other_annotator)
    claim = claim_transition(claim=claim, actor=editor, action=A.PUBLISH)
    first_published = claim.published_at
    claim = claim_transition(
        claim=claim,
        actor=editor,
        action=A.REOPEN,
        comment="Reader wrote in: the 2024 figure was revised.",
        correction="We updated the ridership figure after the authority revised it.",
    )
    correction = Correction.objects.get(claim=claim)
    assert correction.note == "We updated the ridership figure after the authority revised it."
    assert correction.author == editor
    assert correction.event.action == A.REOPEN
    assert correction.event.comment == "Reader wrote in: the 2024 figure was revised."

    # Correct it and publish again: the correction and the first date stay on the record.
    VerdictFactory(claim=claim, author=other_annotator, explanation="Revised figures.")
    claim = claim_transition(claim=claim, actor=other_annotator, action=A.SUBMIT)
    claim = claim_transition(claim=claim, actor=reviewer, action=A.APPROVE)
    claim = claim_transition(claim=claim, actor=editor, action=A.PUBLISH)
    assert claim.published_at == first_published
    assert list(claim.corrections.all()) == [correction]
    finals = Verdict.objects.filter(claim=claim, is_final=True)
    assert [verdict.explanation for verdict in finals] == ["Revised figures."]
    assert Verdict.objects.filter(claim=claim, approved_at__isnull=False).count() == 2


def test_reopen_uses_the_comment_as_the_correction_by_default(other_annotator, editor):
    claim = prepared_claim(S.PUBLISHED, researcher=other_annotator)
    claim_transition(claim=claim, actor=editor, action=A.REOPEN, comment="Wrong date.")
    assert Correction.objects.get(claim=claim).note == "Wrong date."


# Stale requests.


def test_stale_expected_status_is_a_conflict(other_annotator, reviewer, other_reviewer):
    claim = prepared_claim(S.IN_REVIEW, researcher=other_annotator)
    seen = Claim.objects.get(pk=claim.pk)
    claim_transition(claim=claim, actor=reviewer, action=A.APPROVE, expected_status=S.IN_REVIEW)
    before = snapshot(claim)
    with pytest.raises(ConflictError) as error:
        claim_transition(
            claim=seen,
            actor=other_reviewer,
            action=A.REQUEST_CHANGES,
            expected_status=seen.status,
            comment="Wait.",
        )
    assert "changed by rita meanwhile" in error.value.message
    assert "now approved, not in review" in error.value.message
    assert error.value.current_status == S.APPROVED
    assert error.value.current_version == before["version"]
    assert error.value.changed_by == "rita"
    assert snapshot(claim) == before


def test_stale_expected_version_is_a_conflict(annotator, editor):
    claim = prepared_claim(S.CANDIDATE, researcher=annotator)
    claim_assign(claim=claim, actor=editor, assignee=annotator)
    before = snapshot(claim)
    with pytest.raises(ConflictError, match="you saw version 1, it is now version 2"):
        claim_transition(
            claim=claim, actor=editor, action=A.DISMISS, expected_version=1, comment="Opinion."
        )
    assert snapshot(claim) == before


# Assignment.


def test_annotator_self_assigns_and_starts(annotator):
    claim = ClaimFactory()
    claim = claim_assign(claim=claim, actor=annotator, assignee=annotator)
    assert (claim.assignee, claim.version) == (annotator, 2)
    event = ReviewEvent.objects.get(claim=claim)
    assert (event.action, event.from_status, event.to_status) == (
        A.ASSIGN,
        S.CANDIDATE,
        S.CANDIDATE,
    )
    assert event.data == {"assignee": "annie", "previous": None}
    claim = claim_transition(claim=claim, actor=annotator, action=A.START)
    assert claim.assignee == annotator


def test_start_takes_an_unassigned_claim(annotator):
    claim = claim_transition(claim=ClaimFactory(), actor=annotator, action=A.START)
    assert claim.assignee == annotator


def test_only_the_assignee_or_an_editor_works_on_an_assigned_claim(
    annotator, other_annotator, editor
):
    claim = ClaimFactory(assignee=other_annotator)
    with pytest.raises(PermissionDenied, match=r"Assignment rule: .* assigned to arthur"):
        claim_transition(claim=claim, actor=annotator, action=A.START)
    claim = claim_transition(claim=claim, actor=editor, action=A.START)
    assert claim.assignee == other_annotator


def test_annotator_cannot_assign_someone_else(annotator, other_annotator):
    claim = ClaimFactory()
    with pytest.raises(PermissionDenied, match="only editors assign claims to other people"):
        claim_assign(claim=claim, actor=annotator, assignee=other_annotator)


def test_annotator_cannot_take_a_claim_assigned_to_someone_else(annotator, other_annotator):
    claim = ClaimFactory(assignee=other_annotator)
    with pytest.raises(PermissionDenied, match="ask an editor"):
        claim_assign(claim=claim, actor=annotator, assignee=annotator)


def test_editor_assigns_a_reviewer_but_never_the_researcher(other_annotator, reviewer, editor):
    claim = prepared_claim(S.IN_REVIEW, researcher=other_annotator)
    both = make_reviewer_too(other_annotator)
    with pytest.raises(ValidationError, match="Four-eyes rule: arthur"):
        claim_assign(claim=claim, actor=editor, assignee=both)
    claim = claim_assign(claim=claim, actor=editor, assignee=reviewer)
    assert claim.assignee == reviewer


def test_assignee_must_be_able_to_do_the_work(annotator, other_annotator, editor):
    claim = prepared_claim(S.IN_REVIEW, researcher=other_annotator)
    with pytest.raises(ValidationError, match="needs someone with the reviewer or editor role"):
        claim_assign(claim=claim, actor=editor, assignee=annotator)


def test_nothing_to_assign_on_a_published_or_dismissed_claim(editor, annotator):
    for claim in (ClaimFactory(published=True), ClaimFactory(dismissed=True)):
        with pytest.raises(ValidationError, match="Transition rule: cannot assign"):
            claim_assign(claim=claim, actor=editor, assignee=annotator)


def test_assigning_the_same_person_again_is_refused(annotator):
    claim = claim_assign(claim=ClaimFactory(), actor=annotator, assignee=annotator)
    with pytest.raises(ValidationError, match="already assigned to annie"):
        claim_assign(claim=claim, actor=annotator, assignee=annotator)


def test_unassign(annotator, other_annotator, editor):
    claim = claim_assign(claim=ClaimFactory(), actor=annotator, assignee=annotator)
    with pytest.raises(PermissionDenied, match="only annie or an editor"):
        claim_unassign(claim=claim, actor=other_annotator)
    claim = claim_unassign(claim=claim, actor=annotator)
    assert claim.assignee is None
    with pytest.raises(ValidationError, match="not assigned to anyone"):
        claim_unassign(claim=claim, actor=editor)
    assert ReviewEvent.objects.filter(claim=claim).count() == 2


# Notifications.


def test_signal_is_sent_after_commit(annotator, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    claim_transitioned.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            claim_transition(claim=ClaimFactory(), actor=annotator, action=A.START)
            assert received == []
        assert len(callbacks) == 1
        assert received[0]["action"] == A.START
        assert received[0]["actor"] == annotator
        assert (received[0]["from_status"], received[0]["to_status"]) == (
            S.CANDIDATE,
            S.RESEARCHING,
        )
        assert received[0]["event"].pk
    finally:
        claim_transitioned.disconnect(receiver)


def test_no_signal_when_refused(annotator, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError),
    ):
        claim_transition(claim=ClaimFactory(), actor=annotator, action=A.SUBMIT)
    assert callbacks == []


def test_a_failing_receiver_does_not_break_the_transition(
    annotator, django_capture_on_commit_callbacks, caplog
):
    def broken(sender, **kwargs):
        raise RuntimeError("mail server down")

    claim_transitioned.connect(broken)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            claim = claim_transition(claim=ClaimFactory(), actor=annotator, action=A.START)
    finally:
        claim_transitioned.disconnect(broken)
    assert Claim.objects.get(pk=claim.pk).status == S.RESEARCHING
    assert "failed after start" in caplog.text


def test_walk_from_candidate_to_published(annotator, reviewer, editor):
    claim = ClaimFactory()
    claim = claim_transition(claim=claim, actor=annotator, action=A.START)
    EvidenceFactory(claim=claim)
    VerdictFactory(claim=claim, author=annotator)
    claim = claim_transition(claim=claim, actor=annotator, action=A.SUBMIT)
    claim = claim_transition(claim=claim, actor=reviewer, action=A.APPROVE)
    claim = claim_transition(claim=claim, actor=editor, action=A.PUBLISH)
    assert claim.status == S.PUBLISHED
    assert claim.version == 5
    assert list(
        ReviewEvent.objects.filter(claim=claim).order_by("id").values_list("action", "actor")
    ) == [
        (A.START, annotator.pk),
        (A.SUBMIT, annotator.pk),
        (A.APPROVE, reviewer.pk),
        (A.PUBLISH, editor.pk),
    ]


def test_roles_come_from_groups_not_usernames(db):
    # A user in the annotator group may start; the same user without it may not.
    user = UserFactory(username="newcomer")
    claim = ClaimFactory()
    with pytest.raises(PermissionDenied):
        claim_transition(claim=claim, actor=user, action=A.START)
    user.groups.add(Group.objects.get(name=ANNOTATOR))
    user = UserFactory._meta.model.objects.get(pk=user.pk)
    assert claim_transition(claim=claim, actor=user, action=A.START).status == S.RESEARCHING


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
