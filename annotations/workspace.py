"""Reads that only the browser pages need, each with its joins, next to `selectors.py`."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from annotations.models import (
    Article,
    Claim,
    ClaimStatus,
    Evidence,
    Rating,
    RatingScale,
    ReviewAction,
    Source,
    Verdict,
    VerdictRole,
)
from annotations.permissions import (
    ASSIGN_CLAIM,
    PUBLISH_CLAIM,
    RESEARCH_CLAIM,
    REVIEW_CLAIM,
    user_can_research,
)
from annotations.selectors import claims_for_article
from annotations.services.claims import EDITABLE_STATUSES
from annotations.services.workflow import (
    ALLOWED_TRANSITIONS,
    FOUR_EYES_ACTIONS,
    STATUS_WORK,
    ReviewRound,
    claim_researcher_ids,
)

# The order in which transition buttons appear: the usual next step first.
ACTION_ORDER = (
    ReviewAction.START,
    ReviewAction.SUBMIT,
    ReviewAction.APPROVE,
    ReviewAction.REQUEST_CHANGES,
    ReviewAction.PUBLISH,
    ReviewAction.REOPEN,
    ReviewAction.DISMISS,
    ReviewAction.RESTORE,
)


def article_claims(*, article: Article) -> list[Claim]:
    """Return the article's claims in text order, each with `shown_verdict` set (or None).

    The shown verdict is the final one, else the researcher's open proposal; blind reviewer
    verdicts are never shown on the article page, so nothing sealed leaks there.
    """
    claims = list(claims_for_article(article=article))
    for claim in claims:
        claim.shown_verdict = shown_verdict(claim.verdicts.all())
    return claims


def shown_verdict(verdicts) -> Verdict | None:
    """Return the final verdict among `verdicts`, else the latest open proposal."""
    final = None
    proposal = None
    for verdict in verdicts:
        if verdict.is_final:
            final = verdict
        elif (
            verdict.role == VerdictRole.PROPOSAL
            and verdict.approved_at is None
            and (
                proposal is None
                or (verdict.created_at, verdict.pk) > (proposal.created_at, proposal.pk)
            )
        ):
            proposal = verdict
    return final or proposal


def scale_ratings(scale: RatingScale | None = None) -> QuerySet[Rating]:
    """Return the ratings people may give on a scale (the default one when none is given)."""
    ratings = Rating.objects.filter(retired=False).select_related("scale")
    if scale is None:
        return ratings.filter(scale__is_default=True).order_by("order", "id")
    return ratings.filter(scale=scale).order_by("order", "id")


def all_ratings() -> list[Rating]:
    """Return every rating (retired ones too: old verdicts still wear their colours)."""
    return list(Rating.objects.order_by("scale_id", "order", "id"))


def claim_for_page(*, pk: int) -> Claim:
    """Return one claim with its article and people loaded."""
    return Claim.objects.select_related("article", "assignee", "researcher", "created_by").get(
        pk=pk
    )


def claim_evidence(*, claim: Claim) -> QuerySet[Evidence]:
    """Return the evidence cited for a claim with its sources, oldest first."""
    return (
        Evidence.objects.filter(claim=claim)
        .select_related("source", "added_by")
        .order_by("created_at", "id")
    )


def reusable_sources(*, limit: int = 200) -> QuerySet[Source]:
    """Return the most recently added sources, for citing one again."""
    return Source.objects.order_by("-created_at", "-id")[:limit]


def source_choices() -> QuerySet[Source]:
    """Return every source, the queryset a submitted known-source choice is checked against."""
    return Source.objects.all()


def published_claims() -> QuerySet[Claim]:
    """Return published claims, newest first, with article and final verdict loaded."""
    from annotations.exports.claimreview import claim_review_queryset

    return claim_review_queryset(
        Claim.objects.filter(status=ClaimStatus.PUBLISHED).order_by("-published_at", "-id")
    )


def published_claim(*, pk: int) -> Claim:
    """Return a published claim with what its public page shows; DoesNotExist otherwise."""
    return published_claims().prefetch_related("corrections").get(pk=pk)


def public_evidence(*, claim: Claim) -> QuerySet[Evidence]:
    """Return the evidence of a published claim with its sources, as readers see it."""
    return (
        Evidence.objects.filter(claim=claim).select_related("source").order_by("created_at", "id")
    )


@dataclass(frozen=True)
class ClaimAbilities:
    """What the person looking at a claim may do with it now (buttons, not guarantees)."""

    actions: tuple[str, ...]
    can_edit: bool
    can_research: bool
    can_review_blind: bool
    can_adjudicate: bool
    can_assign_self: bool
    can_unassign: bool
    can_comment: bool


def claim_abilities(
    *, claim: Claim, user: AbstractBaseUser, current: ReviewRound | None
) -> ClaimAbilities:
    """Return the actions and forms to offer this user on this claim in its present state.

    The workflow service checks everything again when an action is taken; this only avoids
    offering buttons that would certainly be refused.
    """
    if not user.is_authenticated:
        return ClaimAbilities((), False, False, False, False, False, False, False)
    researchers = claim_researcher_ids(claim)
    can_research = user_can_research(user, claim)
    blind = bool(current and current.blind)
    actions = []
    for action in ACTION_ORDER:
        if claim.status not in ALLOWED_TRANSITIONS[action]:
            continue
        permission = {
            ReviewAction.START: RESEARCH_CLAIM,
            ReviewAction.SUBMIT: RESEARCH_CLAIM,
            ReviewAction.APPROVE: REVIEW_CLAIM,
            ReviewAction.REQUEST_CHANGES: REVIEW_CLAIM,
        }.get(action, PUBLISH_CLAIM)
        if not user.has_perm(permission):
            continue
        if action in (ReviewAction.START, ReviewAction.SUBMIT) and not can_research:
            continue
        if action in FOUR_EYES_ACTIONS and user.pk in researchers:
            continue
        if action == ReviewAction.APPROVE and blind:
            continue
        actions.append(action)
    reviewed = current.reviewer_ids() if current else set()
    can_review_blind = (
        claim.status == ClaimStatus.IN_REVIEW
        and blind
        and user.has_perm(REVIEW_CLAIM)
        and user.pk not in researchers
        and user.pk not in reviewed
        and not current.complete
    )
    can_adjudicate = (
        claim.status == ClaimStatus.IN_REVIEW
        and current is not None
        and current.needs_adjudication
        and user.has_perm(PUBLISH_CLAIM)
        and user.pk not in reviewed
        and user.pk not in researchers
    )
    work = STATUS_WORK.get(claim.status)
    can_assign_self = (
        work is not None
        and claim.assignee_id is None
        and user.has_perm(work)
        and not (claim.status == ClaimStatus.IN_REVIEW and user.pk in researchers)
    )
    can_unassign = claim.assignee_id is not None and (
        claim.assignee_id == user.pk or user.has_perm(ASSIGN_CLAIM)
    )
    return ClaimAbilities(
        actions=tuple(actions),
        can_edit=can_research and claim.status in EDITABLE_STATUSES,
        can_research=can_research and claim.status in EDITABLE_STATUSES,
        can_review_blind=can_review_blind,
        can_adjudicate=can_adjudicate,
        can_assign_self=can_assign_self,
        can_unassign=can_unassign,
        can_comment=user.has_perm("annotations.add_comment"),
    )
