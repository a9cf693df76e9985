"""Recognise the parts of a news text that are not claims: datelines, bylines, credits, headings."""

from __future__ import annotations

import re

from .segmenter import Span

__all__ = ["DATELINE", "boilerplate_kind", "strip_dateline"]

_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_AGENCY = r"\((?:[A-Z][\w&.'’/-]*(?:[ ][\w&.'’/-]+){0,4})\)"
# "WASHINGTON (Reuters) - ", "NEW YORK, March 5 (AP) — ", "GAZA CITY — ", "Kyiv (CNN) — ",
# and the "date 2025-03-05 " marker that some feeds put first.
DATELINE = re.compile(
    r"(?:date[ ]\d{4}-\d{2}-\d{2}\s+)?"
    r"(?:"
    r"(?:[A-Z][A-Z'’.-]+(?:[ ][A-Z][A-Z'’.-]+){0,3}"  # a place in capitals
    r"(?:,[ ][A-Z][A-Za-z.]*(?:[ ][A-Za-z0-9.]+){0,3})?"  # ", Ukraine" / ", March 5"
    r"(?:[ ]" + _AGENCY + r")?"
    r"|[A-Z][a-z'’.-]+(?:[ ][A-Z][a-z'’.-]+){0,2}"  # a place in title case needs an agency
    r"(?:,[ ][A-Z][A-Za-z.]*(?:[ ][A-Za-z0-9.]+){0,3})?[ ]" + _AGENCY + r")"
    r"[ ]?[-–—]{1,2}[ ]+"
    r")?"
)
_DATE_MARKER = re.compile(r"date[ ]\d{4}-\d{2}-\d{2}(?:\s+|\Z)")
_BYLINE = re.compile(
    r"(?:by|reporting by|writing by|editing by|additional reporting by|compiled by|"
    r"written by|story by|words by|reported by)[ ]+\S",
    re.IGNORECASE,
)
_BYLINE_WORDS = frozenset(
    "and of the in at for with from via on by staff writer writers reporter reporters "
    "correspondent correspondents editor editors contributed contributing additional "
    "reporting editing writing compiled written story words reported desk team bureau chief "
    "senior & ;".split()
)
_CREDIT = re.compile(
    r"(?:©|\(c\)|copyright\b|all rights reserved|"
    r"(?:photo|image|picture|video|graphic|illustration|source|credit|file photo)s?"
    r"(?:[ ]credit)?[ ]?[:/|]|"
    r"(?:read more|related|advertisement|sign up|subscribe|share this|follow us|click here|"
    r"continue reading|also read|watch|listen|recommended|more from)\b)",
    re.IGNORECASE,
)
_TIMESTAMP = re.compile(
    r"(?:(?:updated|published|posted|last updated|first published)[: ]*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?[ ])?"
    r"(?:\d{1,4}[-/.][ ]?\d{1,2}[-/.][ ]?\d{1,4}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ ]\d{1,2},?(?:[ ]\d{4})?|"
    r"\d{1,2}[ ](?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:[ ]\d{4})?)"
    r"(?:,?[ ](?:at[ ])?\d{1,2}[:.]\d\d(?:[ ]?[ap]\.?m\.?)?(?:[ ][A-Z]{2,4})?)?[ ]*\Z",
    re.IGNORECASE,
)
_HEADING_MARK = re.compile(r"#{1,6}[ ]")
_LETTER = re.compile(r"[^\W\d_]")


def strip_dateline(text: str, span: Span) -> Span:
    """Return the span without a leading dateline ("WASHINGTON (Reuters) - ") or date marker."""
    m = DATELINE.match(text, span.start, span.end)
    if m is None or m.end() == span.start:
        return span
    if m.end() >= span.end:
        return Span(span.end, span.end)
    return Span(m.end(), span.end)


def _own_line(text: str, span: Span) -> bool:
    """Tell whether nothing but whitespace shares the span's lines."""
    i = span.start - 1
    while i >= 0 and text[i].isspace() and text[i] not in _LINE_BREAKS:
        i -= 1
    if i >= 0 and text[i] not in _LINE_BREAKS:
        return False
    j = span.end
    n = len(text)
    while j < n and text[j].isspace() and text[j] not in _LINE_BREAKS:
        j += 1
    return j >= n or text[j] in _LINE_BREAKS


def boilerplate_kind(text: str, span: Span) -> str | None:
    """Name the kind of boilerplate a span is ("byline", "credit", "heading", ...), or None."""
    s = text[span.start : span.end]
    if not _LETTER.search(s):
        return "no text"
    if _DATE_MARKER.fullmatch(s) or _TIMESTAMP.match(s):
        return "date line"
    words = s.split()
    if s[0] in "([" and s[-1] in ")]" and len(words) <= 12 and s.count("(") <= 1:
        return "credit"
    if _CREDIT.match(s) and len(words) <= 25:
        return "credit"
    if _BYLINE.match(s) and len(words) <= 25:
        rest = words[1:]
        if all(w[:1].isupper() or w.lower().strip(",;") in _BYLINE_WORDS for w in rest):
            return "byline"
    if _HEADING_MARK.match(s):
        return "heading"
    stripped = DATELINE.fullmatch(s + " ")
    if stripped is not None and stripped.end() > 0:
        return "dateline"
    if s[-1] not in '.!?…"”’»:;)' and len(words) <= 20 and _own_line(text, span):
        return "heading"
    return None
