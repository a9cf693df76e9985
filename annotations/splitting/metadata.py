"""Lift metadata that arrives inside an article's text into fields of its own.

Agency copy often starts with a `date YYYY-MM-DD` marker and ends with a parenthesised credit
such as `(Agency – City)`. Neither is something anyone would fact-check, so both leave the
claimable text and become `published_at`, `publisher` and `dateline`.
"""

import datetime
import re
from dataclasses import dataclass

_DATE_MARKER = re.compile(r"\Adate\s*:?\s+(\d{4}-\d{2}-\d{2})(?=\s|\Z)\s*", re.IGNORECASE)
_CLOSING_CREDIT = re.compile(r"(?:\A|\n)[ \t]*\(([^()\n]{1,150})\)[ \t]*\Z")
_CREDIT_SEPARATOR = re.compile(r"\s+[–—-]\s+")
_MARKDOWN_TITLE = re.compile(r"\A#[ \t]+(.+?)[ \t#]*(?:\n|\Z)")
_SENTENCE_END = re.compile(r"[.!?…]\s*\Z")


class MetadataError(ValueError):
    """The text carries a metadata marker that cannot be read."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class LiftedText:
    """Claimable text with the metadata that was found around it."""

    text: str
    published_at: datetime.date | None = None
    publisher: str = ""
    dateline: str = ""
    title: str = ""


def lift_metadata(text: str) -> LiftedText:
    """Split a normalised text into its claimable part and the metadata around it."""
    published_at = None
    marker = _DATE_MARKER.match(text)
    if marker:
        try:
            published_at = datetime.date.fromisoformat(marker.group(1))
        except ValueError:
            raise MetadataError(
                "published_at", f"The leading date marker {marker.group(1)!r} is not a valid date."
            ) from None
        text = text[marker.end() :]

    publisher = dateline = ""
    credit = _CLOSING_CREDIT.search(text)
    if credit and _looks_like_credit(credit.group(1)):
        publisher, dateline = _parse_credit(credit.group(1))
        text = text[: credit.start()].rstrip()

    title_match = _MARKDOWN_TITLE.match(text)
    title = title_match.group(1).strip() if title_match else ""
    return LiftedText(
        text=text.strip(),
        published_at=published_at,
        publisher=publisher,
        dateline=dateline,
        title=title,
    )


def _looks_like_credit(inner: str) -> bool:
    """Tell a credit line from a parenthetical sentence that happens to close the text."""
    inner = inner.strip()
    if not inner or _SENTENCE_END.search(inner):
        return False
    words = len(inner.split())
    if _CREDIT_SEPARATOR.search(inner):
        return words <= 12
    return words <= 4


def _parse_credit(inner: str) -> tuple[str, str]:
    """Return (publisher, dateline) from `Agency – City` or a bare `Agency`."""
    parts = _CREDIT_SEPARATOR.split(inner.strip(), maxsplit=1)
    if len(parts) == 2:
        return parts[0].strip(), parts[1].strip()
    return parts[0].strip(), ""
