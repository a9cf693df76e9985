"""Published claims as CSV for spreadsheets: one row per claim, our JSON's flat fields.

A cell that starts with `=`, `+`, `-`, `@` (or a tab or carriage return) would run as a formula
when the file is opened in a spreadsheet; such cells are prefixed with `'`, as OWASP advises.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from annotations.credits import Credits
from annotations.exports.claimreview import public_url
from annotations.exports.records import iso_8601
from annotations.selectors.verdicts import final_verdict

COLUMNS = (
    "id",
    "url",
    "article_id",
    "article_url",
    "article_title",
    "article_publisher",
    "article_published_at",
    "start",
    "end",
    "quote",
    "claim_text",
    "claimant",
    "claimant_type",
    "claim_date",
    "origin",
    "checkworthiness",
    "tags",
    "rating",
    "rating_label",
    "explanation",
    "researcher",
    "published_at",
    "created_at",
    "updated_at",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Several tags share one cell; a tag never holds this separator (see `annotations.tagging`).
TAG_SEPARATOR = ", "


def safe_cell(value: Any) -> Any:
    """Return the value, with `'` in front of text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_header() -> str:
    """Return the header row."""
    return _write([COLUMNS])


def csv_rows(claims: Iterable[Any], *, credits: Credits, base: str) -> str:
    """Return the rows of these claims (as `iter_export_chunks` loads them)."""
    return _write(_row(claim, credits, base) for claim in claims)


def _row(claim: Any, credits: Credits, base: str) -> list[Any]:
    article = claim.article
    verdict = final_verdict(claim)
    values = (
        claim.pk,
        public_url(claim, base=base),
        article.pk,
        article.url,
        article.title,
        article.publisher,
        iso_8601(article.published_at),
        claim.start,
        claim.end,
        claim.quote,
        claim.claim_text,
        claim.claimant,
        claim.claimant_type,
        iso_8601(claim.claim_date),
        claim.origin,
        claim.checkworthiness,
        TAG_SEPARATOR.join(tag.name for tag in claim.tags.all()),
        verdict.rating.slug if verdict else "",
        verdict.rating.label if verdict else "",
        verdict.explanation if verdict else "",
        credits.name(claim.researcher) or "",
        iso_8601(claim.published_at),
        iso_8601(claim.created_at),
        iso_8601(claim.updated_at),
    )
    return [safe_cell("" if value is None else value) for value in values]


def _write(rows: Iterable[Iterable[Any]] | Iterator[list[Any]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()
