"""What a language's sentence rules are made of: word lists and a few switches."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Rules", "words"]


def words(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of text as a set (the lists' notation)."""
    return frozenset(text.split())


@dataclass(frozen=True)
class Rules:
    """The sentence rules of one language; the segmenter in ``multilingual.py`` applies them."""

    code: str
    # Followed by a name, never the end of a sentence ("Dr.", "Sr.", "डॉ."); compared as written.
    titles: frozenset[str] = frozenset()
    # May end a sentence, but only before a word in ``starters`` ("etc.", "EE.UU."); lower case.
    abbreviations: frozenset[str] = frozenset()
    # End a list and so, nearly always, a sentence: a break before any capital ("etc.", "dll.",
    # "т. д."); lower case.
    list_enders: frozenset[str] = frozenset()
    # Usually followed by a number ("Nr. 5", "pág. 12", "Art. 3"); lower case.
    number_abbreviations: frozenset[str] = frozenset()
    # Words that usually open a sentence: after an abbreviation they show that it ended one.
    starters: frozenset[str] = frozenset()
    # A number of up to three digits with a full stop is an ordinal ("am 5. September").
    ordinals: bool = False
    # Nouns are capitalised (German): a capitalised word before a single letter says nothing
    # about an initial ("Vitamin C. Die …" ends, "Gruppe B. Der …" too).
    capitalised_nouns: bool = False
    # The script's own sentence stops beside ". ! ? …" ("؟ ۔", "। ॥").
    stops: str = ""
    # Closing quotes and brackets that may follow a stop ("“" closes a German quotation).
    closers: str = ""
    # Closing quotes written after a space ("Non. » Puis"), as French does and other languages
    # that take its guillemets often do; German reverses them (»…«), so it sets none.
    spaced_closers: str = "»›"
    # Chinese and Japanese: "。！？" end a sentence with no space after them, and so do "?" and
    # "!" before a Chinese character or kana.
    cjk: bool = False
    # Chinese: a sentence that opens with a quotation goes on after it ("“…！”市长说。").
    attribution_after_quote: bool = False
