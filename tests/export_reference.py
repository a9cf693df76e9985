"""The exports' reference reading: the ORM instances the fast loader must match."""

import datetime

from django.db.models import Prefetch, QuerySet

from annotations.models import Claim, ClaimStatus, Correction, Evidence, ReviewEvent, Verdict
from annotations.selectors.archives import latest_copy_columns


def orm_published_claims(*, since: datetime.datetime | None = None) -> QuerySet[Claim]:
    """Return published claims (changed since `since`) in export order, loaded by the ORM.

    Every relation the serialisers read is joined or prefetched, so a chunk of claims costs a
    fixed number of queries however many claims there are.
    """
    claims = Claim.objects.filter(status=ClaimStatus.PUBLISHED)
    if since is not None:
        claims = claims.filter(updated_at__gte=since)
    return (
        claims.select_related("article", "researcher", "created_by")
        .prefetch_related(
            Prefetch(
                "verdicts",
                queryset=Verdict.objects.filter(is_final=True).select_related(
                    "rating__scale", "author", "approved_by"
                ),
            ),
            Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related("source", "added_by")
                .annotate(**latest_copy_columns())
                .order_by("created_at", "id"),
            ),
            Prefetch(
                "review_events",
                queryset=ReviewEvent.objects.select_related("actor").order_by("at", "id"),
            ),
            Prefetch(
                "corrections",
                queryset=Correction.objects.select_related("author").order_by("created_at", "id"),
            ),
        )
        .order_by("article_id", "start", "end", "id")
    )
