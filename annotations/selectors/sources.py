"""Reads of sources: those offered for citing again, and the admin's list."""

from django.db.models import OuterRef, QuerySet

from annotations.models import Evidence, Source
from annotations.selectors.common import subquery_count


def reusable_sources(*, limit: int = 200) -> QuerySet[Source]:
    """Return the most recently added sources, for citing one again."""
    return Source.objects.order_by("-created_at", "-id")[:limit]


def source_choices() -> QuerySet[Source]:
    """Return every source, the queryset a submitted known-source choice is checked against."""
    return Source.objects.all()


def source_admin_list(sources: QuerySet[Source]) -> QuerySet[Source]:
    """Return the sources with how many claims cite them."""
    return sources.annotate(
        claims_citing=subquery_count(Evidence.objects.filter(source=OuterRef("pk")), "source")
    )
