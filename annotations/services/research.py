"""The guards every research change passes: the claim locked, the researcher, the status."""

from django.contrib.auth.models import AbstractBaseUser

from annotations.errors import rule_error
from annotations.models import Claim
from annotations.permissions import require_research
from annotations.workflow_rules import EDITABLE_STATUSES


def claim_lock_for_research(claim: Claim, actor: AbstractBaseUser | None, *, doing: str) -> Claim:
    """Lock the claim's row and return it, refusing an actor who may not research it."""
    # Locking the claim serialises research edits with submit, which counts the evidence and
    # reads the proposal.
    current = (
        Claim.objects.select_for_update(of=("self",)).select_related("assignee").get(pk=claim.pk)
    )
    require_research(actor, current, doing=doing)
    return current


def require_in_research(claim: Claim, message: str) -> None:
    """Refuse a research change once the claim has left research; `message` names its status."""
    if claim.status not in EDITABLE_STATUSES:
        raise rule_error(
            "claim",
            message % {"status": claim.get_status_display().lower()},
            code="research_closed",
        )
