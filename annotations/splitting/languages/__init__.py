"""Sentence rules per language: titles, abbreviations, ordinals and each script's own stops.

Each module holds one language's lists (data, no code); ``rules_for`` picks them by language tag.
English has its own, older segmenter in ``segmenter.py``.
"""

from __future__ import annotations

from . import ar, de, es, fr, hi, id, it, ja, pt, ru, tr, zh
from .base import Rules

__all__ = ["GENERIC", "LANGUAGES", "Rules", "rules_for"]

LANGUAGES: dict[str, Rules] = {
    module.RULES.code: module.RULES for module in (ar, de, es, fr, hi, id, it, ja, pt, ru, tr, zh)
}
# Old and alternative tags for the same languages.
LANGUAGES["in"] = LANGUAGES["id"]
# Greek writes its question mark as ";" (U+037E, which NFC turns into ";").
LANGUAGES["el"] = Rules(code="el", stops=";")

# Any other language: paragraphs, line breaks and terminal punctuation, initials kept together.
GENERIC = Rules(code="und")


def rules_for(language: str | None) -> Rules:
    """Return the sentence rules for a language tag ("pt-BR", "zh_Hans"), or the generic ones."""
    primary = (language or "").replace("_", "-").split("-", 1)[0].strip().lower()
    return LANGUAGES.get(primary, GENERIC)
