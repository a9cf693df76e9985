"""Candidate claims: sentence spans without boilerplate, scored for check-worthiness."""

from __future__ import annotations

import re
from typing import NamedTuple

from .boilerplate import boilerplate_kind, strip_dateline
from .checkworthiness import score_many, threshold
from .segmenter import Span, split

__all__ = ["Candidate", "candidate_spans", "candidates", "clauses"]


class Candidate(NamedTuple):
    """A span worth offering as a claim, with its check-worthiness (None: not scored)."""

    start: int
    end: int
    checkworthiness: float | None
    reasons: tuple[str, ...]
    low_priority: bool


# Where one sentence may join two independent statements: "...35 are believed to be dead, while
# intelligence estimates that 22 remain alive."
_CLAUSE_BREAK = re.compile(
    r";[ ]+|,[ ]+(?:while|whereas|but|although|though|and[ ]+(?=\w+[ ]+(?:said|says|told)))[ ]+"
)
_CHECKABLE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|thousands?|"
    r"millions?|billions?|half|twice)\b",
    re.IGNORECASE,
)


def clauses(text: str, span: Span) -> list[Span]:
    """Split a sentence into independent clauses that each hold a checkable detail."""
    pieces: list[Span] = []
    start = span.start
    for m in _CLAUSE_BREAK.finditer(text, span.start, span.end):
        left = text[start : m.start()]
        right = text[m.end() : span.end]
        if (
            len(left.split()) >= 4
            and len(right.split()) >= 4
            and _CHECKABLE.search(left)
            and _CHECKABLE.search(right)
        ):
            end = m.start()
            while end > start and text[end - 1].isspace():
                end -= 1
            pieces.append(Span(start, end))
            start = m.end()
    if not pieces:
        return [span]
    pieces.append(Span(start, span.end))
    return pieces


def candidate_spans(
    text: str, language: str | None = "en", *, spans: list[Span] | None = None, atomic: bool = False
) -> list[Span]:
    """Return the spans of text that may be claims: no datelines, bylines, credits or headings."""
    if spans is None:
        spans = split(text, language)
    out: list[Span] = []
    for span in spans:
        span = strip_dateline(text, span)
        if span.end <= span.start or boilerplate_kind(text, span) is not None:
            continue
        if atomic:
            out.extend(clauses(text, span))
        else:
            out.append(span)
    return out


def candidates(
    text: str,
    language: str | None = "en",
    *,
    atomic: bool = False,
    low_priority_below: float | None = None,
) -> list[Candidate]:
    """Return scored candidate claims for a text, in text order.

    A language with no check-worthiness model gets None ("not scored"), never low priority:
    nothing says such a sentence matters less than another.
    """
    limit = threshold() if low_priority_below is None else low_priority_below
    spans = candidate_spans(text, language, atomic=atomic)
    results = score_many([text[span.start : span.end] for span in spans], language)
    return [
        Candidate(
            span.start,
            span.end,
            result.value,
            result.reasons,
            result.value is not None and result.value < limit,
        )
        for span, result in zip(spans, results, strict=True)
    ]
