"""Reads of a claim's review: its latest submission, open proposal, researchers and round."""

from dataclasses import dataclass

from django.conf import settings

from annotations.models import (
    Claim,
    RatingScale,
    ReviewAction,
    ReviewEvent,
    Verdict,
    VerdictRole,
)


@dataclass(frozen=True)
class ReviewRound:
    """The reviewer verdicts given on a claim's latest submission."""

    blind: bool
    submission: ReviewEvent | None
    reviews: tuple[Verdict, ...] = ()
    adjudication: Verdict | None = None

    @property
    def complete(self) -> bool:
        return len(self.reviews) >= 2

    @property
    def agreed(self) -> bool:
        return self.complete and self.reviews[0].rating_id == self.reviews[1].rating_id

    @property
    def needs_adjudication(self) -> bool:
        return self.complete and not self.agreed and self.adjudication is None

    def reviewer_ids(self) -> set[int]:
        return {verdict.author_id for verdict in self.reviews if verdict.author_id}


def blind_review_required(claim: Claim) -> bool:
    """Return whether the claim needs two independent reviewer verdicts.

    On when `FACTCHECK_BLIND_REVIEW` is set, or when the scale of the claim's proposed verdict
    (the default scale when there is none) asks for it.
    """
    if getattr(settings, "FACTCHECK_BLIND_REVIEW", False):
        return True
    proposal = open_proposal(claim)
    if proposal is not None:
        return proposal.rating.scale.blind_review
    return RatingScale.objects.filter(is_default=True, blind_review=True).exists()


def review_round(claim: Claim) -> ReviewRound:
    """Return the reviewer verdicts given on the claim's latest submission, oldest first."""
    blind = blind_review_required(claim)
    submission = latest_submission(claim)
    if submission is None:
        return ReviewRound(blind=blind, submission=None)
    verdicts = list(
        Verdict.objects.filter(claim=claim, submission=submission)
        .select_related("rating", "author")
        .order_by("created_at", "id")
    )
    reviews = tuple(verdict for verdict in verdicts if verdict.role == VerdictRole.REVIEW)
    adjudication = next(
        (verdict for verdict in verdicts if verdict.role == VerdictRole.ADJUDICATION), None
    )
    return ReviewRound(
        blind=blind, submission=submission, reviews=reviews, adjudication=adjudication
    )


def latest_submission(claim: Claim) -> ReviewEvent | None:
    """Return the ReviewEvent of the claim's latest submit."""
    return (
        ReviewEvent.objects.filter(claim=claim, action=ReviewAction.SUBMIT)
        .order_by("-at", "-id")
        .first()
    )


def open_proposal(claim: Claim) -> Verdict | None:
    """Return the researcher's proposed verdict that no one has approved yet."""
    return (
        Verdict.objects.filter(claim=claim, role=VerdictRole.PROPOSAL, approved_at__isnull=True)
        .select_related("rating__scale")
        .order_by("-created_at", "-id")
        .first()
    )


def claim_researcher_ids(claim: Claim) -> set[int]:
    """Return who researched the claim: everyone who ever submitted it or proposed its verdict.

    These people may not approve, request changes on, review or adjudicate it (four-eyes).
    """
    ids = set(
        ReviewEvent.objects.filter(
            claim=claim, action=ReviewAction.SUBMIT, actor__isnull=False
        ).values_list("actor_id", flat=True)
    )
    ids.update(
        Verdict.objects.filter(
            claim=claim, role=VerdictRole.PROPOSAL, author__isnull=False
        ).values_list("author_id", flat=True)
    )
    if claim.researcher_id:
        ids.add(claim.researcher_id)
    return ids
