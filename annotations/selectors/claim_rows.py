"""A page of claims as plain rows: one query for the claims, final verdicts, tags and people.

The claims list is the API's busiest read; building model instances, their users and a
prefetched verdict with rating and scale for every claim cost most of its time. These rows
carry the same facts in one query: the final verdict is joined (it is unique per claim, so
the join adds no row), the tag names and, where usernames are shown, the people's usernames
come from correlated subqueries. Joining the three people instead would cost PostgreSQL more
time planning the query than running it; a subquery per person is an index lookup per row.
"""

import json
from functools import cache

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    F,
    Field,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast

from annotations.models import CLAIM_TEXT_FIELDS, Claim, Tag
from annotations.selectors.compiled import compiled_once

# Columns read as they are stored; each names the claim field it comes from. The reasons come
# as the JSON text stored (`reasons_json`): orjson reads it several times faster than the
# JSON field's own decoder.
CLAIM_ROW_COLUMNS = (
    "id",
    *CLAIM_TEXT_FIELDS,
    "checkworthiness",
    "origin",
    "status",
    "version",
    "published_at",
    "created_at",
    "updated_at",
)

# People on a claim: the row holds each one's id, as `<person>_id`, and with usernames asked
# for, each one's username, as `<person>_username`.
CLAIM_ROW_PEOPLE = ("assignee", "researcher", "created_by")


class _NameListField(Field):
    """A list of names as the database hands it back: a PostgreSQL array or a JSON text."""

    def from_db_value(self, value, expression, connection) -> list[str]:
        if value is None:
            return []
        return json.loads(value) if isinstance(value, str) else list(value)


class NameList(Subquery):
    """The names a one-column subquery returns, as a list in the subquery's order."""

    template = "ARRAY(%(subquery)s)"
    output_field = _NameListField()

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite has no arrays; its JSON aggregate keeps the ordered subquery's order.
        return self.as_sql(
            compiler,
            connection,
            template="(SELECT json_group_array(name) FROM (%(subquery)s))",
            **extra,
        )


def claim_rows(claims: QuerySet[Claim], *, usernames: bool = False) -> QuerySet:
    """Return `claims` (filtered, not yet ordered or sliced) read as rows, one per claim."""
    tag_names = Tag.objects.filter(claims=OuterRef("pk")).order_by("name").values("name")
    people = {}
    if usernames:
        users = get_user_model().objects
        field = get_user_model().USERNAME_FIELD
        # Most claims have no assignee or researcher yet: no lookup where there is nobody.
        people = {
            f"{person}_username": Case(
                When(**{f"{person}_id__isnull": True}, then=Value(None)),
                default=Subquery(users.filter(pk=OuterRef(f"{person}_id")).values(field)[:1]),
            )
            for person in CLAIM_ROW_PEOPLE
        }
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
            reasons_json=Cast("reasons", TextField()),
            tag_names=NameList(tag_names),
            **people,
        )
    )


@cache
def _every_claim_row(usernames: bool) -> QuerySet:
    return compiled_once(claim_rows(Claim.objects.all(), usernames=usernames))


def all_claim_rows(*, usernames: bool = False) -> QuerySet:
    """Return every claim read as rows: a fresh copy of a query built once per process."""
    # Resolving the row's expressions costs more than the rest of the query's Python; a copy
    # of the built query is cheap, and never evaluated, the shared one holds no results. Its
    # unfiltered pages are compiled once too.
    return _every_claim_row(usernames).all()
