"""claim_transition: the guards, stale requests, assignment and notifications."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from annotations.errors import ConflictError
from annotations.models import Claim, ClaimStatus, Correction, ReviewAction, ReviewEvent, Verdict
from annotations.permissions import ANNOTATOR
from annotations.services import claim_assign, claim_transition, claim_unassign
from annotations.services.workflow.effects import claim_transitioned
from tests.factories import (
    ClaimFactory,
    EvidenceFactory,
    RatingFactory,
    UserFactory,
    VerdictFactory,
)
from tests.workflow_states import make_reviewer_too, prepared_claim, snapshot, workflow_people

S = ClaimStatus
A = ReviewAction


@pytest.fixture
def people(annotator, other_annotator, reviewer, editor, db):
    return workflow_people(annotator, other_annotator, reviewer, editor)


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
