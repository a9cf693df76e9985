"""Reads of claims: the lists, an article's claims, one claim's page and its evidence."""

from django.db.models import Count, OuterRef, QuerySet, Subquery

from annotations.models import Article, Claim, ClaimStatus, Evidence, Verdict
from annotations.selectors.archives import archives_prefetch
from annotations.selectors.common import ARTICLE_BULK_FIELDS, subquery_count
from annotations.selectors.verdicts import final_verdicts_prefetch


def claim_status_counts() -> dict[str, int]:
    """Return the number of claims in each status (every status present, zero when none)."""
    counts = dict(Claim.objects.order_by().values_list("status").annotate(n=Count("id")))
    return {status: counts.get(status, 0) for status in ClaimStatus.values}


def claim_search_list() -> QuerySet[Claim]:
    """Return claims, last changed first, with article, assignee, final verdict and tags loaded."""
    return (
        Claim.objects.select_related("article", "assignee")
        .defer(*(f"article__{name}" for name in ARTICLE_BULK_FIELDS))
        .prefetch_related(final_verdicts_prefetch(), "tags")
        .order_by("-updated_at", "-id")
    )


def claims_for_article(*, article: Article) -> QuerySet[Claim]:
    """Return an article's claims in text order with their people and final verdict loaded."""
    return (
        Claim.objects.filter(article=article)
        .select_related("assignee", "researcher")
        .prefetch_related("verdicts__rating")
        .order_by("start", "end", "id")
    )


def claim_for_page(*, pk: int) -> Claim:
    """Return one claim with its article, people and tags loaded."""
    return (
        Claim.objects.select_related("article", "assignee", "researcher", "created_by")
        .prefetch_related("tags")
        .get(pk=pk)
    )


def claim_evidence(*, claim: Claim) -> QuerySet[Evidence]:
    """Return the evidence cited for a claim with its sources, oldest first."""
    return (
        Evidence.objects.filter(claim=claim)
        .select_related("source", "added_by")
        .prefetch_related(archives_prefetch())
        .order_by("created_at", "id")
    )


def claim_admin_list(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Return the claims with their article, assignee, final verdict and evidence count loaded."""
    final = Verdict.objects.filter(claim=OuterRef("pk"), is_final=True)
    return (
        claims.select_related("article", "assignee")
        .defer(*(f"article__{name}" for name in ARTICLE_BULK_FIELDS))
        .annotate(
            verdict_label=Subquery(final.values("rating__label")[:1]),
            verdict_colour=Subquery(final.values("rating__colour")[:1]),
            evidence_count=subquery_count(Evidence.objects.filter(claim=OuterRef("pk")), "claim"),
        )
    )
