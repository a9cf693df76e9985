"""The n-gram check-worthiness model: the fallback when the encoder cannot run.

A logistic regression over word n-grams and the readable cues of ``checkworthiness_cues``. The
weights live in ``checkworthiness_model.json`` beside this file, rebuilt from the CheckThat!
2024 training data by ``bench/train_checkworthiness.py``; scoring needs nothing but the
standard library.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from itertools import pairwise
from pathlib import Path

from .checkworthiness_cues import POSITIVE, cues

__all__ = ["MODEL_PATH", "features", "is_narration", "load_model", "ngram_probability"]

MODEL_PATH = Path(__file__).with_name("checkworthiness_model.json")
# How much a sentence with no checkable detail and no name keeps of its score, unless the model
# file says otherwise (the training script calibrates it).
NARRATION_FACTOR = 0.5

# Matched against the lower-cased sentence (faster than re.IGNORECASE, same tokens).
_TOKEN = re.compile(
    r"[$€£¥]?\d[\d,.]*(?:%|\s?percent\b|\s?per cent\b)?|[a-z]+(?:['’][a-z]+)?|[?!\"“”%$€£]"
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d\Z")
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred thousand million billion trillion".split()
)


def _tokens(sentence: str) -> list[str]:
    """Return lower-case tokens with numbers folded into classes (<year>, <pct>, <num>, <money>)."""
    out = []
    for tok in _TOKEN.findall(sentence.lower()):
        first = tok[0]
        if first in "$€£¥" and len(tok) > 1:
            out.append("<money>")
        elif first.isdigit():
            if tok.endswith(("%", "percent", "per cent")):
                out.append("<pct>")
            elif _YEAR.match(tok):
                out.append("<year>")
            else:
                out.append("<num>")
        else:
            out.append(tok)
    return out


def features(sentence: str, found: list[str] | None = None) -> list[str]:
    """Return the sparse binary features of a sentence (shared by training and scoring)."""
    if found is None:
        found = cues(sentence)
    toks = _tokens(sentence)
    feats = ["w:" + t for t in toks]
    feats.extend("b:" + a + "_" + b for a, b in pairwise(toks))
    feats.extend("c:" + c for c in found)
    n = len(toks)
    feats.append("len:" + ("<5" if n < 5 else "<10" if n < 10 else "<20" if n < 20 else "20+"))
    feats.append("cues:" + str(min(sum(1 for c in found if c in POSITIVE), 4)))
    if any(t in _NUMBER_WORDS or t.startswith("<") for t in toks):
        feats.append("c:any_number")
    return feats


@cache
def load_model(path: str | None = None) -> dict:
    """Load the n-gram weights (once per process)."""
    with open(path or MODEL_PATH, encoding="utf-8") as fh:
        model = json.load(fh)
    model["weights"] = dict(model["weights"])
    return model


def is_narration(found: list[str]) -> bool:
    """Tell whether a sentence's cues hold no checkable detail and no name."""
    return not any(c in POSITIVE for c in found)


def ngram_probability(sentence: str, found: list[str], model: dict | None = None) -> float:
    """Return the n-gram model's probability that a sentence is worth checking."""
    if model is None:
        model = load_model()
    weights = model["weights"]
    total = model["bias"] + sum(weights.get(f, 0.0) for f in features(sentence, found))
    value = 1.0 / (1.0 + math.exp(-total)) if total > -30 else 0.0
    if is_narration(found):
        # The debates the model learnt from hold almost no story-telling; in news, a sentence
        # with no number, date, source, comparison, record or name is narration.
        value *= model.get("narration_factor", NARRATION_FACTOR)
    return value
