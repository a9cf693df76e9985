"""Claims prepared in each workflow state, and the parts of one a transition may change."""

from django.contrib.auth.models import Group
from django.utils import timezone

from annotations.models import Claim, ClaimStatus, Correction, ReviewEvent, Verdict, VerdictRole
from annotations.permissions import REVIEWER
from tests.factories import (
    ClaimFactory,
    EvidenceFactory,
    ReviewEventFactory,
    UserFactory,
    VerdictFactory,
)

S = ClaimStatus


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
    """Return, read afresh, everything about the claim that a transition may change."""
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


def make_reviewer_too(user):
    user.groups.add(Group.objects.get(name=REVIEWER))
    return UserFactory._meta.model.objects.get(pk=user.pk)  # fresh permission cache


def workflow_people(annotator, other_annotator, reviewer, editor) -> dict:
    """Return someone in each role, a superuser, an outsider and the claims' researcher."""
    return {
        "annotator": annotator,
        "reviewer": reviewer,
        "editor": editor,
        "superuser": UserFactory(username="sam", is_superuser=True, is_staff=True),
        "outsider": UserFactory(username="olga"),
        "researcher": other_annotator,
    }
