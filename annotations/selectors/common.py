"""Helpers the selectors share: counting related rows per row, and the columns lists skip."""

from django.db.models import Count, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

# Article columns a list never shows; the text alone can be hundreds of kilobytes per row.
ARTICLE_BULK_FIELDS = ("text", "html", "original")


def subquery_count(rows: QuerySet, key: str) -> Coalesce:
    """Count `rows` (filtered on an OuterRef) per outer row, zero when there are none."""
    counted = rows.order_by().values(key).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))
