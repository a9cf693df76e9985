"""Anchor claims to article text: offsets in code points, quotes, and their context.

Offsets are Unicode code points into `Article.text`, half-open, as in the W3C Web Annotation
TextPositionSelector. A span must not cut a user-perceived character: it may not start or end
between a base character and a combining mark, inside a joined emoji sequence, or between the
two halves of a flag.
"""

import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

# How much text either side of a span is kept as its prefix and suffix, in code points. The
# segmenter imports this module outside Django, so it depends on no model.
CONTEXT_LENGTH = 32

# The longest span a claim may have, in code points: several paragraphs, far below what
# PostgreSQL's search vector (1 MB) and index can take of a claim's quote and restated text.
MAX_CLAIM_CHARS = 10_000

_ZWJ = "\u200d"
_EXTENDING_CATEGORIES = {"Mn", "Me", "Mc"}


@dataclass(frozen=True)
class Anchor:
    """A resolved span of an article's text."""

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


def context_for(text: str, start: int, end: int) -> tuple[str, str]:
    """Return the prefix and suffix (up to 32 code points each) around a span."""
    return text[max(0, start - CONTEXT_LENGTH) : start], text[end : end + CONTEXT_LENGTH]


def is_character_boundary(text: str, index: int) -> bool:
    """Return whether a span may start or end at this offset without cutting a character."""
    if index <= 0 or index >= len(text):
        return True
    char, before = text[index], text[index - 1]
    if before == _ZWJ or char == _ZWJ:
        return False
    if is_grapheme_extend(char):
        return False
    if _is_regional_indicator(char) and _is_regional_indicator(before):
        # Flags are pairs of regional indicators; an odd run before us means we split a pair.
        run = 0
        i = index - 1
        while i >= 0 and _is_regional_indicator(text[i]):
            run += 1
            i -= 1
        return run % 2 == 0
    return True


def is_grapheme_extend(char: str) -> bool:
    """Return whether the character joins the one before it (combining mark, joiner, selector)."""
    if char < "\u0300":
        # Nothing below the combining diacritics extends; most text is decided here.
        return False
    return (
        char == _ZWJ
        or "\ufe00" <= char <= "\ufe0f"  # variation selectors
        or "\U000e0100" <= char <= "\U000e01ef"
        or "\U0001f3fb" <= char <= "\U0001f3ff"  # skin-tone modifiers
        or "\U000e0020" <= char <= "\U000e007f"  # emoji tag sequences
        or unicodedata.category(char) in _EXTENDING_CATEGORIES
    )


def _is_regional_indicator(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def resolve_anchor(
    text: str,
    *,
    start: int | None = None,
    end: int | None = None,
    quote: str | None = None,
    prefix: str = "",
    suffix: str = "",
) -> Anchor:
    """Resolve offsets or a quote (with optional context) to a trimmed span of the text.

    Raise ValidationError naming the field when the span is outside the text, reversed, empty,
    longer than MAX_CLAIM_CHARS, cuts a character, or when the quote is missing, absent,
    ambiguous or contradicts the offsets.
    """
    if start is None and end is None:
        if quote is None or not quote.strip():
            raise ValidationError(
                {"quote": _("Give start and end offsets, or a quote to look for.")}
            )
        start, end = _find_quote(text, _normalise_quote(quote), prefix, suffix)
    elif start is None or end is None:
        missing = "start" if start is None else "end"
        raise ValidationError({missing: _("Give both start and end offsets.")})
    else:
        _check_offsets(text, start, end)
        if quote is not None and not quote_matches(text, start, end, quote):
            raise ValidationError(
                {
                    "quote": _("The quote does not match the article text at %(start)s–%(end)s.")
                    % {"start": start, "end": end}
                }
            )

    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise ValidationError({"end": _("The span holds only whitespace.")})
    if end - start > MAX_CLAIM_CHARS:
        raise ValidationError(
            {
                "end": _(
                    "The span is %(length)s characters long; a claim may span at most %(most)s."
                )
                % {
                    "length": number_format(end - start, force_grouping=True),
                    "most": number_format(MAX_CLAIM_CHARS, force_grouping=True),
                }
            }
        )
    for field, offset in (("start", start), ("end", end)):
        if not is_character_boundary(text, offset):
            raise ValidationError(
                {
                    field: _(
                        "Offset %(offset)s falls inside a character (a combining mark, joined "
                        "emoji or flag); move it to a character boundary."
                    )
                    % {"offset": offset}
                }
            )
    return anchor_at(text, start, end)


def anchor_at(text: str, start: int, end: int) -> Anchor:
    """Return the anchor of a checked span: its quote and the context around it."""
    before, after = context_for(text, start, end)
    return Anchor(start=start, end=end, quote=text[start:end], prefix=before, suffix=after)


def quote_matches(text: str, start: int, end: int, quote: str) -> bool:
    """Return whether the quote (NFC, any line ends) is the text at start–end, edges trimmed."""
    return text[start:end].strip() == _normalise_quote(quote)


def _normalise_quote(quote: str) -> str:
    quote = quote.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", quote).strip()


def _check_offsets(text: str, start: int, end: int) -> None:
    for field, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(
                {field: _("%(field)s must be a whole number of code points.") % {"field": field}}
            )
        if value < 0:
            raise ValidationError(
                {
                    field: _("%(field)s must not be negative (got %(value)s).")
                    % {"field": field, "value": value}
                }
            )
        if value > len(text):
            raise ValidationError(
                {
                    field: _(
                        "%(field)s=%(value)s is outside the text, which has %(length)s code points."
                    )
                    % {"field": field, "value": value, "length": len(text)}
                }
            )
    if start >= end:
        raise ValidationError(
            {
                "end": _("end (%(end)s) must be greater than start (%(start)s).")
                % {"end": end, "start": start}
            }
        )


def _find_quote(text: str, quote: str, prefix: str, suffix: str) -> tuple[int, int]:
    occurrences = []
    index = text.find(quote)
    while index != -1:
        occurrences.append(index)
        index = text.find(quote, index + 1)
    if not occurrences:
        raise ValidationError({"quote": _("The quote does not occur in the article text.")})

    prefix = unicodedata.normalize("NFC", prefix)
    suffix = unicodedata.normalize("NFC", suffix)
    matching = [
        i
        for i in occurrences
        if text.endswith(prefix, 0, i) and text.startswith(suffix, i + len(quote))
    ]
    if not matching:
        raise ValidationError(
            {
                "prefix": _(
                    "The quote occurs %(count)s time(s), but never with the given prefix and "
                    "suffix."
                )
                % {"count": len(occurrences)}
            }
        )
    if len(matching) > 1:
        raise ValidationError(
            {
                "quote": _(
                    "The quote occurs %(count)s times; give a prefix or suffix (the text just "
                    "before or after it) to choose one."
                )
                % {"count": len(matching)}
            }
        )
    return matching[0], matching[0] + len(quote)
