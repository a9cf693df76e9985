"""Reads of verdicts: the final one, the one shown, the ratings offered and the sealing rule."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery

from annotations.models import (
    Claim,
    ClaimStatus,
    Evidence,
    Rating,
    RatingScale,
    ReviewAction,
    ReviewEvent,
    Verdict,
    VerdictRole,
)
from annotations.selectors.archives import latest_copy_columns
from annotations.selectors.common import subquery_count


def final_verdicts_prefetch() -> Prefetch:
    """Load each claim's final verdict, with its rating and scale, into `claim.final_verdicts`."""
    final = Verdict.objects.filter(is_final=True).select_related("rating__scale")
    return Prefetch("verdicts", queryset=final, to_attr="final_verdicts")


def final_among(verdicts: Iterable[Verdict]) -> Verdict | None:
    """Return the final verdict among `verdicts` (there is at most one), else None."""
    return next((verdict for verdict in verdicts if verdict.is_final), None)


def final_verdict(claim: Claim) -> Verdict | None:
    """Return the claim's final verdict from what was loaded (see `final_verdicts_prefetch`)."""
    loaded = getattr(claim, "final_verdicts", None)
    if loaded is not None:
        return loaded[0] if loaded else None
    return final_among(claim.verdicts.all())


def shown_verdict(verdicts: Iterable[Verdict]) -> Verdict | None:
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


def claim_review_queryset(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Return the claims with what `claim_review` reads loaded, so it runs no query of its own."""
    return _with_final_verdict(claims).prefetch_related("tags")


def _with_final_verdict(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    return claims.select_related("article").prefetch_related(final_verdicts_prefetch())


def published_claims() -> QuerySet[Claim]:
    """Return published claims, newest first, with article and final verdict loaded."""
    return _with_final_verdict(
        Claim.objects.filter(status=ClaimStatus.PUBLISHED).order_by("-published_at", "-id")
    )


def published_claim(*, pk: int) -> Claim:
    """Return a published claim with what its public page and its ClaimReview show."""
    return published_claims().prefetch_related("tags", "corrections").get(pk=pk)


def public_evidence(*, claim: Claim) -> QuerySet[Evidence]:
    """Return the evidence of a published claim with its sources and their newest archived
    copies (`archive_id`, `archive_at`), as readers see it."""
    return (
        Evidence.objects.filter(claim=claim)
        .select_related("source")
        .annotate(**latest_copy_columns())
        .order_by("created_at", "id")
    )


def scale_ratings(scale: RatingScale | None = None) -> QuerySet[Rating]:
    """Return the ratings people may give on a scale (the default one when none is given)."""
    ratings = Rating.objects.filter(retired=False).select_related("scale")
    if scale is None:
        return ratings.filter(scale__is_default=True).order_by("order", "id")
    return ratings.filter(scale=scale).order_by("order", "id")


def all_ratings() -> list[Rating]:
    """Return every rating (retired ones too: old verdicts still wear their colours)."""
    return list(Rating.objects.order_by("scale_id", "order", "id"))


def ratings_by_slug() -> list[Rating]:
    """Return one rating per slug (the claim filter matches slugs), the default scale's first."""
    ratings: dict[str, Rating] = {}
    for rating in Rating.objects.select_related("scale").order_by(
        "-scale__is_default", "scale__name", "order"
    ):
        ratings.setdefault(rating.slug, rating)
    return list(ratings.values())


# The sealing rule: while a blind double review is under way (the claim's latest submission
# has fewer than two reviewer verdicts), each reviewer's verdict is hidden from everyone else,
# editors too, so neither reviewer can lean on the other and an editor may yet adjudicate.
# Reviewer verdicts exist only in blind review, so the role alone says the round is blind.


def _with_round(verdicts: QuerySet[Verdict]) -> QuerySet[Verdict]:
    current_submission = Subquery(
        ReviewEvent.objects.filter(claim=OuterRef("claim_id"), action=ReviewAction.SUBMIT)
        .order_by("-at", "-id")
        .values("id")[:1]
    )
    reviews_in_round = subquery_count(
        Verdict.objects.filter(
            role=VerdictRole.REVIEW,
            submission_id=OuterRef("submission_id"),
            claim_id=OuterRef("claim_id"),
        ),
        "submission",
    )
    return verdicts.annotate(
        current_submission=current_submission, reviews_in_round=reviews_in_round
    )


def _sealed_from(user: AbstractBaseUser | AnonymousUser) -> Q:
    sealed = Q(
        role=VerdictRole.REVIEW,
        submission_id=F("current_submission"),
        reviews_in_round__lt=2,
    )
    return sealed & ~Q(author_id=user.pk) if user.pk is not None else sealed


def verdicts_unsealed(
    verdicts: QuerySet[Verdict], *, user: AbstractBaseUser | AnonymousUser
) -> QuerySet[Verdict]:
    """Leave out the blind reviewer verdicts still sealed from `user`."""
    return _with_round(verdicts).exclude(_sealed_from(user))


def sealed_review_ids(*, claim: Claim, user: AbstractBaseUser | AnonymousUser) -> set[int]:
    """Return the ids of the claim's blind reviewer verdicts still sealed from `user`."""
    verdicts = _with_round(Verdict.objects.filter(claim=claim))
    return set(verdicts.filter(_sealed_from(user)).values_list("pk", flat=True))


def verdicts_visible_to(*, claim: Claim, user: AbstractBaseUser | AnonymousUser) -> list[Verdict]:
    """Return the claim's verdicts the user may see, oldest first."""
    return list(
        verdicts_unsealed(Verdict.objects.filter(claim=claim), user=user)
        .select_related("rating", "author", "approved_by")
        .order_by("created_at", "id")
    )
