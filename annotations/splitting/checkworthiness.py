"""Check-worthiness: how much a sentence is worth checking, from 0 to 1, with readable reasons.

``score(sentence, language)`` is the one entry point. English sentences are scored by a small
sentence encoder (all-MiniLM-L6-v2 fine-tuned on CheckThat! 2024 debates, int8, run by
onnxruntime; see ``checkworthiness_encoder``) with a logistic-regression head over its
embedding, the readable cues of ``checkworthiness_cues`` and (in the shipped head) the n-gram
model's logit, trained on CheckThat! 2024 debates and the project's news set by
``bench/train_checkworthiness.py``.
When the encoder files or onnxruntime are missing the n-gram model (``checkworthiness_ngram``,
standard library only) scores instead. A language with no model gets ``None``, "not scored":
an English model's number means nothing there.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from .checkworthiness_cues import CUE_NAMES, cue_values, cues, reasons_for
from .checkworthiness_encoder import Encoder, load_encoder
from .checkworthiness_ngram import MODEL_PATH, features, is_narration, load_model
from .checkworthiness_ngram import ngram_probability as _ngram_probability

__all__ = [
    "DEFAULT_THRESHOLD",
    "MODEL_PATH",
    "NOT_SCORED",
    "SUPPORTED_LANGUAGES",
    "Score",
    "active_scorer",
    "features",
    "head_inputs",
    "is_narration",
    "load_model",
    "reasons",
    "score",
    "score_many",
    "supports",
    "threshold",
]

# Used when no model file carries a calibrated threshold; the shipped ones do.
DEFAULT_THRESHOLD = 0.5
SUPPORTED_LANGUAGES = frozenset({"en"})
NOT_SCORED = "not scored: no check-worthiness model for this language"


class Score(NamedTuple):
    """A check-worthiness score (None: not scored) and the reasons a person can read."""

    value: float | None
    reasons: tuple[str, ...]


def supports(language: str | None) -> bool:
    """Tell whether there is a model for this BCP 47 language tag ("en", "en-GB")."""
    if not language:
        return False
    return language.replace("_", "-").split("-")[0].lower() in SUPPORTED_LANGUAGES


def active_scorer() -> str:
    """Name the scorer in use in this process: "encoder", or "ngram" (the fallback)."""
    return "encoder" if load_encoder() is not None else "ngram"


def head_inputs(sentence: str, found: list[str], head: dict) -> list[float]:
    """Return the values the encoder head reads beside the embedding, in its own order."""
    values = dict(zip(CUE_NAMES, cue_values(found), strict=True))
    if "ngram" in head["cue_names"]:
        # The head is stacked on the n-gram model: it reads that model's logit.
        p = min(max(_ngram_probability(sentence, found), 1e-4), 1 - 1e-4)
        values["ngram"] = math.log(p / (1 - p))
    return [values[name] for name in head["cue_names"]]


def threshold() -> float:
    """Return the low-priority threshold: the Django setting, else the active model's cut."""
    try:
        from django.conf import settings

        if settings.configured:
            value = getattr(settings, "FACTCHECK_CHECKWORTHY_THRESHOLD", None)
            if value is not None:
                return float(value)
    except ImportError:  # pragma: no cover - Django is a dependency, but keep scoring usable
        pass
    encoder = load_encoder()
    model = encoder.head if encoder is not None else load_model()
    return float(model.get("threshold", DEFAULT_THRESHOLD))


def score(sentence: str, language: str | None = "en", *, model: dict | None = None) -> Score:
    """Score how check-worthy a sentence is (0..1, None when not scored) and say why.

    ``model`` forces the n-gram model with these weights (the training script's use).
    """
    if not supports(language):
        return Score(None, (NOT_SCORED,))
    encoder = None if model is not None else load_encoder()
    if encoder is not None:
        return _encoder_score(encoder, sentence, encoder.embed([sentence])[0])
    found = cues(sentence)
    value = _ngram_probability(sentence, found, model)
    cut = (model or load_model()).get("threshold", DEFAULT_THRESHOLD)
    # The model's own cut, not the setting: the same sentence keeps the same reasons.
    return Score(round(value, 4), reasons_for(found, pulled_down=value < cut))


def _encoder_score(encoder: Encoder, sentence: str, embedding) -> Score:
    """Score a sentence from its embedding with the encoder's head, as score() does."""
    found = cues(sentence)
    value = encoder.probability(embedding, head_inputs(sentence, found, encoder.head))
    cut = encoder.head.get("threshold", DEFAULT_THRESHOLD)
    return Score(round(value, 4), reasons_for(found, pulled_down=value < cut))


def score_many(sentences: Sequence[str], language: str | None = "en") -> list[Score]:
    """Score many sentences, each exactly as score() would, embedding them in batches.

    The encoder quantises activations with fixed scales and sums over tokens in token order, so
    a sentence's embedding has the same bits alone and beside any others: re-splitting an
    article never changes a score that its sentences did not change.
    """
    encoder = load_encoder() if supports(language) else None
    if encoder is None or not sentences:
        return [score(s, language) for s in sentences]
    embeddings = encoder.embed(list(sentences))
    return [_encoder_score(encoder, s, e) for s, e in zip(sentences, embeddings, strict=True)]


def reasons(sentence: str, language: str | None = "en") -> tuple[str, ...]:
    """Return the readable reasons for a sentence's score, checkable details first."""
    return score(sentence, language).reasons
