"""Sentence segmentation with exact code-point offsets: English here, other languages by rules.

``split`` sends English (and an empty tag) through the rules below and every other language
through ``multilingual.split_with`` with that language's lists from ``languages/``.

One regular expression finds every place a sentence could end (terminal punctuation followed by
whitespace, or a line break); a handful of rules then decide each place. Everything the regular
expression does not match is never looked at again, which is what makes this fast: the rules run
once per full stop, not once per character.
"""

from __future__ import annotations

import re

from annotations.anchoring import is_grapheme_extend

from .languages import rules_for
from .multilingual import split_with
from .spans import HAS_LINE_BREAK as _HAS_LINE_BREAK
from .spans import LINE_BREAKS as _LINE_BREAKS
from .spans import PARAGRAPH as _PARAGRAPH
from .spans import Span
from .spans import first_start as _first_start
from .spans import trim_end as _trim_end

__all__ = ["Span", "is_english", "split"]


# Prefixes that are always followed by a name: a full stop after them never ends a sentence.
# Compared case-sensitively so that "ft." (feet) and "st." (street) stay ordinary abbreviations.
TITLES = frozenset(
    """
    Mr Mrs Ms Messrs Mmes Mme Mlle Dr Drs Prof Profs Sen Sens Rep Reps Gov Govs Lt Col Gen Maj
    Capt Cmdr Cdr Adm Sgt Cpl Pvt Brig Insp Det Supt Atty Rev Hon Pres Fr Sr Sra Srta Gen Amb
    Hon Rt Msgr Comdr Cmdr Ald Assn Asst Dist Dep
    """.split()
)

# Abbreviations that may end a sentence: a full stop after them ends one only when the next word
# is one that usually starts a sentence ("in the U.S. How about you?").
ABBREVIATIONS = frozenset(
    """
    a.m p.m am pm u.s u.k e.u u.n u.s.a u.s.s.r d.c l.a n.y n.j p.o e.g i.e etc vs v al cf ca
    approx est dept depts univ inc corp co cos ltd llc plc bros jr sr st ste mt ft ave blvd rd hwy
    mtn jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat
    sun no nos vol vols fig figs p pp ch chap sec secs art arts para ed eds op misc min max mins
    hr hrs sq oz lb lbs mi km cm mm kg yr yrs mo mos wk wks tel ext ref dr prof gov sen rep gen
    col lt capt sgt mr mrs ms mssrs n° nº nr int'l intl natl nat'l govt gov't assoc corp.
    """.split()
)

# Abbreviations that are normally followed by a number ("p. 55", "No. 5", "Jan. 5").
NUMBER_ABBREVIATIONS = frozenset(
    """
    no nos nr n° nº p pp vol vols fig figs ch chap sec secs art arts para pt pts op ed tel ext
    jan feb mar apr jun jul aug sep sept oct nov dec approx ca c est ref rm ste apt bldg hwy rt
    rte ft st mt gen sen rep gov lt col maj capt sgt dr prof mr mrs ms u.s u.k
    """.split()
)

# Words that usually begin a sentence; after an abbreviation they are the evidence that the
# abbreviation also ended the sentence (the same idea as pySBD's sentence starters).
STARTERS = frozenset(
    """
    A An The This That These Those He She It They We I You His Her Its Their Our My Your There
    Here What When Where Who Whom Whose Why How Which But And Or Yet So However Meanwhile Still
    Also Moreover Furthermore Nevertheless Instead Indeed Thus Therefore Hence After Before Since
    While If Unless Although Though Because Then Now Today Yesterday Tomorrow Last Next Many Some
    Most All Several Both Each Every Other Such No Not Nor None One Two Three Four Five In On At
    As For From By With Without Under Over During Despite Being Did Do Does Is Are Was Were Has
    Have Had Can Could Will Would Should May Might Must Let Please Officials Authorities Police
    Millions Thousands Hundreds More Less Few Only Even Just Yes Among Earlier Later Previously
    """.split()
)

TIME_ZONES = frozenset(
    "ET EST EDT CT CST CDT MT MST MDT PT PST PDT GMT UTC BST CET CEST IST".split()
)

# Words that open an introductory time phrase: "At 5 a.m. Mr. Smith went ..." stays one sentence.
INTRO_WORDS = frozenset("at by before after until till since around about from on".split())

# How far after a list marker the next item is looked for (code points).
LIST_REACH = 2000

OPENERS = "\"'“‘«‹([{¿¡"
BULLETS = "•⁃‣◦▪▫●○■□◆◇★☆➢➤►▸"

_TERMINAL = ".!?…‽⁇⁈⁉"

# Every match starts with one terminal punctuation mark or line break: a pattern that opens with
# a single character set lets the regular expression engine skip to candidates in C, five times
# faster than an alternation would. Group 1: the rest of a run of terminal punctuation (spaced
# full stops continue it: ". . ."), group 2: closing quotes and brackets, group 3: the whitespace
# after (or the end of the text). Group 4: the whitespace after a line break.
_CANDIDATE = re.compile(
    r"[" + _TERMINAL + _LINE_BREAKS + r"]"
    r"(?:(?<=[" + _TERMINAL + r"])((?:[" + _TERMINAL + r"]|[ ](?=\.))*)"
    r"((?:[\"'”’»›)\]}]|\[\d{1,3}\])*)"  # closing marks and footnote markers ("[1]")
    r"(\s+|\Z)"
    r"|(?<=[" + _LINE_BREAKS + r"])(\s*))"
)
_NEXT_WORD = re.compile(r"[\"'“‘«(\[]*([A-Za-z]+)")
_DOTTED_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]\Z")
# A list marker at the start of a sentence: an optional bullet, then "1.", "1.)", "1)", "a." ...
_LIST_MARKER = re.compile(r"([" + BULLETS + r"])?[^\S\n]*(?:(\d{1,2}|[a-z])(\.\)|\)|\.)(?=\s))?")
_MARKER_FIRST = frozenset("0123456789abcdefghijklmnopqrstuvwxyz" + BULLETS)


def is_english(language: str | None) -> bool:
    """Tell whether a language tag ("en", "en-GB", "") selects the English rules."""
    if not language:
        return True
    return language.replace("_", "-").split("-", 1)[0].strip().lower() in ("en", "eng", "und")


def split(text: str, language: str | None = "en") -> list[Span]:
    """Split text into sentence spans: code-point offsets, trimmed, in order, never overlapping."""
    if not text:
        return []
    if is_english(language):
        return _split_english(text)
    return split_with(text, rules_for(language))


def _list_state(text: str, start: int) -> tuple[int, int]:
    """Return (position of the marker's full stop or -1, position of the next item or -1)."""
    if text[start] not in _MARKER_FIRST:
        return -1, -1
    m = _LIST_MARKER.match(text, start)
    bullet, label, style = m.group(1), m.group(2), m.group(3)
    if label is None and bullet is None:
        return -1, -1
    marker_dot = m.start(3) if style is not None and style[0] == "." else -1
    # Items of one list sit on one line, and close together: bounding the search keeps a long
    # text without line breaks linear.
    limit = min(len(text), start + LIST_REACH)
    line_end = text.find("\n", start, limit)
    if line_end < 0:
        line_end = limit
    if label is None:
        nxt = re.compile(r"(?<=\s)" + re.escape(bullet))
    else:
        following = str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
        head = re.escape(bullet) + r"[^\S\n]*" if bullet else ""
        nxt = re.compile(r"(?<=\s)" + head + following + re.escape(style) + r"(?=\s)")
    found = nxt.search(text, m.end(), line_end)
    if found is None and label is not None and bullet is not None:
        # The last numbered item, or "• x. • y.": the next bullet still starts an item.
        found = re.compile(r"(?<=\s)" + re.escape(bullet)).search(text, m.end(), line_end)
    return marker_dot, (found.start() if found else -1)


def _decide_period(text: str, start: int, ms: int, closers: str, j: int, nxt: str) -> bool:
    """Decide whether the full stop at ms (then closers, then text[j]) ends a sentence."""
    if nxt.islower():
        return False
    if nxt in OPENERS:
        after = text[j + 1 : j + 2]
        if after.islower():
            return False
    if closers:
        # A closing quote or bracket after the stop: the quotation ended a sentence.
        return True
    lo = ms - 48 if ms - 48 > start else start
    space = text.rfind(" ", lo, ms)
    tok = text[space + 1 if space >= 0 else lo : ms]
    if not tok.isprintable():
        # Another kind of whitespace (a line break, a tab, a no-break space) came closer.
        parts = tok.split()
        tok = parts[-1] if parts else ""
    tok = tok.lstrip(OPENERS)
    if not tok:
        return True
    low = tok.lower()
    if "0" <= nxt <= "9":
        return not (
            low in NUMBER_ABBREVIATIONS
            or low in ABBREVIATIONS
            or tok in TITLES
            or (len(tok) == 1 and tok.isalpha())
        )
    if tok in TITLES:
        return False
    single = len(tok) == 1 and tok.isalpha()
    if not (single or low in ABBREVIATIONS or _DOTTED_INITIALS.match(tok)):
        return True
    word = _NEXT_WORD.match(text, j)
    if word is not None and word.group(1) in STARTERS:
        return True
    if low in ("a.m", "p.m"):
        if word is not None and word.group(1) in TIME_ZONES:
            return False
        # A time ends its sentence unless it opens one ("At 5 a.m. Mr. Smith went ...").
        words = text[start:ms].split()
        return not (len(words) <= 4 and words[0].lower() in INTRO_WORDS)
    if single:
        # "you and I. Did ..." ends; "Albert I. Jones" is an initial.
        parts = text[lo:ms].split()
        prev = parts[-2].lstrip(OPENERS) if len(parts) > 1 else ""
        return bool(prev) and prev[0].islower()
    return False


def _split_english(text: str) -> list[Span]:
    n = len(text)
    spans: list[Span] = []
    append = spans.append
    start = _first_start(text, 0)
    if start >= n:
        return spans
    marker_dot, forced = _list_state(text, start)
    for m in _CANDIDATE.finditer(text, start):
        ms = m.start()
        while 0 <= forced <= ms:
            # A list item begins here: "1) The first item 2) The second item".
            end = _trim_end(text, start, forced)
            if end > start:
                append(Span(start, end))
            start = forced
            marker_dot, forced = _list_state(text, start)
        if ms < start or ms == marker_dot:
            continue
        rest, closers, ws, newline = m.groups()
        end = ms
        j = m.end()
        if newline is not None:
            newline = m.group()
            if j < n and text[j].islower() and not _PARAGRAPH.search(newline):
                continue
            end = _trim_end(text, start, ms)
        else:
            if j >= n:
                break
            nxt = text[j]
            punct = text[ms] + rest
            if nxt >= "\u0300" and is_grapheme_extend(nxt):
                # A mark after the space leans on it: splitting here would strand the mark.
                continue
            if len(ws) > 1 and _PARAGRAPH.search(ws):
                end = m.end(2)
            elif punct == ".":
                if nxt.islower() and "\n" not in ws:
                    continue
                if not _decide_period(text, start, ms, closers, j, nxt) and not (
                    _HAS_LINE_BREAK.search(ws) and not nxt.islower()
                ):
                    continue
                end = m.end(2)
            elif "?" in punct or "!" in punct or "‽" in punct or "⁇" in punct:
                if nxt.islower() and not _HAS_LINE_BREAK.search(ws):
                    continue
                end = m.end(2)
            else:
                # Ellipses: "...", "…", ". . .", "word. . . ." and "[...]".
                if nxt.islower() or ("0" <= nxt <= "9"):
                    if not _HAS_LINE_BREAK.search(ws):
                        continue
                    end = m.end(2)
                elif " " in punct:
                    dots = punct.count(".")
                    attached = ms > 0 and not text[ms - 1].isspace()
                    if dots < 4 or closers:
                        if not _HAS_LINE_BREAK.search(ws):
                            continue
                        end = m.end(2)
                    elif attached and punct[1] == " ":
                        # "compounds. . . . The": the full stop ends the sentence, the ellipsis
                        # opens the next one.
                        end = ms + 1
                        j = ms + 2
                    else:
                        end = m.end(2)
                else:
                    if closers[:1] == "]" and ms > 0 and text[ms - 1] == "[":
                        continue
                    if ms > 0 and text[ms - 1].isspace() and not _HAS_LINE_BREAK.search(ws):
                        continue
                    end = m.end(2)
        if end > start:
            append(Span(start, end))
        if j >= n:
            start = n
            break
        start = j
        marker_dot, forced = _list_state(text, start)
    while forced >= 0 and start < n:
        end = _trim_end(text, start, forced)
        if end > start:
            append(Span(start, end))
        start = forced
        marker_dot, forced = _list_state(text, start)
    if start < n:
        end = _trim_end(text, start, n)
        if end > start:
            append(Span(start, end))
    return spans
