"""Stream exports of published claims in every format, with memory flat in the claim count."""

import datetime
import functools
from collections.abc import Callable, Collection, Iterator
from typing import Any

import orjson

from annotations.credits import Credits
from annotations.exports.claimreview import claim_review, public_base
from annotations.exports.loader import iter_export_chunks
from annotations.exports.records import SCHEMA_VERSION, claim_record
from annotations.exports.table import csv_header, csv_rows
from annotations.exports.w3c import web_annotation

FORMATS = ("json", "jsonl", "claimreview", "w3c", "csv")
CONTENT_TYPES = {
    "json": "application/json",
    "jsonl": "application/x-ndjson",
    "claimreview": "application/ld+json",
    "w3c": 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
    "csv": "text/csv",
}
EXTENSIONS = {"json": "json", "jsonl": "jsonl", "csv": "csv"}
# Claims fetched per database round trip (with their prefetches) and serialised per write.
CHUNK_SIZE = 1000
# What each format reads besides the claim and its article (an internal export of our own
# format also reads the review history).
RELATIONS = {
    "json": ("verdicts", "evidence", "corrections", "tags"),
    "jsonl": ("verdicts", "evidence", "corrections", "tags"),
    "claimreview": ("verdicts", "tags"),
    "w3c": ("verdicts", "evidence", "tags"),
    "csv": ("verdicts", "tags"),
}
INTERNAL_RELATIONS = {"json": ("review_events",), "jsonl": ("review_events",)}
# Formats that name people (ClaimReview credits the organisation only).
CREDITING = ("json", "jsonl", "w3c", "csv")


def export_stream(
    fmt: str,
    *,
    since: datetime.datetime | None = None,
    ids: Collection[int] | None = None,
    article: int | None = None,
    tag: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    internal: bool = False,
    base: str | None = None,
) -> Iterator[str]:
    """Yield the export of published claims (or of those among `ids`) as text chunks.

    `json` is one document `{"schema_version", "claims": [...]}`; `jsonl` one record per line;
    `claimreview` and `w3c` a JSON array of one object per claim; `csv` a header row and one
    row per claim. Claims come in article and text order; in `json`/`jsonl` the first record of
    each article also carries its text, so an import can rebuild the article. `article` and
    `tag` narrow the claims as `iter_export_chunks` does; public URLs are under `base` (default:
    `claimreview.public_base()`).

    The export is public unless `internal` is set: people appear by public credit and the
    review's internal work stays out. `internal` (for the desk only: the caller checks who
    asks) names people by username and adds the review history and evidence notes.
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    relations = RELATIONS[fmt] + (INTERNAL_RELATIONS.get(fmt, ()) if internal else ())
    # Read before the first chunk: no query may run while a chunk's pipeline is open.
    if internal:
        credits = Credits.for_desk()
    elif fmt in CREDITING:
        credits = Credits.for_public()
    else:
        credits = Credits(internal=False)
    chunks = iter_export_chunks(
        _Renderer(fmt, credits, base or public_base()),
        since=since,
        ids=ids,
        article=article,
        tag=tag,
        chunk_size=chunk_size,
        relations=relations,
    )
    if fmt == "csv":
        yield csv_header()
    if fmt in ("jsonl", "csv"):
        yield from chunks
        return
    yield f'{{"schema_version":{_dumps(SCHEMA_VERSION)},"claims":[' if fmt == "json" else "["
    yield from chunks
    yield "]}\n" if fmt == "json" else "]\n"


class _Renderer:
    """Turn each chunk of claims into its text, remembering what the previous chunks held."""

    def __init__(self, fmt: str, credits: Credits, base: str) -> None:
        self.fmt = fmt
        self.credits = credits
        self.base = base
        self.written = 0
        self.last_article: int | None = None
        self.build: Callable[[Any], dict[str, Any]] = (
            functools.partial(claim_review, base=base)
            if fmt == "claimreview"
            else functools.partial(web_annotation, credits=credits, base=base)
        )

    def __call__(self, claims: Iterator[Any]) -> str:
        if self.fmt == "csv":
            return csv_rows(claims, credits=self.credits, base=self.base)
        parts = [_dumps(item) for item in self._items(claims)]
        if self.fmt == "jsonl":
            return "".join(part + "\n" for part in parts)
        text = ("," if self.written and parts else "") + ",".join(parts)
        self.written += len(parts)
        return text

    def _items(self, claims: Iterator[Any]) -> Iterator[dict[str, Any]]:
        if self.fmt not in ("json", "jsonl"):
            yield from map(self.build, claims)
            return
        for claim in claims:
            # An import rebuilds each article from the text on its first record.
            yield claim_record(
                claim,
                credits=self.credits,
                include_article_text=claim.article_id != self.last_article,
                base=self.base,
            )
            self.last_article = claim.article_id


def _dumps(item: Any) -> str:
    # orjson writes the same compact UTF-8 JSON as json.dumps, about five times faster.
    return orjson.dumps(item).decode()
