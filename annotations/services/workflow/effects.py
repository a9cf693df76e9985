"""What a workflow step leaves behind: the saved claim, its ReviewEvent, the final verdict,
and, once the transaction has committed, the log line and the `claim_transitioned` signal.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.dispatch import Signal

from annotations.models import Claim, ClaimStatus, ReviewEvent, Verdict
from annotations.public_cache import public_pages_changed

logger = logging.getLogger("annotations.workflow")

# Sent after the transaction commits, never for a refused action. Receivers get
# claim, event, actor, action, from_status and to_status as keyword arguments.
claim_transitioned = Signal()


@dataclass
class Step:
    """One action being taken: the locked claim, who acts, and what they sent."""

    claim: Claim
    actor: AbstractBaseUser
    action: str
    from_status: str
    comment: str
    options: dict[str, Any] = field(default_factory=dict)


def record(step: Step, to_status: str, data: dict[str, Any] | None = None) -> ReviewEvent:
    """Save the claim with its new status and bumped version, and write the step's event."""
    claim = step.claim
    claim.status = to_status
    claim.version += 1
    claim.full_clean()
    claim._history_user = step.actor
    claim.save()
    event = ReviewEvent(
        claim=claim,
        actor=step.actor,
        action=step.action,
        from_status=step.from_status,
        to_status=to_status,
        comment=step.comment,
        data=data or {},
    )
    event.full_clean()
    event.save()
    if ClaimStatus.PUBLISHED in (step.from_status, to_status):
        # Published, or reopened for a correction (the only way a published verdict changes):
        # the public pages change.
        public_pages_changed()
    transaction.on_commit(lambda: notify(claim, event, step.actor), robust=True)
    return event


def notify(claim: Claim, event: ReviewEvent, actor: AbstractBaseUser) -> None:
    """Log the step and send `claim_transitioned`; a receiver that fails is logged, not raised."""
    logger.info(
        "claim %s: %s by %s (%s → %s, version %s)",
        claim.pk,
        event.action,
        actor.get_username(),
        event.from_status,
        event.to_status,
        claim.version,
    )
    responses = claim_transitioned.send_robust(
        sender=Claim,
        claim=claim,
        event=event,
        actor=actor,
        action=event.action,
        from_status=event.from_status,
        to_status=event.to_status,
    )
    for receiver, response in responses:
        if isinstance(response, Exception):
            logger.error(
                "claim %s: receiver %r failed after %s",
                claim.pk,
                receiver,
                event.action,
                exc_info=response,
            )


def save_verdict(verdict: Verdict, actor: AbstractBaseUser) -> None:
    """Validate and save a verdict, its history naming the actor."""
    verdict.full_clean()
    verdict._history_user = actor
    verdict.save()


def make_final(verdict: Verdict, *, approved_by: AbstractBaseUser, at: datetime) -> None:
    """Make `verdict` the claim's final verdict, retiring the previous one (kept in history)."""
    for previous in Verdict.objects.filter(claim_id=verdict.claim_id, is_final=True).exclude(
        pk=verdict.pk
    ):
        previous.is_final = False
        save_verdict(previous, approved_by)
    verdict.is_final = True
    verdict.approved_by = approved_by
    verdict.approved_at = at
    save_verdict(verdict, approved_by)
