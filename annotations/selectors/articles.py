"""Reads of articles: the lists with their claim counts, and the search."""

from django.db.models import OuterRef, Q, QuerySet

from annotations.models import Article, Claim, ClaimStatus
from annotations.selectors.common import ARTICLE_BULK_FIELDS, subquery_count


def with_claim_counts(articles: QuerySet[Article]) -> QuerySet[Article]:
    """Return the articles with their claim counts in total and by status, in one query.

    Counted in correlated subqueries rather than a join and GROUP BY, so a page of articles
    costs the same however many claims the table holds, and a list's row count, date
    drill-down and filter choices, which leave the counts out, stay plain scans of the article
    table; PostgreSQL computes the counts for the rows of the page only.
    """
    claims = Claim.objects.filter(article=OuterRef("pk"))
    per_status = {
        f"claims_{status}": subquery_count(claims.filter(status=status), "article")
        for status in ClaimStatus.values
    }
    return articles.defer(*ARTICLE_BULK_FIELDS).annotate(
        claims_total=subquery_count(claims, "article"), **per_status
    )


def article_list_with_counts() -> QuerySet[Article]:
    """Return articles, newest first, with their claim counts by status in one query."""
    return with_claim_counts(Article.objects.all()).order_by("-created_at", "-id")


def article_search(articles: QuerySet[Article], query: str) -> QuerySet[Article]:
    """Keep the articles whose title, publisher, author or URL contain every word of the query."""
    for word in query.split():
        articles = articles.filter(
            Q(title__icontains=word)
            | Q(publisher__icontains=word)
            | Q(author__icontains=word)
            | Q(url__icontains=word)
        )
    return articles
