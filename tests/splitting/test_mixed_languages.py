"""Mixed-language articles: each paragraph is split and scored in its own language."""

import pytest

from annotations.splitting.candidates import candidates, language_runs

ARABIC = (
    "أعلنت وزارة الصحة يوم الثلاثاء أن عدد الإصابات ارتفع إلى 1200 حالة. "
    "هل ستستمر الموجة؟ يتوقع خبراء أن تنخفض الأرقام."
)
ENGLISH = (
    "The ministry said 40 hospitals ran on generators for 9 hours on Monday. "
    "Officials expect the grid to recover by Friday."
)
GERMAN = (
    "Der Stadtrat hat am 5. September beschlossen, die Steuer um 3 Prozent zu senken. "
    "Die Entscheidung fiel knapp aus."
)
ENGLISH_REPORT = (
    "The city council met on Tuesday to discuss the transport budget for next year. "
    "Members approved a plan to add 12 new bus routes by March."
)


def sentences(text, found):
    return [text[c.start : c.end] for c in found]


def test_an_english_paragraph_in_an_arabic_article_is_scored_in_english():
    text = f"{ARABIC}\n\n{ENGLISH}\n\nوقال المتحدث إن 15 مستشفى تلقت إمدادات إضافية."
    found = candidates(text, "ar")
    english = [c for c in found if text[c.start : c.end] in ENGLISH]
    arabic = [c for c in found if c not in english]
    assert sentences(text, english) == [
        "The ministry said 40 hospitals ran on generators for 9 hours on Monday.",
        "Officials expect the grid to recover by Friday.",
    ]
    assert all(c.checkworthiness is not None for c in english)
    # No model for Arabic: "not scored", never an English score on Arabic text.
    assert [c.checkworthiness for c in arabic] == [None] * 4
    # The Arabic question mark still ends a sentence.
    assert "هل ستستمر الموجة؟" in sentences(text, arabic)


def test_a_german_paragraph_keeps_its_ordinal_date_in_one_sentence():
    text = f"{ENGLISH_REPORT}\n\n{GERMAN}"
    assert language_runs(text, "en") == [
        (0, len(ENGLISH_REPORT), "en"),
        (len(ENGLISH_REPORT) + 2, len(text), "de"),
    ]
    assert (
        "Der Stadtrat hat am 5. September beschlossen, die Steuer um 3 Prozent zu senken."
        in sentences(text, candidates(text, "en"))
    )


@pytest.mark.parametrize("language", ["en", "en-gb", None])
def test_a_text_in_one_language_is_one_stretch(language):
    text = f"{ENGLISH_REPORT}\n\n{ENGLISH}\n\nShort line."
    assert language_runs(text, language) == [(0, len(text), language)]


def test_a_short_paragraph_keeps_the_articles_language():
    text = f"{ARABIC}\n\nOK.\n\n{ARABIC}"
    assert language_runs(text, "ar") == [(0, len(text), "ar")]


def test_offsets_stay_exact_across_stretches():
    text = f"  {ENGLISH_REPORT}\n\n\n{GERMAN}\n\n{ENGLISH}  "
    for c in candidates(text, "en"):
        piece = text[c.start : c.end]
        assert piece == piece.strip()
        assert piece in (ENGLISH_REPORT + GERMAN + ENGLISH)
