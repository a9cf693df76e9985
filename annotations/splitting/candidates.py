"""Candidate claims: sentence spans without boilerplate, scored for check-worthiness."""

from __future__ import annotations

import re
from typing import NamedTuple

from .boilerplate import boilerplate_kind, strip_dateline
from .checkworthiness import score_many, threshold
from .language import detect_paragraph_languages
from .segmenter import Span, split

__all__ = ["Candidate", "candidate_spans", "candidates", "clauses", "language_runs"]


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
    found: list[Candidate] = []
    for start, end, run_language in language_runs(text, language):
        spans = split(text[start:end], run_language)
        shifted = [Span(span.start + start, span.end + start) for span in spans]
        spans = candidate_spans(text, run_language, spans=shifted, atomic=atomic)
        results = score_many([text[span.start : span.end] for span in spans], run_language)
        found.extend(
            Candidate(
                span.start,
                span.end,
                result.value,
                result.reasons,
                result.value is not None and result.value < limit,
            )
            for span, result in zip(spans, results, strict=True)
        )
    return found


def language_runs(text: str, language: str | None) -> list[tuple[int, int, str | None]]:
    """Return the stretches of text and the language each is split and scored in.

    An article in one language is one stretch. A paragraph the detector clearly places in
    another language (an English quote inside an Arabic report) is split by that language's
    rules and scored by its model, so its sentences are neither cut at the wrong stops nor
    left unscored; a paragraph too short to tell keeps the article's language.
    """
    if not language or not text.strip():
        return [(0, len(text), language)]
    primary = language.split("-")[0].lower()
    runs: list[tuple[int, int, str | None]] = []
    for start, end, detected in detect_paragraph_languages(text, whole=language):
        same = detected.split("-")[0].lower() == primary
        run_language = language if same else detected
        if runs and runs[-1][2] == run_language:
            runs[-1] = (runs[-1][0], end, run_language)
        else:
            runs.append((start, end, run_language))
    if len(runs) <= 1:
        return [(0, len(text), language)]
    return runs
