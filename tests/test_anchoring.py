"""Offsets are code points; spans survive emoji, combining marks and right-to-left text."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given
from hypothesis import strategies as st

from annotations.anchoring import (
    context_for,
    is_character_boundary,
    is_grapheme_extend,
    quote_matches,
    resolve_anchor,
)

# Each atom is one user-perceived character (or a word) whose NFC form is itself and which
# does not join with its neighbours, so atom edges are exactly the valid span edges.
ATOMS = [
    "a",
    "Z",
    "7",
    " ",
    "\n",
    ".",
    "é",
    "ß",
    "q\u0301",  # q with a combining acute: no precomposed form exists
    "ना",  # Devanagari consonant + vowel sign (a spacing mark)
    "👩🏽‍🚒",  # woman firefighter, medium skin tone: four code points joined
    "🇵🇹",  # a flag: two regional indicators
    "❤️",  # heart + variation selector 16
    "𝔸",  # astral letter: one code point, two UTF-16 units
    "שלום",
    "مرحبا",
    "日本",
    "\u200f",  # right-to-left mark
]
JOINED = ["q\u0301", "ना", "👩🏽‍🚒", "🇵🇹", "❤️"]

atoms = st.lists(st.sampled_from(ATOMS), min_size=1, max_size=40)


@st.composite
def text_and_span(draw) -> tuple[str, int, int]:
    """Draw a text of atoms and a non-blank span whose edges fall between atoms."""
    parts = draw(atoms)
    edges = [0]
    for part in parts:
        edges.append(edges[-1] + len(part))
    i = draw(st.integers(0, len(edges) - 2))
    j = draw(st.integers(i + 1, len(edges) - 1))
    text = "".join(parts)
    assume(text[edges[i] : edges[j]].strip())
    return text, edges[i], edges[j]


@given(drawn=text_and_span())
def test_offsets_round_trip_through_the_text(drawn):
    text, start, end = drawn
    anchor = resolve_anchor(text, start=start, end=end)

    assert text[anchor.start : anchor.end] == anchor.quote
    assert anchor.quote == text[start:end].strip()
    assert (anchor.prefix, anchor.suffix) == context_for(text, anchor.start, anchor.end)
    assert len(anchor.prefix) <= 32 and len(anchor.suffix) <= 32


@given(drawn=text_and_span())
def test_quote_with_its_context_finds_the_same_span(drawn):
    text, start, end = drawn
    original = resolve_anchor(text, start=start, end=end)

    try:
        found = resolve_anchor(
            text, quote=original.quote, prefix=original.prefix, suffix=original.suffix
        )
    except ValidationError as error:
        # Only a text that repeats itself around the quote may leave the choice open.
        assert "times" in str(error)
    else:
        assert (found.start, found.end) == (original.start, original.end)


@pytest.mark.parametrize("atom", JOINED)
def test_no_span_edge_inside_a_joined_character(atom):
    text = f"x{atom}y"
    for offset in range(1, len(atom)):
        assert not is_character_boundary(text, 1 + offset), (atom, offset)
    assert is_character_boundary(text, 1)
    assert is_character_boundary(text, 1 + len(atom))


def test_two_flags_in_a_row_split_only_between_them():
    text = "🇵🇹🇧🇷"
    assert [is_character_boundary(text, i) for i in range(5)] == [True, False, True, False, True]


def test_span_cutting_an_emoji_is_refused():
    text = "Firefighter 👩🏽‍🚒 arrived."
    cut = text.index("👩") + 1  # between the woman and her skin tone
    with pytest.raises(ValidationError) as raised:
        resolve_anchor(text, start=0, end=cut)
    assert "end" in raised.value.message_dict
    assert "inside a character" in raised.value.message_dict["end"][0]


def test_span_is_trimmed_of_surrounding_whitespace():
    text = "One.  Two sentences here.\n"
    anchor = resolve_anchor(text, start=4, end=len(text))
    assert anchor.quote == "Two sentences here."
    assert (anchor.start, anchor.end) == (6, 25)


def test_prefix_and_suffix_choose_one_of_several_occurrences():
    text = "Prices rose 5%. Wages rose 5%. Rents rose 5%."
    anchor = resolve_anchor(text, quote="rose 5%", prefix="Wages ")
    assert anchor.start == text.index("Wages ") + len("Wages ")
    anchor = resolve_anchor(text, quote="rose 5%", suffix=". Rents")
    assert anchor.start == text.index("Wages rose") + len("Wages ")


@pytest.mark.parametrize(
    ("quote", "matches"),
    [
        ("Cafe\u0301 prices", True),  # NFC, as the text is
        ("  Café prices\n", True),  # edges trimmed
        ("Café  prices", False),
        ("Café", False),
    ],
)
def test_quote_matches_normalises_before_comparing(quote, matches):
    text = "Prices: Café prices rose."
    start = text.index("Café")
    assert quote_matches(text, start, start + len("Café prices"), quote) is matches


@pytest.mark.parametrize(
    ("char", "extends"),
    [
        ("a", False),
        ("\u0301", True),  # combining acute
        ("\u200d", True),  # zero-width joiner
        ("\ufe0f", True),  # variation selector 16
        ("\U0001f3fd", True),  # skin tone
        ("\U000e0067", True),  # emoji tag
        ("\u093e", True),  # Devanagari vowel sign (spacing mark)
        ("🇵", False),  # a regional indicator pairs, it does not extend
    ],
)
def test_grapheme_extend(char, extends):
    assert is_grapheme_extend(char) is extends
