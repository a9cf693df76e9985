"""A page of claims as plain rows: one query for the claims and their final verdicts.

The claims list is the API's busiest read; building model instances, their users and a
prefetched verdict with rating and scale for every claim cost most of its time. These rows
carry the same facts: one query for the claims with their final verdicts (a final verdict is
unique per claim, so its join adds no row), one for the page's tags and, where usernames are
shown, one for the page's people. Joining the people too would cost PostgreSQL more time
planning the query than running it.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import F, FilteredRelation, Q, QuerySet

from annotations.models import CLAIM_TEXT_FIELDS, Claim

# Columns read as they are stored; each names the claim field it comes from.
CLAIM_ROW_COLUMNS = (
    "id",
    *CLAIM_TEXT_FIELDS,
    "checkworthiness",
    "reasons",
    "origin",
    "status",
    "version",
    "published_at",
    "created_at",
    "updated_at",
)

# People on a claim: the row holds each one's id, as `<person>_id`.
CLAIM_ROW_PEOPLE = ("assignee", "researcher", "created_by")


def claim_rows(claims: QuerySet[Claim]) -> QuerySet:
    """Return `claims` (filtered, not yet ordered or sliced) read as rows, one per claim."""
    return (
        claims.select_related(None)
        .prefetch_related(None)
        .annotate(final=FilteredRelation("verdicts", condition=Q(verdicts__is_final=True)))
        .values(
            *CLAIM_ROW_COLUMNS,
            *(f"{person}_id" for person in CLAIM_ROW_PEOPLE),
            article_pk=F("article_id"),
            verdict_id=F("final__id"),
            verdict_rating=F("final__rating__slug"),
            verdict_label=F("final__rating__label"),
            verdict_value=F("final__rating__value"),
            verdict_explanation=F("final__explanation"),
        )
    )


def tag_names_by_claim(claim_ids: Iterable[int]) -> dict[int, list[str]]:
    """Return each claim's tag names in the tags' own order (by name), in one query."""
    names: dict[int, list[str]] = defaultdict(list)
    links = (
        Claim.tags.through.objects.filter(claim_id__in=list(claim_ids))
        .order_by("tag__name", "tag_id")
        .values_list("claim_id", "tag__name")
    )
    for claim_id, name in links:
        names[claim_id].append(name)
    return names


def usernames_by_id(user_ids: Iterable[int | None]) -> dict[int, str]:
    """Return the usernames of these users (None ignored), in one query."""
    wanted = {user_id for user_id in user_ids if user_id is not None}
    if not wanted:
        return {}
    return dict(
        get_user_model()
        .objects.filter(pk__in=wanted)
        .values_list("pk", get_user_model().USERNAME_FIELD)
    )
