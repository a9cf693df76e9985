"""Stream exports of published claims in every format, with memory flat in the claim count."""

import datetime
from collections.abc import Callable, Collection, Iterator
from typing import Any

import orjson

from annotations.exports.claimreview import claim_review
from annotations.exports.loader import iter_export_chunks
from annotations.exports.records import SCHEMA_VERSION, claim_record
from annotations.exports.w3c import web_annotation

FORMATS = ("json", "jsonl", "claimreview", "w3c")
CONTENT_TYPES = {
    "json": "application/json",
    "jsonl": "application/x-ndjson",
    "claimreview": "application/ld+json",
    "w3c": 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
}
# Claims fetched per database round trip (with their prefetches) and serialised per write.
CHUNK_SIZE = 1000
# What each format reads besides the claim and its article.
RELATIONS = {
    "json": ("verdicts", "evidence", "review_events", "corrections"),
    "jsonl": ("verdicts", "evidence", "review_events", "corrections"),
    "claimreview": ("verdicts",),
    "w3c": ("verdicts", "evidence"),
}


def export_stream(
    fmt: str,
    *,
    since: datetime.datetime | None = None,
    ids: Collection[int] | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[str]:
    """Yield the export of published claims (or of those among `ids`) as text chunks.

    `json` is one document `{"schema_version", "claims": [...]}`; `jsonl` one record per line;
    `claimreview` and `w3c` a JSON array of one object per claim. Claims come in article and
    text order; in `json`/`jsonl` the first record of each article also carries its text, so
    an import can rebuild the article.
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; use one of {', '.join(FORMATS)}.")
    chunks = iter_export_chunks(
        _Renderer(fmt), since=since, ids=ids, chunk_size=chunk_size, relations=RELATIONS[fmt]
    )
    if fmt == "jsonl":
        yield from chunks
        return
    yield f'{{"schema_version":{_dumps(SCHEMA_VERSION)},"claims":[' if fmt == "json" else "["
    yield from chunks
    yield "]}\n" if fmt == "json" else "]\n"


class _Renderer:
    """Turn each chunk of claims into its text, remembering what the previous chunks held."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.written = 0
        self.last_article: int | None = None
        self.build: Callable[[Any], dict[str, Any]] = (
            claim_review if fmt == "claimreview" else web_annotation
        )

    def __call__(self, claims: Iterator[Any]) -> str:
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
            yield claim_record(claim, include_article_text=claim.article_id != self.last_article)
            self.last_article = claim.article_id


def _dumps(item: Any) -> str:
    # orjson writes the same compact UTF-8 JSON as json.dumps, about five times faster.
    return orjson.dumps(item).decode()
