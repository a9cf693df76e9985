"""Every non-trivial read, with the joins it needs, so each page's queries live in one place."""

from django.db.models import Count, Q, QuerySet

from annotations.models import Article, Claim, ClaimStatus


def claim_status_counts() -> dict[str, int]:
    """Return the number of claims in each status (every status present, zero when none)."""
    counts = dict(Claim.objects.order_by().values_list("status").annotate(n=Count("id")))
    return {status: counts.get(status, 0) for status in ClaimStatus.values}


def article_list_with_counts() -> QuerySet[Article]:
    """Return articles, newest first, with their claim counts by status in one query."""
    per_status = {
        f"claims_{status}": Count("claims", filter=Q(claims__status=status))
        for status in ClaimStatus.values
    }
    return (
        Article.objects.defer("text", "html", "original")
        .annotate(claims_total=Count("claims"), **per_status)
        .order_by("-created_at", "-id")
    )


def claims_for_article(*, article: Article) -> QuerySet[Claim]:
    """Return an article's claims in text order with their people and final verdict loaded."""
    return (
        Claim.objects.filter(article=article)
        .select_related("assignee", "researcher")
        .prefetch_related("verdicts__rating")
        .order_by("start", "end", "id")
    )
