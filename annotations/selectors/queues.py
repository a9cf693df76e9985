"""The work queues: research, review, adjudication and publication, most urgent first."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery

from annotations.models import Claim, ClaimStatus, ReviewAction, ReviewEvent, Verdict, VerdictRole
from annotations.permissions import PUBLISH_CLAIM, RESEARCH_CLAIM, REVIEW_CLAIM


def _by_priority(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    # Most check-worthy first, unscored last, then the longest-waiting.
    return claims.order_by(F("checkworthiness").desc(nulls_last=True), "created_at", "id")


def _current_submission_id() -> Subquery:
    return Subquery(
        ReviewEvent.objects.filter(claim=OuterRef("pk"), action=ReviewAction.SUBMIT)
        .order_by("-at", "-id")
        .values("id")[:1]
    )


def _in_current_round(count: Count) -> Subquery:
    """Count the reviewer verdicts of each claim's `current_submission` with `count`."""
    return Subquery(
        Verdict.objects.filter(
            claim=OuterRef("pk"),
            role=VerdictRole.REVIEW,
            submission_id=OuterRef("current_submission"),
        )
        .order_by()
        .values("claim")
        .annotate(n=count)
        .values("n")
    )


def research_queue_for(*, user: AbstractBaseUser) -> QuerySet[Claim]:
    """Return the candidate and in-research claims assigned to the user, most urgent first."""
    if not user.is_authenticated or not user.has_perm(RESEARCH_CLAIM):
        return Claim.objects.none()
    return _by_priority(
        Claim.objects.filter(
            assignee=user, status__in=[ClaimStatus.CANDIDATE, ClaimStatus.RESEARCHING]
        ).select_related("article", "assignee")
    )


def review_queue_for(*, user: AbstractBaseUser) -> QuerySet[Claim]:
    """Return the claims waiting for this reviewer, most urgent first.

    Never a claim the user researched (submitted or proposed its verdict), one assigned to
    another reviewer, one the user has already reviewed blind, or one whose two blind reviews
    are in.
    """
    if not user.is_authenticated or not user.has_perm(REVIEW_CLAIM):
        return Claim.objects.none()
    reviews_in = _in_current_round(Count("id"))
    return _by_priority(
        Claim.objects.filter(status=ClaimStatus.IN_REVIEW)
        .filter(Q(assignee__isnull=True) | Q(assignee=user))
        .exclude(researcher=user)
        .exclude(
            Exists(
                ReviewEvent.objects.filter(
                    claim=OuterRef("pk"), action=ReviewAction.SUBMIT, actor=user
                )
            )
        )
        .exclude(
            Exists(
                Verdict.objects.filter(claim=OuterRef("pk"), role=VerdictRole.PROPOSAL, author=user)
            )
        )
        .annotate(current_submission=_current_submission_id())
        .annotate(reviews_in=reviews_in)
        .exclude(
            Exists(
                Verdict.objects.filter(
                    claim=OuterRef("pk"),
                    role=VerdictRole.REVIEW,
                    author=user,
                    submission_id=OuterRef("current_submission"),
                )
            )
        )
        .filter(Q(reviews_in__isnull=True) | Q(reviews_in__lt=2))
        .select_related("article", "assignee", "researcher")
    )


def adjudication_queue() -> QuerySet[Claim]:
    """Return the claims in review whose two blind reviewer verdicts disagree."""
    ratings_given = _in_current_round(Count("rating", distinct=True))
    return _by_priority(
        Claim.objects.filter(status=ClaimStatus.IN_REVIEW)
        .annotate(current_submission=_current_submission_id())
        .annotate(ratings_given=ratings_given)
        .filter(ratings_given__gte=2)
        .select_related("article", "researcher")
    )


def publish_queue() -> QuerySet[Claim]:
    """Return the approved claims ready to publish, most urgent first."""
    return _by_priority(
        Claim.objects.filter(status=ClaimStatus.APPROVED).select_related(
            "article", "assignee", "researcher"
        )
    )


def _latest_event(field: str) -> Subquery:
    return Subquery(
        ReviewEvent.objects.filter(claim=OuterRef("pk")).order_by("-at", "-id").values(field)[:1]
    )


def returned_queue_for(*, user: AbstractBaseUser) -> QuerySet[Claim]:
    """Return the claims a reviewer sent back for changes that are still waiting, oldest first.

    A researcher sees the ones they research or are assigned; an editor sees them all. Each
    carries `returned_comment`, `returned_by` (a username) and `returned_at` from the
    reviewer's step.
    """
    if not user.is_authenticated or not user.has_perm(RESEARCH_CLAIM):
        return Claim.objects.none()
    claims = Claim.objects.filter(status=ClaimStatus.RESEARCHING)
    if not user.has_perm(PUBLISH_CLAIM):
        claims = claims.filter(Q(researcher=user) | Q(assignee=user))
    return (
        claims.annotate(last_action=_latest_event("action"))
        .filter(last_action=ReviewAction.REQUEST_CHANGES)
        .annotate(
            returned_comment=_latest_event("comment"),
            returned_by=_latest_event(f"actor__{get_user_model().USERNAME_FIELD}"),
            returned_at=_latest_event("at"),
        )
        .select_related("article", "assignee", "researcher")
        .order_by("returned_at", "id")
    )


def changes_requested(*, claim: Claim) -> ReviewEvent | None:
    """Return the reviewer's "request changes" step if the claim is still back in research."""
    if claim.status != ClaimStatus.RESEARCHING:
        return None
    latest = (
        ReviewEvent.objects.filter(claim=claim).select_related("actor").order_by("-at", "-id")
    ).first()
    return latest if latest and latest.action == ReviewAction.REQUEST_CHANGES else None
