"""Language detection for imported text: per article, and per paragraph for mixed text.

The detector is py3langid (a naive Bayes model over byte n-grams, shipped inside its package:
nothing is downloaded at run time). ``bench/language_detect.py`` compares it with lingua,
langdetect and CLD2 on the desk's thirteen languages; see ``docs/benchmarks.md``.

Short or ambiguous text is not guessed at: when the model's best language is not clearly ahead
(probability below ``MIN_CONFIDENCE``, or less than ``MIN_MARGIN`` ahead of the runner-up, as
between Indonesian and Malay in a headline), the configured default language is returned.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .spans import PARAGRAPH

__all__ = [
    "DETECTABLE_LANGUAGES",
    "MIN_CONFIDENCE",
    "MIN_MARGIN",
    "default_language",
    "detect_language",
    "detect_paragraph_languages",
]

# Languages the detector chooses among unless FACTCHECK_DETECT_LANGUAGES says otherwise: the
# languages with splitting rules and the other widely published ones. Leaving out the model's
# rarer regional languages (Venetian, Occitan, Wu Chinese...) keeps short news text from being
# taken for a close neighbour.
DETECTABLE_LANGUAGES = tuple(
    """
    en es pt fr de it ar hi id tr ru zh ja he fa ur nl pl uk el sv da no fi cs ro hu bn ta te
    mr ko vi th ms sw ca bg sr hr sk sl lt lv et tl
    """.split()
)
MIN_CONFIDENCE = 0.5
MIN_MARGIN = 0.3
# Enough of an article to tell its language: reading further only costs time.
SAMPLE_CHARS = 5000
# Fewer letters than this is no evidence at all ("OK", "2024").
MIN_LETTERS = 2


def default_language() -> str:
    """Return the language used when detection cannot tell: FACTCHECK_DEFAULT_LANGUAGE or "en"."""
    try:
        from django.conf import settings

        if settings.configured:
            return getattr(settings, "FACTCHECK_DEFAULT_LANGUAGE", "") or "en"
    except ImportError:  # pragma: no cover - Django is a dependency; keep the rule usable alone
        pass
    return "en"


def _candidates() -> tuple[str, ...]:
    try:
        from django.conf import settings

        if settings.configured:
            chosen = getattr(settings, "FACTCHECK_DETECT_LANGUAGES", None)
            if chosen:
                return tuple(chosen)
    except ImportError:  # pragma: no cover
        pass
    return DETECTABLE_LANGUAGES


@lru_cache(maxsize=4)
def _identifier(languages: tuple[str, ...]) -> Any:
    """Load the model once per set of candidate languages (about a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = set(identifier.labels)
    identifier.set_languages([code for code in languages if code in known])
    return identifier


def detect_language(text: str, *, default: str | None = None) -> str:
    """Return the language of text as an ISO 639-1 code, or the default when it is unclear."""
    fallback = default or default_language()
    sample = text[:SAMPLE_CHARS]
    if sum(1 for ch in sample if ch.isalpha()) < MIN_LETTERS:
        return fallback
    identifier = _identifier(_candidates())
    ranked = identifier.rank(sample)
    (best, p), (_second, q) = ranked[0], ranked[1] if len(ranked) > 1 else ("", 0.0)
    if p < MIN_CONFIDENCE or p - q < MIN_MARGIN:
        return fallback
    return best


def detect_paragraph_languages(
    text: str, *, default: str | None = None, whole: str | None = None
) -> list[tuple[int, int, str]]:
    """Return (start, end, language) for each paragraph of text, in order, trimmed.

    A paragraph too short or too ambiguous to tell takes the language of the whole text
    (``whole`` when the caller knows it, as for an article whose language a person set; else
    detected, or ``default`` when that cannot be told either), so a one-line caption inside an
    Arabic article stays Arabic.
    """
    article = whole or detect_language(text, default=default)
    out: list[tuple[int, int, str]] = []
    pos = 0
    for m in [*PARAGRAPH.finditer(text), None]:
        stop = m.start() if m is not None else len(text)
        start, end = pos, stop
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end, detect_language(text[start:end], default=article)))
        if m is not None:
            pos = m.end()
    return out
