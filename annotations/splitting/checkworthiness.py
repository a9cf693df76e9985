"""Check-worthiness: how much a sentence is worth checking, from 0 to 1, with readable reasons.

A logistic regression over word n-grams and hand-written cues (numbers, dates, attribution,
comparison, cause, hedges, opinions ...). The weights live in ``checkworthiness_model.json``
beside this file, rebuilt from the CheckThat! 2024 training data by
``bench/train_checkworthiness.py``; scoring needs nothing but the standard library.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "DEFAULT_THRESHOLD",
    "MODEL_PATH",
    "Score",
    "features",
    "load_model",
    "score",
    "threshold",
]

MODEL_PATH = Path(__file__).with_name("checkworthiness_model.json")
# Used when the model file carries no calibrated threshold; the shipped model does.
DEFAULT_THRESHOLD = 0.5
# How much a sentence with no checkable detail and no name keeps of its score, unless the model
# file says otherwise (the training script calibrates it).
NARRATION_FACTOR = 0.5


class Score(NamedTuple):
    """A check-worthiness score and the reasons a person can read."""

    value: float
    reasons: tuple[str, ...]


# Matched against the lower-cased sentence (faster than re.IGNORECASE, same tokens).
_TOKEN = re.compile(
    r"[$€£¥]?\d[\d,.]*(?:%|\s?percent\b|\s?per cent\b)?|[a-z]+(?:['’][a-z]+)?|[?!\"“”%$€£]"
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d\Z")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"


def _cue(pattern: str) -> re.Pattern[str]:
    # Cues are matched against the lower-cased sentence: much faster than re.IGNORECASE.
    return re.compile(pattern.lower())


# Each cue: (feature name, readable reason, pattern). Reasons name why a sentence is (or is not)
# worth checking; they are shown next to the score.
_CUES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    (
        "number",
        "number",
        _cue(
            r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
            r"eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|"
            r"dozens?|million|billion|trillion|half|twice|triple|double)\b"
        ),
    ),
    (
        "date",
        "date",
        _cue(
            r"\b(?:(?:1[89]|20)\d\d|(?:" + _MONTHS + r")\.?\s+\d{1,2}|"
            r"(?:" + _WEEKDAYS + r")|last (?:year|month|week|decade)|"
            r"(?:this|next) (?:year|month)|since (?:19|20)\d\d|yesterday|"
            r"in the (?:19|20)\d0s)\b"
        ),
    ),
    (
        "statistic",
        "statistic",
        _cue(
            r"%|[$€£]\s?\d|\b(?:per ?cent|percentage|rate|average|median|millions?|"
            r"billions?|trillions?|per (?:capita|year|month|day|hour)|unemployment|deficit|"
            r"debt|budget|gdp|poll|survey|census|statistics?|times as)\b"
        ),
    ),
    (
        "source",
        "named source",
        _cue(
            r"\b(?:according to|report(?:ed)? by|study|studies|"
            r"survey|data from|census|bureau|department|ministry|"
            r"agency|office|commission|institute|university|"
            r"administration|officials?|spokes(?:man|woman|person)|"
            r"analysts?|experts?|researchers?|scientists?|"
            r"economists?)\b"
        ),
    ),
    (
        "attribution",
        "attribution: according to / said / told",
        _cue(
            r"\b(?:according to|said|says|told|reported|stated|announced|confirmed|claimed|"
            r"testified|estimated|estimates|wrote|acknowledged|admitted|denied|cited|citing)\b"
        ),
    ),
    (
        "comparison",
        "comparison",
        _cue(
            r"\b(?:more|less|fewer|higher|lower|larger|smaller|"
            r"bigger|greater|lowest|highest|largest|smallest|"
            r"biggest|greatest|most|least|fastest|slowest|"
            r"record|than|compared|doubled|tripled|increased|"
            r"decreased|rose|fell|dropped|grew|declined|cut|raised|"
            r"first time|only (?:country|state|one|nation))\b"
        ),
    ),
    (
        "causal",
        "causal claim",
        _cue(
            r"\b(?:because|caused?|causes|causing|led to|leads to|"
            r"due to|result(?:ed|s)? (?:of|in)|as a result|"
            r"therefore|thanks to|responsible for|blamed?|"
            r"contributed to|linked to)\b"
        ),
    ),
    ("quote", "quote", _cue(r"[\"“”]|(?:^|\s)'[^']+'(?:\s|$|[.,])")),
    (
        "law",
        "law or vote",
        _cue(
            r"\b(?:voted?|votes|law|bill|legislation|signed|vetoed|"
            r"passed|act|treaty|tax(?:es)?|ban(?:ned)?|sanctions?|"
            r"policy|program|regulations?)\b"
        ),
    ),
    ("question", "question", _cue(r"\?\s*[\"”’)]*\s*$")),
    (
        "opinion",
        "opinion",
        _cue(
            r"\b(?:i think|i believe|i feel|in my (?:opinion|view)|"
            r"i'm sure|i am sure|i hope|we need|we must|we should|"
            r"should|ought to|great|wonderful|terrible|horrible|"
            r"disgrace|beautiful|best|worst|believe me|frankly|"
            r"unfortunately|fortunately|thank you|thanks)\b"
        ),
    ),
    (
        "hedge",
        "hedge",
        _cue(
            r"\b(?:maybe|perhaps|might|possibly|probably|seems?|appears?|"
            r"likely|unlikely|may be|could be|i guess|i suppose|sort of|"
            r"kind of|somewhat|reportedly|allegedly)\b"
        ),
    ),
    (
        "prediction",
        "prediction",
        _cue(
            r"\b(?:will|won't|going to|gonna|shall|plan to|"
            r"plans to|intend to|expect(?:s|ed)? to|"
            r"would|next year|in the future|someday)\b"
        ),
    ),
    (
        "first_person",
        "first person",
        _cue(
            r"\b(?:i|i'm|i've|i'll|me|my|we|we're|we've|"
            r"we'll|our|us|you|your)\b"
        ),
    ),
)
# A capitalised word after the first one ("said Adam Boehler", "in Doha"), but not "I".
_NAME = re.compile(r"\S\s+[\"“‘(]?(?!I\b|I['’])[A-Z][\w’'.-]*")
_POSITIVE = frozenset(
    ["number", "date", "statistic", "source", "attribution", "comparison", "causal", "quote", "law"]
)
_NEGATIVE_REASONS = ("question", "opinion", "hedge", "prediction")
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred thousand million billion trillion".split()
)


def _tokens(sentence: str) -> list[str]:
    """Return lower-case tokens with numbers folded into classes (<year>, <pct>, <num>, <money>)."""
    out = []
    for tok in _TOKEN.findall(sentence.lower()):
        first = tok[0]
        if first.isdigit() or (first in "$€£¥" and len(tok) > 1):
            if first in "$€£¥":
                out.append("<money>")
            elif tok.endswith(("%", "percent", "per cent")):
                out.append("<pct>")
            elif _YEAR.match(tok):
                out.append("<year>")
            else:
                out.append("<num>")
        else:
            out.append(tok.lower())
    return out


def _cues(sentence: str) -> list[str]:
    low = sentence.lower()
    return [name for name, _reason, pattern in _CUES if pattern.search(low)]


def features(sentence: str) -> list[str]:
    """Return the sparse binary features of a sentence (shared by training and scoring)."""
    return _features(sentence, _cues(sentence))


def _features(sentence: str, cues: list[str]) -> list[str]:
    toks = _tokens(sentence)
    feats = ["w:" + t for t in toks]
    feats.extend("b:" + a + "_" + b for a, b in pairwise(toks))
    feats.extend("c:" + c for c in cues)
    n = len(toks)
    feats.append("len:" + ("<5" if n < 5 else "<10" if n < 10 else "<20" if n < 20 else "20+"))
    positive = sum(1 for c in cues if c in _POSITIVE)
    feats.append("cues:" + str(min(positive, 4)))
    if any(t in _NUMBER_WORDS or t.startswith("<") for t in toks):
        feats.append("c:any_number")
    return feats


@cache
def load_model(path: str | None = None) -> dict:
    """Load the scorer's weights (once per process)."""
    with open(path or MODEL_PATH, encoding="utf-8") as fh:
        model = json.load(fh)
    model["weights"] = dict(model["weights"])
    return model


def threshold() -> float:
    """Return the low-priority threshold: the Django setting, else the calibrated default."""
    try:
        from django.conf import settings

        if settings.configured:
            value = getattr(settings, "FACTCHECK_CHECKWORTHY_THRESHOLD", None)
            if value is not None:
                return float(value)
    except ImportError:  # pragma: no cover - Django is a dependency, but keep scoring usable
        pass
    return float(load_model().get("threshold", DEFAULT_THRESHOLD))


def score(sentence: str, model: dict | None = None) -> Score:
    """Score how check-worthy a sentence is (0..1) and say why."""
    if model is None:
        model = load_model()
    weights = model["weights"]
    cues = _cues(sentence)
    total = model["bias"]
    for feat in _features(sentence, cues):
        total += weights.get(feat, 0.0)
    value = 1.0 / (1.0 + math.exp(-total)) if total > -30 else 0.0
    named = _NAME.search(sentence) is not None
    if not named and not any(c in _POSITIVE for c in cues):
        # The debates the model learnt from hold almost no story-telling; in news, a sentence
        # with no number, date, source, comparison, cause, quote or name is narration.
        value *= model.get("narration_factor", NARRATION_FACTOR)
    return Score(round(value, 4), _reasons(cues, named))


def is_narration(sentence: str) -> bool:
    """Tell whether a sentence has no checkable detail and names no one."""
    cues = _cues(sentence)
    return _NAME.search(sentence) is None and not any(c in _POSITIVE for c in cues)


def reasons(sentence: str) -> tuple[str, ...]:
    """Return the readable reasons for a sentence's score, positive cues first."""
    return score(sentence).reasons


def _reasons(cues: list[str], named: bool) -> tuple[str, ...]:
    positive = [reason for name, reason, _p in _CUES if name in cues and name in _POSITIVE]
    negative = [reason for name, reason, _p in _CUES if name in cues and name in _NEGATIVE_REASONS]
    found = positive + (["named entity"] if named else []) + negative
    return tuple(found) if found else ("narration: no checkable detail",)
