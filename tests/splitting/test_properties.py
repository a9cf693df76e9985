"""Property-based checks: spans never overlap, never cut a character, cover the text."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.splitting import boilerplate_kind, candidate_spans, candidates, split
from annotations.splitting.boilerplate import strip_dateline
from annotations.splitting.candidates import language_runs
from annotations.splitting.checkworthiness import supports

# Pieces that exercise the rules: abbreviations, numbers, quotes, ellipses, list markers, line
# and paragraph breaks, and characters that join the one before them.
PIECES = [
    "U.S.",
    "Dr.",
    "Mr.",
    "a.m.",
    "Inc.",
    "J.P.",
    "e.g.",
    "p.",
    "No.",
    "3.9%",
    "$12.5",
    "1.",
    "2)",
    "a.",
    "•",
    "⁃",
    "...",
    "…",
    ". . .",
    ". . . .",
    "!",
    "?",
    "!?",
    ".",
    ",",
    ";",
    "—",
    "–",
    '"',
    "“",
    "”",
    "'",
    "’",
    "(",
    ")",
    "[",
    "]",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\u00a0",
    "\u2029",
    "\r\n",
    "The",
    "he",
    "said",
    "How",
    "I",
    "Jones",
    "WASHINGTON",
    "(Reuters) -",
    "By",
    "Jane",
    "\u0301",
    "\u0308",
    "\u200d",
    "\ufe0f",
    "👩",
    "🇺🇸",
    "👍🏽",
    "ש",
    "ع",
    "中文",
    "。",
    "。”",
    "！",
    "《",
    "》",
    "「",
    "؟",
    "।",
    "॥",
    "«",
    " » ",
    " — ",
    "5. ",
    "16.886. ",
    "z. B. ",
    "т. д. ",
    "l'art. ",
    "Sr. ",
    "ordu",
    "？",
    "」",
    "e\u0301",
    "x@y.com",
    "https://a.b/c.d",
]
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec=None, categories=None), max_size=80),
)
LANGUAGES = "en en-GB xx el es pt fr de it ar hi id tr ru zh ja".split()
languages = st.sampled_from([*LANGUAGES, "", None])


def is_extend(ch: str) -> bool:
    """Return whether ch joins the character before it."""
    return (
        unicodedata.category(ch) in ("Mn", "Me", "Mc")
        or ch == "\u200d"
        or "\ufe00" <= ch <= "\ufe0f"
        or "\U0001f3fb" <= ch <= "\U0001f3ff"
    )


def cuts_a_character(text: str, pos: int) -> bool:
    """Tell whether pos falls inside a character as a reader sees it (a base and its marks).

    A mark after whitespace has no base of its own and stands alone; a zero-width joiner glues
    the characters on both sides.
    """
    if pos <= 0 or pos >= len(text):
        return False
    before, after = text[pos - 1], text[pos]
    if before.isspace() or after.isspace():
        return False
    return (
        is_extend(after)
        or before == "\u200d"
        or ("\U0001f1e6" <= before <= "\U0001f1ff" and "\U0001f1e6" <= after <= "\U0001f1ff")
    )


def on_any_text(examples: int):
    """Run the test on `examples` generated texts, each with a generated language."""

    def decorate(test):
        return settings(max_examples=examples, deadline=None)(given(texts, languages)(test))

    return decorate


def check_spans(text: str, spans) -> None:
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip(), (text, start, end)
        assert not cuts_a_character(text, start), (text, start)
        assert not cuts_a_character(text, end), (text, end)
        previous_end = end


@on_any_text(400)
def test_spans_are_ordered_trimmed_and_never_cut_a_character(text, language):
    check_spans(text, split(text, language))


@on_any_text(400)
def test_spans_cover_every_non_space_character(text, language):
    covered = [False] * len(text)
    for start, end in split(text, language):
        covered[start:end] = [True] * (end - start)
    assert all(covered[i] or ch.isspace() for i, ch in enumerate(text))


@on_any_text(300)
def test_candidates_cover_everything_but_boilerplate(text, language):
    spans = split(text, language)
    kept = candidate_spans(text, language, spans=spans)
    check_spans(text, kept)
    kept_set = set(kept)
    for span in spans:
        inner = strip_dateline(text, span)
        if inner.start < inner.end and boilerplate_kind(text, inner) is None:
            assert inner in kept_set
        else:
            assert not any(span.start <= k.start < span.end for k in kept)


@on_any_text(300)
def test_atomic_clauses_stay_inside_their_sentences(text, language):
    sentences = candidate_spans(text, language)
    clauses = candidate_spans(text, language, atomic=True)
    check_spans(text, clauses)
    for clause in clauses:
        assert any(s.start <= clause.start and clause.end <= s.end for s in sentences)


@on_any_text(200)
def test_scoring_survives_any_text(text, language):
    runs = language_runs(text, language)
    for candidate in candidates(text, language, atomic=True):
        # A paragraph clearly in another language is scored in that language, if at all.
        stretch = next(run for run in runs if run[0] <= candidate.start < run[1])[2]
        if supports(stretch):
            assert 0.0 <= candidate.checkworthiness <= 1.0
        else:  # no model for the language: not scored, never an English score
            assert candidate.checkworthiness is None
        assert candidate.reasons


def test_a_paragraph_in_a_language_without_a_model_stays_unscored_in_an_english_text():
    first, second = candidates("U.S.\u2029中文U.S.", "en", atomic=True)
    assert 0.0 <= first.checkworthiness <= 1.0
    assert second.checkworthiness is None
