"""The incoming desk: new candidate claims of recent imports, best first, and whether each
looks checked before (a published fact-check sharing its key terms)."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from annotations.models import Claim, ClaimStatus, Feed, FeedEntry
from annotations.selectors.verdicts import final_verdicts_prefetch
from annotations.similar import FALLBACK_WINDOW, MIN_SHARED, key_terms

# Imports older than this are not "incoming" unless the desk asks for an earlier date.
INCOMING_DAYS = 7


@dataclass(frozen=True)
class IncomingFilters:
    """What the desk narrows the incoming claims to; empty fields do not narrow."""

    feed: Feed | None = None
    language: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None
    min_score: float | None = None


def incoming_claims(*, filters: IncomingFilters) -> QuerySet[Claim]:
    """Return candidate claims of recently imported articles, most check-worthy first."""
    since = filters.since or (timezone.localdate() - datetime.timedelta(days=INCOMING_DAYS))
    claims = (
        Claim.objects.filter(status=ClaimStatus.CANDIDATE, article__created_at__date__gte=since)
        .select_related("article")
        .order_by("-checkworthiness", "-article__created_at", "article_id", "start")
    )
    if filters.feed is not None:
        from_feed = FeedEntry.objects.filter(article=OuterRef("article"), feed=filters.feed)
        claims = claims.filter(Exists(from_feed))
    if filters.language:
        claims = claims.filter(article__language=filters.language)
    if filters.until:
        claims = claims.filter(article__created_at__date__lte=filters.until)
    if filters.min_score is not None:
        claims = claims.filter(checkworthiness__gte=filters.min_score)
    return claims


def feeds_for_filter() -> QuerySet[Feed]:
    """Return the feeds the desk can filter by."""
    return Feed.objects.only("pk", "title", "url").order_by("title", "url")


def checked_before(claims: list[Claim], *, limit: int = 2) -> dict[int, list[Claim]]:
    """Return, per claim, the published claims most like it (best first), in two queries.

    Scored as `similar.similar_published_claims` scores them (shared key terms over the
    geometric mean of both term counts, at least MIN_SHARED shared), against the newest
    published claims read once for the whole page instead of once per claim.
    """
    if not claims:
        return {}
    published = list(
        Claim.objects.filter(status=ClaimStatus.PUBLISHED)
        .only("pk", "claim_text", "quote", "published_at", "article_id")
        .order_by("-published_at", "-id")
        .prefetch_related(final_verdicts_prefetch())[:FALLBACK_WINDOW]
    )
    terms_of = {other.pk: key_terms(f"{other.claim_text} {other.quote}") for other in published}
    matches: dict[int, list[Claim]] = {}
    for claim in claims:
        terms = key_terms(f"{claim.claim_text} {claim.quote}")
        scored = []
        for other in published:
            shared = terms & terms_of[other.pk]
            if len(shared) >= MIN_SHARED:
                score = len(shared) / math.sqrt(len(terms) * len(terms_of[other.pk]))
                scored.append((score, other))
        scored.sort(key=lambda pair: pair[0], reverse=True)
        matches[claim.pk] = [other for _, other in scored[:limit]]
    return matches
