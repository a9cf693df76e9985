"""Reads for triage on the article page: which claims stand out, their reasons, their counts."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from annotations.models import Article, Claim, ClaimStatus, Verdict
from annotations.selectors.verdicts import shown_verdict

# Claims someone is working on (or has finished): always highlighted, whatever their score.
IN_WORK = frozenset(
    {
        ClaimStatus.RESEARCHING,
        ClaimStatus.IN_REVIEW,
        ClaimStatus.APPROVED,
        ClaimStatus.PUBLISHED,
    }
)

# Reasons that pulled a score down start with one of these words: the scorer's wording
# ("opinion", "analysis", "speculation", "scene-setting", "question", "no checkable detail"; the
# older model's "hedge", "prediction", "narration"); the rest pulled it up.
PULLED_DOWN_WORDS = (
    "analysis",
    "hedge",
    "narration",
    "no checkable",
    "opinion",
    "prediction",
    "question",
    "scene",
    "speculation",
)


# What the article page reads of a claim and of its verdicts: no texts (the page cuts quotes from
# the article's text), no people but the assignee's name.
_PAGE_CLAIM_FIELDS = (
    "article_id",
    "start",
    "end",
    "status",
    "version",
    "checkworthiness",
    "reasons",
    "assignee__username",
)
_PAGE_VERDICT_FIELDS = (
    "claim_id",
    "role",
    "is_final",
    "approved_at",
    "created_at",
    "rating__label",
    "rating__colour",
)


@dataclass(frozen=True)
class Reason:
    """One readable reason behind a score, and whether it pulled the score down."""

    text: str
    pulls_down: bool


def reasons_of(claim: Claim) -> list[Reason]:
    """Return the claim's stored reasons, each marked as pulling its score up or down."""
    return [
        Reason(text, text.lower().startswith(PULLED_DOWN_WORDS))
        for text in (claim.reasons or ())
        if isinstance(text, str) and text
    ]


def highlighted_by_default(claim: Claim, threshold: float) -> bool:
    """Tell whether the article page highlights the claim before "show all candidates".

    Claims in work always; candidates at or above the threshold, and candidates the scorer did
    not score (a language it has no model for, or marked by hand), which only a person can
    judge; never a dismissed claim or a candidate below the threshold.
    """
    if claim.status in IN_WORK:
        return True
    if claim.status != ClaimStatus.CANDIDATE:
        return False
    return claim.checkworthiness is None or claim.checkworthiness >= threshold


def status_counts(claims: Iterable[Claim]) -> list[tuple[str, str, int]]:
    """Return (status, label, count) for every status, zeros included, so the counts add up."""
    counts = Counter(claim.status for claim in claims)
    return [(value, label, counts[value]) for value, label in ClaimStatus.choices]


def article_page_claims(*, article: Article) -> list[Claim]:
    """Return the article's claims in text order, each with `shown_verdict` set (or None).

    Two queries however many claims (one for the claims, one for their verdicts with ratings),
    reading only what the page shows: an article of thousands of candidates is served quickly.
    Blind reviewer verdicts are never shown on the article page, so nothing sealed leaks there.
    """
    claims = list(
        Claim.objects.filter(article=article)
        .select_related("assignee")
        .only(*_PAGE_CLAIM_FIELDS)
        .order_by("start", "end", "id")
    )
    verdicts: dict[int, list[Verdict]] = defaultdict(list)
    for verdict in (
        Verdict.objects.filter(claim__article=article)
        .select_related("rating")
        .only(*_PAGE_VERDICT_FIELDS)
    ):
        verdicts[verdict.claim_id].append(verdict)
    for claim in claims:
        claim.shown_verdict = shown_verdict(verdicts[claim.pk])
    return claims
