"""Load published claims for export as plain rows, a chunk at a time.

Building ORM instances costs about twenty model objects and a queryset clone per relation for
every claim, which caps an export at a few hundred claims a second. Exports read the same
columns as plain tuples instead (five queries per chunk, whatever its size) and wrap them in
light records that have the attribute names of the models, so `claim_record`,
`web_annotation` and `claim_review` serialise either without knowing which they got. A test
holds the two loaders to the same output.
"""

import datetime
import functools
from collections import defaultdict
from collections.abc import Callable, Iterator
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import BooleanField, CharField, F, Func, Q
from django.db.models.expressions import RawSQL

from annotations.models import (
    Article,
    Claim,
    ClaimStatus,
    Correction,
    Evidence,
    ReviewEvent,
    Verdict,
)

USERNAME = get_user_model().USERNAME_FIELD


def _as_value(field: str) -> str:
    return field


# Python's isoformat() of an aware UTC datetime: microseconds only when there are any.
_ISO_TIMESTAMP = (
    "CASE WHEN date_trunc('second', %(expressions)s) = %(expressions)s "
    "THEN to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+00:00\"') "
    "ELSE to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"') "
    "END"
)


def _as_iso_text(field: str) -> Func:
    """Select a timestamp as the ISO 8601 text Python would print, rendered by PostgreSQL.

    Parsing a timestamp into a datetime only to print it again costs a third of a JSON export.
    """
    return Func(F(field), template=_ISO_TIMESTAMP, output_field=CharField())


class Related(list):
    """A list that answers `.all()`, like a prefetched related manager."""

    def all(self) -> "Related":
        return self


class Person:
    """Just enough of a user for the serialisers: the username."""

    __slots__ = ("username",)

    def __init__(self, username: str) -> None:
        self.username = username

    def get_username(self) -> str:
        return self.username


@functools.lru_cache(maxsize=4096)
def _person(username: str | None) -> Person | None:
    return Person(username) if username is not None else None


def _claim_columns(moment: Callable[[str], str | Func]) -> tuple:
    return (
        "id",
        "start",
        "end",
        "quote",
        "prefix",
        "suffix",
        "claim_text",
        "claimant",
        "claim_date",
        "origin",
        "checkworthiness",
        "reasons",
        moment("published_at"),
        moment("created_at"),
        moment("updated_at"),
        f"researcher__{USERNAME}",
        "article_id",
        "article__url",
        "article__title",
        "article__publisher",
        "article__dateline",
        "article__author",
        "article__language",
        "article__published_at",
        "article__text_sha256",
    )


def iter_export_claims(
    *, since: datetime.datetime | None = None, chunk_size: int = 1000, iso_text: bool = False
) -> Iterator[SimpleNamespace]:
    """Yield published claims (changed since `since`) in article and text order, as records.

    With `iso_text`, dates and times may arrive as ISO 8601 strings instead of objects (on
    PostgreSQL), for serialisers that only print them.
    """
    moment = _as_iso_text if iso_text and connection.vendor == "postgresql" else _as_value
    claims = Claim.objects.filter(status=ClaimStatus.PUBLISHED)
    if since is not None:
        claims = claims.filter(updated_at__gte=since)
    rows = claims.order_by("article_id", "start", "end").values_list(*_claim_columns(moment))
    # Keyset pagination over the unique (article, start, end) index: every chunk is a short
    # query of its own, so no cursor holds a snapshot of the whole export open.
    after = None
    while True:
        page = rows if after is None else rows.filter(_after(*after))
        chunk = list(page[:chunk_size])
        if not chunk:
            return
        yield from _records(chunk, moment)
        if len(chunk) < chunk_size:
            return
        last = chunk[-1]
        after = (last[16], last[1], last[2])


def _after(article_id: int, start: int, end: int) -> RawSQL:
    """Match claims that come after this span in (article, start, end) order."""
    return RawSQL(
        '("annotations_claim"."article_id", "annotations_claim"."start", "annotations_claim"."end")'
        " > (%s, %s, %s)",
        (article_id, start, end),
        output_field=BooleanField(),
    )


def _records(rows: list[tuple], moment: Callable[[str], str | Func]) -> Iterator[SimpleNamespace]:
    ids = [row[0] for row in rows]
    article_ids = sorted({row[16] for row in rows})
    verdicts = _verdicts(ids, moment)
    evidence = _evidence(ids, moment)
    events = _events(ids, moment)
    corrections = _corrections(ids, moment)
    # Articles are long; each chunk reads the texts of its own articles once, for the exports
    # that carry the text with the first claim of each article.
    texts = dict(Article.objects.filter(pk__in=article_ids).values_list("id", "text"))
    articles: dict[int, SimpleNamespace] = {}
    for row in rows:
        (
            pk,
            start,
            end,
            quote,
            prefix,
            suffix,
            claim_text,
            claimant,
            claim_date,
            origin,
            checkworthiness,
            reasons,
            published_at,
            created_at,
            updated_at,
            researcher,
            article_id,
            *article_fields,
        ) = row
        article = articles.get(article_id)
        if article is None:
            url, title, publisher, dateline, author, language, article_date, sha = article_fields
            article = articles[article_id] = SimpleNamespace(
                pk=article_id,
                id=article_id,
                url=url,
                title=title,
                publisher=publisher,
                dateline=dateline,
                author=author,
                language=language,
                published_at=article_date,
                text_sha256=sha,
                text=texts[article_id],
            )
        yield SimpleNamespace(
            pk=pk,
            id=pk,
            article_id=article_id,
            article=article,
            start=start,
            end=end,
            quote=quote,
            prefix=prefix,
            suffix=suffix,
            claim_text=claim_text,
            claimant=claimant,
            claim_date=claim_date,
            origin=origin,
            checkworthiness=checkworthiness,
            reasons=reasons,
            published_at=published_at,
            created_at=created_at,
            updated_at=updated_at,
            researcher=_person(researcher),
            verdicts=verdicts.get(pk, Related()),
            evidence=evidence.get(pk, Related()),
            review_events=events.get(pk, Related()),
            corrections=corrections.get(pk, Related()),
        )


def _grouped(rows, build) -> dict[int, Related]:
    grouped: dict[int, Related] = defaultdict(Related)
    for row in rows:
        grouped[row[0]].append(build(row))
    return grouped


def _of_claims(ids: list[int]) -> Q:
    """Select rows of these claims with one query parameter however many claims there are.

    A thousand placeholders cost more to send than the rows they select; PostgreSQL takes
    the ids as one array and walks the claim_id index with them.
    """
    if connection.vendor == "postgresql":
        return Q(claim_id__in=RawSQL("SELECT unnest(%s::bigint[])", (ids,)))
    return Q(claim_id__in=ids)


def _verdicts(ids: list[int], moment: Callable[[str], str | Func]) -> dict[int, Related]:
    rows = (
        Verdict.objects.filter(_of_claims(ids), is_final=True)
        .order_by("claim_id", "created_at", "id")
        .values_list(
            "claim_id",
            "explanation",
            "role",
            moment("approved_at"),
            f"author__{USERNAME}",
            f"approved_by__{USERNAME}",
            "rating__slug",
            "rating__label",
            "rating__value",
            "rating__scale__slug",
            "rating__scale__name",
            "rating__scale__best_rating",
            "rating__scale__worst_rating",
        )
    )
    scales: dict[str, SimpleNamespace] = {}

    def build(row: tuple) -> SimpleNamespace:
        (_, explanation, role, approved_at, author, approver, slug, label, value) = row[:9]
        scale_slug, scale_name, best, worst = row[9:]
        scale = scales.get(scale_slug)
        if scale is None:
            scale = scales[scale_slug] = SimpleNamespace(
                slug=scale_slug, name=scale_name, best_rating=best, worst_rating=worst
            )
        return SimpleNamespace(
            is_final=True,
            explanation=explanation,
            role=role,
            approved_at=approved_at,
            author=_person(author),
            approved_by=_person(approver),
            rating=SimpleNamespace(slug=slug, label=label, value=value, scale=scale),
        )

    return _grouped(rows, build)


def _evidence(ids: list[int], moment: Callable[[str], str | Func]) -> dict[int, Related]:
    rows = (
        Evidence.objects.filter(_of_claims(ids))
        .order_by("claim_id", "created_at", "id")
        .values_list(
            "claim_id",
            "stance",
            "excerpt",
            "note",
            moment("created_at"),
            f"added_by__{USERNAME}",
            "source__url",
            "source__title",
            "source__publisher",
            "source__published_at",
            "source__kind",
        )
    )

    def build(row: tuple) -> SimpleNamespace:
        _, stance, excerpt, note, created_at, added_by, url, title, publisher, date, kind = row
        return SimpleNamespace(
            stance=stance,
            excerpt=excerpt,
            note=note,
            created_at=created_at,
            added_by=_person(added_by),
            source=SimpleNamespace(
                url=url, title=title, publisher=publisher, published_at=date, kind=kind
            ),
        )

    return _grouped(rows, build)


def _events(ids: list[int], moment: Callable[[str], str | Func]) -> dict[int, Related]:
    rows = (
        ReviewEvent.objects.filter(_of_claims(ids))
        .order_by("claim_id", "at", "id")
        .values_list(
            "claim_id",
            "action",
            "from_status",
            "to_status",
            f"actor__{USERNAME}",
            "comment",
            moment("at"),
        )
    )

    def build(row: tuple) -> SimpleNamespace:
        _, action, from_status, to_status, actor, comment, at = row
        return SimpleNamespace(
            action=action,
            from_status=from_status,
            to_status=to_status,
            actor=_person(actor),
            comment=comment,
            at=at,
        )

    return _grouped(rows, build)


def _corrections(ids: list[int], moment: Callable[[str], str | Func]) -> dict[int, Related]:
    rows = (
        Correction.objects.filter(_of_claims(ids))
        .order_by("claim_id", "created_at", "id")
        .values_list("claim_id", "note", f"author__{USERNAME}", moment("created_at"))
    )

    def build(row: tuple) -> SimpleNamespace:
        _, note, author, created_at = row
        return SimpleNamespace(note=note, author=_person(author), created_at=created_at)

    return _grouped(rows, build)
