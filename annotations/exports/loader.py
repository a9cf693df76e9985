"""Load published claims for export as plain rows, a chunk at a time.

Building ORM instances costs about twenty model objects and a queryset clone per relation for
every claim, which caps an export at a few hundred claims a second. Exports read the same
columns as plain tuples instead (a fixed number of queries per chunk, whatever its size: the
claims, their articles, and each relation the format needs) and wrap them in light records
that have the attribute names of the models, so `claim_record`, `web_annotation` and
`claim_review` serialise either without knowing which they got. A test holds the two loaders
to the same output.
"""

import datetime
import functools
from collections import defaultdict
from collections.abc import Callable, Collection, Iterator
from types import SimpleNamespace
from typing import Any, TypeVar

import orjson
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import BooleanField, CharField, F, Func, Q, QuerySet
from django.db.models.expressions import RawSQL

from annotations.exports.pipeline import QueryPipeline
from annotations.models import (
    ARTICLE_PROVENANCE_FIELDS,
    CLAIM_TEXT_FIELDS,
    Article,
    Claim,
    ClaimStatus,
    Correction,
    Evidence,
    ReviewEvent,
    Verdict,
)
from annotations.selectors.archives import latest_copy_columns

USERNAME = get_user_model().USERNAME_FIELD
T = TypeVar("T")


def _as_stored(field: str) -> str:
    """Select a timestamp as stored; the serialiser prints the datetime it becomes."""
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


# A claim row's columns, in the order `_records` unpacks them.
_CLAIM_ROW = (
    "id",
    *CLAIM_TEXT_FIELDS,
    "origin",
    "checkworthiness",
    "reasons",
    "published_at",
    "created_at",
    "updated_at",
    f"researcher__{USERNAME}",
    "article_id",
)
_CLAIM_MOMENTS = ("published_at", "created_at", "updated_at")
# Where the (article, start, end) key that orders the claims stands in a claim row.
ARTICLE, START, END = (_CLAIM_ROW.index(name) for name in ("article_id", "start", "end"))


def _claim_columns(moment: Callable[[str], str | Func]) -> tuple:
    return tuple(moment(name) if name in _CLAIM_MOMENTS else name for name in _CLAIM_ROW)


RELATIONS = ("verdicts", "evidence", "review_events", "corrections", "tags")


def iter_export_chunks(
    render: Callable[[Iterator[SimpleNamespace]], T],
    *,
    since: datetime.datetime | None = None,
    ids: Collection[int] | None = None,
    article: int | None = None,
    tag: str | None = None,
    chunk_size: int = 1000,
    relations: Collection[str] = RELATIONS,
) -> Iterator[T]:
    """Yield `render(records)` for each chunk of published claims, in article and text order.

    `render` gets the chunk's records as an iterator and must consume it before returning.

    `since` keeps claims changed since then, `ids` only those claims (a selection), `article`
    that article's claims and `tag` the claims carrying that (normalised) tag; only the
    `relations` named are loaded, the others are empty. On PostgreSQL, dates and times arrive
    as the ISO 8601 text Python would print, and the next chunk's queries run on the server
    while `render` works on this one. Between yields no query is in flight, no transaction is
    open and the connection is out of pipeline mode: a slow reader holds nothing in the
    database, and the caller may use the connection as usual.
    """
    unknown = set(relations) - set(RELATIONS)
    if unknown:
        raise ValueError(f"Unknown relations: {', '.join(sorted(unknown))}.")
    moment = _as_iso_text if connection.vendor == "postgresql" else _as_stored
    claims = Claim.objects.filter(status=ClaimStatus.PUBLISHED)
    if since is not None:
        claims = claims.filter(updated_at__gte=since)
    if ids is not None:
        claims = claims.filter(_of_claims(ids, "pk")) if ids else claims.none()
    if article is not None:
        claims = claims.filter(article_id=article)
    if tag is not None:
        claims = claims.filter(tags__name=tag)
    rows = claims.order_by("article_id", "start", "end").values_list(*_claim_columns(moment))
    loaders = {name: _RELATED[name] for name in RELATIONS if name in relations}

    def page(after: tuple | None) -> QuerySet:
        # Keyset pagination over the unique (article, start, end) index: every chunk is a short
        # query of its own.
        return (rows if after is None else rows.filter(_after(*after)))[:chunk_size]

    def send(queries: QueryPipeline, chunk: list[tuple]) -> Callable[[], tuple[dict, list]]:
        """Send the queries of the chunk's relations and of the next chunk; return a collector."""
        claim_ids = [row[0] for row in chunk]
        pending = {name: queries.submit(load(claim_ids, moment)) for name, load in loaders.items()}
        article_ids = sorted({row[ARTICLE] for row in chunk})
        pending["articles"] = queries.submit(
            Article.objects.filter(pk__in=article_ids).values_list(*_ARTICLE_COLUMNS)
        )
        following = queries.submit(page(_key(chunk[-1]))) if len(chunk) == chunk_size else list
        return lambda: ({name: fetch() for name, fetch in pending.items()}, following())

    with QueryPipeline() as queries:
        chunk = queries.submit(page(None))()
        results, next_chunk = send(queries, chunk)() if chunk else ({}, [])
    while chunk:
        with QueryPipeline() as queries:
            # The server works on the next chunk while this one is rendered.
            collect = send(queries, next_chunk) if next_chunk else None
            # Records are made as the renderer asks for them: a thousand held at once would
            # cost the garbage collector more than building them.
            rendered = render(_records(chunk, results, loaders))
            upcoming = collect() if collect else ({}, [])
        yield rendered
        chunk = next_chunk
        results, next_chunk = upcoming


def iter_export_claims(**options: Any) -> Iterator[SimpleNamespace]:
    """Yield the records of `iter_export_chunks` one at a time (same options)."""
    for records in iter_export_chunks(list, **options):
        yield from records


def _key(row: tuple) -> tuple[int, int, int]:
    return (row[ARTICLE], row[START], row[END])


def _after(article_id: int, start: int, end: int) -> RawSQL:
    """Match claims that come after this span in (article, start, end) order."""
    return RawSQL(
        '("annotations_claim"."article_id", "annotations_claim"."start", "annotations_claim"."end")'
        " > (%s, %s, %s)",
        (article_id, start, end),
        output_field=BooleanField(),
    )


def _records(
    rows: list[tuple], results: dict[str, dict], loaders: dict[str, Callable]
) -> Iterator[SimpleNamespace]:
    articles = {row[0]: _article(row) for row in results["articles"]}
    builders = {name: (_grouped(results[name]), _BUILD[name]) for name in loaders}
    empty = Related()
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
            claimant_type,
            claim_date,
            origin,
            checkworthiness,
            reasons,
            published_at,
            created_at,
            updated_at,
            researcher,
            article_id,
        ) = row
        claim = SimpleNamespace(
            pk=pk,
            id=pk,
            article_id=article_id,
            article=articles[article_id],
            start=start,
            end=end,
            quote=quote,
            prefix=prefix,
            suffix=suffix,
            claim_text=claim_text,
            claimant=claimant,
            claimant_type=claimant_type,
            claim_date=claim_date,
            origin=origin,
            checkworthiness=checkworthiness,
            reasons=orjson.loads(reasons) if isinstance(reasons, str) else reasons,
            published_at=published_at,
            created_at=created_at,
            updated_at=updated_at,
            researcher=_person(researcher),
            verdicts=empty,
            evidence=empty,
            review_events=empty,
            corrections=empty,
            tags=empty,
        )
        for name, (grouped, build) in builders.items():
            found = grouped.get(pk)
            if found is not None:
                setattr(claim, name, Related(map(build, found)))
        yield claim


def _grouped(rows: list[tuple]) -> dict[int, list[tuple]]:
    grouped: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        grouped[row[0]].append(row)
    return grouped


def _of_claims(ids: Collection[int], field: str = "claim_id") -> Q:
    """Select rows of these claims with one query parameter however many claims there are.

    A thousand placeholders cost more to send than the rows they select; PostgreSQL takes
    the ids as one array literal and walks the index with them.
    """
    if connection.vendor == "postgresql":
        literal = "{" + ",".join(map(str, ids)) + "}"
        return Q(**{f"{field}__in": RawSQL("SELECT unnest(%s::bigint[])", (literal,))})
    if connection.vendor == "sqlite":
        # One JSON parameter too: SQLite refuses a query with more than 32,766 of them.
        literal = "[" + ",".join(map(str, ids)) + "]"
        return Q(**{f"{field}__in": RawSQL("SELECT value FROM json_each(%s)", (literal,))})
    return Q(**{f"{field}__in": ids})


_ARTICLE_COLUMNS = ("id", "url", "title", *ARTICLE_PROVENANCE_FIELDS, "text")


def _article(row: tuple) -> SimpleNamespace:
    pk, url, title, publisher, dateline, author, language, published_at, sha, text = row
    return SimpleNamespace(
        pk=pk,
        id=pk,
        url=url,
        title=title,
        publisher=publisher,
        dateline=dateline,
        author=author,
        language=language,
        published_at=published_at,
        text_sha256=sha,
        text=text,
    )


def _rows_of(
    rows: QuerySet, ids: list[int], *columns: str | Func, at: str = "created_at"
) -> QuerySet:
    """Select these claims' rows of a relation, claim id first, each claim's oldest first."""
    return (
        rows.filter(_of_claims(ids))
        .order_by("claim_id", at, "id")
        .values_list("claim_id", *columns)
    )


def _verdicts(ids: list[int], moment: Callable[[str], str | Func]) -> QuerySet:
    return _rows_of(
        Verdict.objects.filter(is_final=True),
        ids,
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


@functools.lru_cache(maxsize=64)
def _scale(slug: str, name: str, best: int, worst: int) -> SimpleNamespace:
    return SimpleNamespace(slug=slug, name=name, best_rating=best, worst_rating=worst)


def _verdict(row: tuple) -> SimpleNamespace:
    (_, explanation, role, approved_at, author, approver, slug, label, value, *scale) = row
    return SimpleNamespace(
        is_final=True,
        explanation=explanation,
        role=role,
        approved_at=approved_at,
        author=_person(author),
        approved_by=_person(approver),
        rating=SimpleNamespace(slug=slug, label=label, value=value, scale=_scale(*scale)),
    )


def _evidence(ids: list[int], moment: Callable[[str], str | Func]) -> QuerySet:
    return _rows_of(
        Evidence.objects.annotate(**latest_copy_columns(moment)),
        ids,
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
        "archive_id",
        "archive_at",
        "archive_sha256",
        "archive_final_url",
    )


def _evidence_item(row: tuple) -> SimpleNamespace:
    _, stance, excerpt, note, created_at, added_by, url, title, publisher, date, kind = row[:11]
    archive_id, archive_at, archive_sha256, archive_final_url = row[11:]
    return SimpleNamespace(
        archive_id=archive_id,
        archive_at=archive_at,
        archive_sha256=archive_sha256,
        archive_final_url=archive_final_url,
        stance=stance,
        excerpt=excerpt,
        note=note,
        created_at=created_at,
        added_by=_person(added_by),
        source=SimpleNamespace(
            url=url, title=title, publisher=publisher, published_at=date, kind=kind
        ),
    )


def _events(ids: list[int], moment: Callable[[str], str | Func]) -> QuerySet:
    return _rows_of(
        ReviewEvent.objects.all(),
        ids,
        "action",
        "from_status",
        "to_status",
        f"actor__{USERNAME}",
        "comment",
        moment("at"),
        at="at",
    )


# The columns of `_events` after the claim id, as the exporters read them.
_EVENT_FIELDS = ("action", "from_status", "to_status", "actor", "comment", "at")


def _event(row: tuple) -> SimpleNamespace:
    event = SimpleNamespace(**dict(zip(_EVENT_FIELDS, row[1:], strict=True)))
    event.actor = _person(event.actor)
    return event


def _corrections(ids: list[int], moment: Callable[[str], str | Func]) -> QuerySet:
    return _rows_of(
        Correction.objects.all(), ids, "note", f"author__{USERNAME}", moment("created_at")
    )


def _correction(row: tuple) -> SimpleNamespace:
    _, note, author, created_at = row
    return SimpleNamespace(note=note, author=_person(author), created_at=created_at)


def _tags(ids: list[int], moment: Callable[[str], str | Func]) -> QuerySet:
    return _rows_of(Claim.tags.through.objects.all(), ids, "tag__name", at="tag__name")


def _tag(row: tuple) -> SimpleNamespace:
    return SimpleNamespace(name=row[1])


_RELATED: dict[str, Callable[[list[int], Callable], QuerySet]] = {
    "verdicts": _verdicts,
    "evidence": _evidence,
    "review_events": _events,
    "corrections": _corrections,
    "tags": _tags,
}
_BUILD: dict[str, Callable[[tuple], SimpleNamespace]] = {
    "verdicts": _verdict,
    "evidence": _evidence_item,
    "review_events": _event,
    "corrections": _correction,
    "tags": _tag,
}
