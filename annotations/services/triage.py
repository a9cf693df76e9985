"""Triage on the article page: mark a claim and start its research at once, and act on many."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from annotations.errors import ConflictError, error_message
from annotations.models import Article, Claim, ClaimOrigin, ReviewAction
from annotations.permissions import user_can_research
from annotations.services.claims import claim_create
from annotations.services.common import Actor
from annotations.services.workflow import claim_transition

# The actions the article page takes on many claims at once.
TRIAGE_ACTIONS = (ReviewAction.START, ReviewAction.DISMISS, ReviewAction.RESTORE)
# More than a desk selects by hand; a larger request is refused rather than half done slowly.
MAX_TRIAGE_CLAIMS = 500


@dataclass(frozen=True)
class TriageResult:
    """What happened to one claim of a bulk action: done, or the refusal's message."""

    claim_id: int
    done: bool
    message: str = ""


def claim_mark(
    *,
    article: Article,
    actor: Actor,
    start: int,
    end: int,
    quote: str,
    claim_text: str = "",
    claim_date: datetime.date | str | None = None,
) -> Claim:
    """Mark a span as a claim and, when the actor may research it, start research at once.

    One transaction: the claim is created and moved to research together, or not at all. The
    claim date defaults to the article's date. Someone who may mark but not research gets a
    candidate. Raise what `claim_create` and `claim_transition` raise; nothing is written then.
    """
    with transaction.atomic():
        claim = claim_create(
            article=article,
            actor=actor,
            start=start,
            end=end,
            quote=quote,
            claim_text=claim_text,
            claim_date=claim_date or article.published_at,
            origin=ClaimOrigin.MANUAL,
        )
        if getattr(actor, "is_authenticated", False) and user_can_research(actor, claim):
            claim = claim_transition(
                claim=claim, actor=actor, action=ReviewAction.START, expected_version=claim.version
            )
    return claim


def selection(claims: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Return the selected claims as {id: version}; ValidationError when none or too many."""
    wanted = dict(claims)
    if not wanted:
        raise ValidationError({"claims": _("Select at least one claim.")})
    if len(wanted) > MAX_TRIAGE_CLAIMS:
        raise ValidationError(
            {
                "claims": (
                    _("%(count)s claims selected; act on at most %(max_triage_claims)s.")
                    % {
                        "count": number_format(len(wanted), force_grouping=True),
                        "max_triage_claims": MAX_TRIAGE_CLAIMS,
                    }
                )
            }
        )
    return wanted


def claims_triage(
    *,
    article: Article,
    actor: Actor,
    action: str,
    claims: Iterable[tuple[int, int]],
    comment: str = "",
) -> list[TriageResult]:
    """Start, dismiss or restore many claims of one article, each as its own workflow step.

    `claims` holds (claim id, version the caller saw) pairs. Every claim goes through
    `claim_transition` (its own lock, permission check, stale check and event), so one refusal
    leaves the others done; the result says, per claim, what happened. Raise ValidationError
    for an action the page does not offer, no claims, or too many.
    """
    if action not in TRIAGE_ACTIONS:
        raise ValidationError(
            {"action": (_("“%(action)s” is not start, dismiss or restore.") % {"action": action})}
        )
    wanted = selection(claims)
    found = Claim.objects.filter(article=article, pk__in=wanted).in_bulk()
    results = []
    for claim_id, version in wanted.items():
        claim = found.get(claim_id)
        if claim is None:
            results.append(
                TriageResult(
                    claim_id, False, _("Claim %(pk)s is not in this article.") % {"pk": claim_id}
                )
            )
            continue
        try:
            claim_transition(
                claim=claim, actor=actor, action=action, expected_version=version, comment=comment
            )
        except (ConflictError, PermissionDenied, ValidationError) as error:
            results.append(TriageResult(claim_id, False, error_message(error)))
        else:
            results.append(TriageResult(claim_id, True))
    return results
