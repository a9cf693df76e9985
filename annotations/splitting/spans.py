"""Sentence spans and the whitespace rules every segmenter shares."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["LINE_BREAKS", "PARAGRAPH", "Span", "first_start", "trim_end"]


class Span(NamedTuple):
    """A half-open range of code points in a text."""

    start: int
    end: int


LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"

# A blank line (or a paragraph separator): it always ends a sentence.
PARAGRAPH = re.compile(
    r"(?:\r\n|[" + LINE_BREAKS + r"])[^\S" + LINE_BREAKS + r"]*(?:\r\n|[" + LINE_BREAKS + r"])"
    r"|\u2029"
)
HAS_LINE_BREAK = re.compile(r"[" + LINE_BREAKS + r"]")
_SPACE = re.compile(r"\s*")


def trim_end(text: str, start: int, end: int) -> int:
    """Move end back over whitespace, never before start."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def first_start(text: str, pos: int) -> int:
    """Return the first non-space position at or after pos."""
    return _SPACE.match(text, pos).end()
