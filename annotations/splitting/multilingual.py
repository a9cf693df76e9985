"""Sentence segmentation for languages other than English, driven by each language's rules.

The shape is the English segmenter's: one regular expression finds every place a sentence could
end, and the language's lists (``languages/``) decide each place. The decisions differ: every
language has its own titles, abbreviations and sentence starters, German and Turkish write
ordinal numbers with a full stop, Hindi and Arabic have their own stops, and Chinese and
Japanese end sentences with no space after the stop.
"""

from __future__ import annotations

import re
from functools import lru_cache

from annotations.anchoring import is_grapheme_extend

from .languages.base import Rules
from .spans import HAS_LINE_BREAK, LINE_BREAKS, PARAGRAPH, Span, first_start, trim_end

__all__ = ["split_with"]

TERMINAL = ".!?…‽⁇⁈⁉"
CJK_STOPS = "。！？｡"
CLOSERS = "\"'”’»›)]}"
OPENERS = "\"'“‘„‚«‹»›([{¿¡「『《〈（【〔"
DASHES = "—–"

_NEXT_WORD = re.compile(r"[\"'“‘„‚«‹»›(\[¿¡]*([^\W\d_]+)(\.?)")
# "U.S", "EE.UU", "S.p.A", "ए.के" (a Devanagari letter may carry a vowel sign).
_DOTTED_INITIALS = re.compile(r"(?:[^\W\d_][^\s.\d]{0,2}\.)+[^\W\d_][^\s.\d]{0,2}\Z")
_NUMBER = re.compile(r"\d[\d.,]*\Z")
_AFTER_DASH = re.compile(r"[—–][^\S\n]*(.)")
# Kana and Chinese characters: "?" or "!" before one ends a sentence with no space after it.
_CJK_PAIRS = (("“", "”"), ("「", "」"), ("『", "』"), ("《", "》"), ("（", "）"), ("【", "】"))
_CJK_STOP = re.compile("[" + CJK_STOPS + "]")
_CJK_OPENER = re.compile("[" + "".join(o for o, _c in _CJK_PAIRS) + "]")
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9d]")


def _char_class(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


@lru_cache(maxsize=64)
def _candidate(rules: Rules) -> re.Pattern[str]:
    """Compile the pattern of places where a sentence could end, for one language."""
    terminal = _char_class(TERMINAL + rules.stops + (CJK_STOPS if rules.cjk else ""))
    closers = _char_class(CLOSERS + rules.closers)
    spaced = (
        r"|[ \u00a0\u202f]+(?=" + _char_class(rules.spaced_closers) + ")"
        if rules.spaced_closers
        else ""
    )
    # Chinese and Japanese need no space after a stop; everywhere else a stop inside a word or a
    # number ("3.9", "example.com") is never a candidate.
    after = r"(\s*)" if rules.cjk else r"(\s+|\Z)"
    return re.compile(
        r"[" + terminal[1:-1] + LINE_BREAKS + r"]"
        r"(?:(?<=" + terminal + r")((?:" + terminal + r"|[ ](?=\.))*)"
        r"((?:"
        + closers
        + r"|\[\d{1,3}\]"
        + spaced
        + r")*)"
        + after
        + r"|(?<=["
        + LINE_BREAKS
        + r"])(\s*))"
    )


def split_with(text: str, rules: Rules) -> list[Span]:
    """Split text into sentence spans by one language's rules."""
    n = len(text)
    spans: list[Span] = []
    start = first_start(text, 0)
    for m in _candidate(rules).finditer(text, start):
        ms = m.start()
        if ms < start:
            continue
        j = m.end()
        if m.group(4) is not None:
            if j < n and text[j].islower() and not PARAGRAPH.search(m.group()):
                # A wrapped line: the sentence goes on in lower case.
                continue
            end = trim_end(text, start, ms)
        else:
            if j >= n:
                break
            if not _ends(text, start, m, rules):
                continue
            end = m.end(2)
        if end > start:
            spans.append(Span(start, end))
        start = j
    if start < n:
        end = trim_end(text, start, n)
        if end > start:
            spans.append(Span(start, end))
    return spans


def _ends(text: str, start: int, m: re.Match[str], rules: Rules) -> bool:
    """Decide whether the stop matched by m ends the sentence that began at start."""
    ms, j = m.start(), m.end()
    punct, closers, ws = text[ms] + m.group(1), m.group(2), m.group(3)
    nxt = text[j]
    if nxt >= "\u0300" and is_grapheme_extend(nxt):
        # A mark after the stop leans on it (or on the space): splitting would strand it.
        return False
    if not ws:
        # Only Chinese and Japanese get here: a stop with no space after it.
        if _CJK_STOP.search(punct):
            if _inside_brackets(text, max(start, ms - 200), j):
                # 《快跑！小明》: a stop inside a title or a quotation that is still open.
                return False
            if closers and "\u3040" <= nxt <= "\u309f":
                # 「本当ですか？」と彼は言った: the sentence goes on after the quotation.
                return False
            if closers and rules.attribution_after_quote and text[start] in OPENERS:
                # “这是一次历史性的胜利！”市长说。: who said it follows the quotation.
                return nxt in OPENERS
            return True
        return ("?" in punct or "!" in punct) and _CJK_CHAR.match(nxt) is not None
    if len(ws) > 1 and PARAGRAPH.search(ws):
        return True
    if nxt.islower():
        return False
    if nxt in OPENERS and text[j + 1 : j + 2].islower():
        return False
    if nxt in DASHES:
        # «Мы победим!» — заявил он. / ¿Vienes? —preguntó.: the speaker follows the quotation.
        dash = _AFTER_DASH.match(text, j)
        if dash is not None and dash.group(1).islower():
            return False
    if HAS_LINE_BREAK.search(ws):
        return True
    if punct == ".":
        return _period_ends(text, start, ms, closers, j, rules)
    if punct.strip(". …") == "":
        # An ellipsis standing free ("weakened . . . was") does not end a sentence; one after a
        # word does before a capital; "[...]" never does.
        if closers[:1] == "]" and ms > 0 and text[ms - 1] == "[":
            return False
        return not text[ms - 1 : ms].isspace() and not nxt.isdigit()
    return True


def _inside_brackets(text: str, lo: int, hi: int) -> bool:
    """Tell whether a CJK quotation or title bracket opened in text[lo:hi] is still open."""
    if _CJK_OPENER.search(text, lo, hi) is None:
        return False  # the usual case, found in C
    piece = text[lo:hi]
    return any(piece.count(o) > piece.count(c) for o, c in _CJK_PAIRS)


def _period_ends(text: str, start: int, ms: int, closers: str, j: int, rules: Rules) -> bool:
    """Decide whether the full stop at ms (followed by closers, then text[j]) ends a sentence."""
    if closers:
        # A closing quote or bracket after the stop: the quotation ended a sentence.
        return True
    lo = ms - 48 if ms - 48 > start else start
    parts = text[lo:ms].split()
    tok = parts[-1].lstrip(OPENERS) if parts and not text[ms - 1].isspace() else ""
    head, apostrophe, tail = tok.replace("’", "'").rpartition("'")
    if apostrophe and len(head) <= 4:
        # An elided article or preposition: "l'art. 14", "dell'On.".
        tok = tail
    if not tok:
        return True
    if tok in rules.titles:
        return False
    single = len(tok) == 1 and tok.isalpha()
    prev = parts[-2].lstrip(OPENERS) if len(parts) > 1 else ""
    # "т. д.", "z. B.", "d. h.": a spaced abbreviation is looked up whole.
    low = (prev + tok).lower() if single and prev[-1:] == "." else tok.lower()
    if low in rules.list_enders:
        return not text[j].isdigit()
    if text[j].isdigit():
        if rules.ordinals and tok.isdigit() and len(tok) <= 2:
            # A date written with spaces ("am 3. 10. 2020") or a range ("1. -3. Jahrhundert").
            return False
        # "Nr. 5", "pág. 12", "J. 5" keep the number; "…en 2019. 833 personas…" ends.
        return not (low in rules.number_abbreviations or low in rules.abbreviations or single)
    word = _NEXT_WORD.match(text, j)
    starter = word is not None and word.group(1) in rules.starters
    initial = word is not None and len(word.group(1)) == 1 and word.group(2) == "."
    if _NUMBER.match(tok):
        if rules.ordinals and tok.isdigit() and len(tok) <= 3:
            # "am 5. September", "3. Ordu": an ordinal, unless a sentence plainly starts.
            return starter
        # "… 16.886. Die …": a number, however dotted, can end a sentence.
        return True
    if low in rules.abbreviations or _DOTTED_INITIALS.match(tok):
        return starter and not initial
    if single:
        if _NUMBER.match(prev):
            # "عام 2020 م." (AD): a letter after a year is a unit, not an initial.
            return True
        # "В. В. Путин", "J. K. Rowling": initials; "la planta A. Luego" ends.
        after_word = bool(prev) and (prev[0].islower() or rules.capitalised_nouns)
        return after_word and starter and not initial
    return True
