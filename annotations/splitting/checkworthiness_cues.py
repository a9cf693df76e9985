"""Readable cues for check-worthiness: what makes a sentence checkable, and what pulls it down.

Each cue is a regular expression over the lower-cased sentence with the reason a person reads
next to the score. Positive cues (a number, a date, a named source, a comparison, a record ...)
mark a sentence that can be checked against records; negative cues (opinion, analysis,
speculation, scene-setting, question) mark one that cannot. Both scorers use them: the encoder
head takes them as features, the n-gram model as n-gram features, and both report them.
"""

from __future__ import annotations

import re

__all__ = [
    "CUE_NAMES",
    "NEGATIVE",
    "POSITIVE",
    "cue_values",
    "cues",
    "has_name",
    "reasons_for",
]

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"


def _cue(pattern: str) -> re.Pattern[str]:
    # Matched against the lower-cased sentence: much faster than re.IGNORECASE.
    return re.compile(pattern.lower())


# (feature name, readable reason, pattern, pulls the score up?)
_CUES: tuple[tuple[str, str, re.Pattern[str], bool], ...] = (
    (
        "number",
        "a number",
        _cue(
            r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|"
            r"eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|"
            r"dozens?|million|billion|trillion|half|twice|triple|double|a third|a quarter)\b"
        ),
        True,
    ),
    (
        "statistic",
        "a statistic",
        _cue(
            r"%|[$€£]\s?\d|\b(?:per ?cent|percentage|rate|average|median|millions?|"
            r"billions?|trillions?|per (?:capita|year|month|day|hour)|unemployment|deficit|"
            r"debt|budget|gdp|poll|survey|census|statistics?|times as|euros?|pounds|dollars)\b"
        ),
        True,
    ),
    (
        "date",
        "a date",
        _cue(
            r"\b(?:(?:1[89]|20)\d\d|(?:" + _MONTHS + r")\.?\s+\d{1,2}|"
            r"(?:in|since|until|by|from|of) (?:" + _MONTHS + r")|"
            r"(?:" + _WEEKDAYS + r")|last (?:year|month|week|decade)|"
            r"since (?:19|20)\d\d|yesterday|in the (?:19|20)\d0s)\b"
        ),
        True,
    ),
    (
        "source",
        "a named source",
        _cue(
            r"\b(?:according to|report(?:ed)? by|study|studies|survey|data from|census|bureau|"
            r"department|ministry|agency|office|commission|institute|university|"
            r"administration|officials?|spokes(?:man|woman|person)|in a statement|records|"
            r"said|says|told|reported|stated|announced|confirmed|testified|estimated|"
            r"published|found that|figures)\b"
        ),
        True,
    ),
    (
        "comparison",
        "a comparison",
        _cue(
            r"\b(?:more|less|fewer|higher|lower|larger|smaller|bigger|greater|than|compared|"
            r"doubled|tripled|increased|decreased|rose|fell|dropped|grew|declined|cut|raised|"
            r"up from|down from|shrank)\b"
        ),
        True,
    ),
    (
        "record",
        "a record",
        _cue(
            r"\b(?:record|records began|highest|lowest|largest|smallest|biggest|most since|"
            r"least since|first time|for the first|the first .{1,30} since|the only|ever|"
            r"\w+est since)\b"
        ),
        True,
    ),
    (
        "causal",
        "a cause",
        _cue(
            r"\b(?:because|caused?|causes|led to|due to|result(?:ed|s)? (?:of|in)|"
            r"as a result|responsible for|blamed?|attributed)\b"
        ),
        True,
    ),
    (
        "law",
        "a law or vote",
        _cue(
            r"\b(?:voted?|votes|law|bill|legislation|signed|vetoed|passed|approved|treaty|"
            r"ruled|ruling|court|sanctions?|regulations?|referendum|election)\b"
        ),
        True,
    ),
    ("question", "question", _cue(r"\?\s*[\"”’)]*\s*$"), False),
    (
        "opinion",
        "opinion",
        _cue(
            r"\b(?:i think|i believe|i feel|in my (?:opinion|view)|i'm sure|i hope|we need|"
            r"we must|we should|should|ought to|great|wonderful|terrible|horrible|disgrace|"
            r"beautiful|best|worst|believe me|frankly|unfortunately|fortunately|thank you|"
            r"thanks|good day|bold|overdue|grim|bruising|celebrated)\b"
        ),
        False,
    ),
    (
        "analysis",
        "analysis",
        _cue(
            r"\b(?:highlights?|underscores?|signals?|marks? a|reflects?|symboli[sz]es|"
            r"a symbol of|a sign of|the latest sign|raises? (?:\w+ )?questions?|risks|"
            r"a setback|a (?:big |major )?win for|a blow to|redraws?|the question|"
            r"remains? (?:an open question|unclear)|is (?:hard|unclear|not clear)|"
            r"the (?:real )?test|a message|the heart of|as much about|"
            r"a kind of|is not abstract|adds? to a growing)\b"
        ),
        False,
    ),
    (
        "speculation",
        "speculation",
        _cue(
            r"\b(?:maybe|perhaps|might|possibly|probably|seems?|appears?|likely|unlikely|"
            r"could|may (?:be|yet|have|not|take|well|come|need)|would|will|won't|going to|"
            r"expected to|expect|fears?|worry|worried|"
            r"worries|hopes?|hoping|whether|if|promises? to|is set to|in the making|"
            r"yet to)\b"
        ),
        False,
    ),
    (
        "scene",
        "scene-setting",
        _cue(
            r"\b(?:morning|evening|afternoon|sun|haze|rain|grey|crowds?|"
            r"queues?|lined up|filled|gallery|cheered|applause|roared|"
            r"splashed|stood|standing|looked|described|silent|quiet|still and|"
            r"empty|signs|candle\w*|stage|long before|through the night)\b"
        ),
        False,
    ),
    (
        "first_person",
        "first person",
        _cue(r"\b(?:i|i'm|i've|i'll|me|my|we|we're|we've|we'll|our|us|you|your)\b"),
        False,
    ),
)
# A capitalised word after the first one ("said Adam Boehler", "in Doha"), but not "I".
_NAME = re.compile(r"\S\s+[\"“‘(]?(?!I\b|I['’])[A-Z][\w’'.-]*")

CUE_NAMES: tuple[str, ...] = (*(name for name, *_rest in _CUES), "name")
POSITIVE = frozenset(name for name, _r, _p, up in _CUES if up) | {"name"}
NEGATIVE = frozenset(name for name, _r, _p, up in _CUES if not up)
# Reasons shown when a score was pulled down; "first person" only feeds the model.
_SHOWN_NEGATIVE = ("question", "opinion", "analysis", "speculation", "scene")
_REASON = {name: reason for name, reason, _p, _up in _CUES} | {"name": "a named person or place"}


def has_name(sentence: str) -> bool:
    """Tell whether the sentence names someone or somewhere after its first word."""
    return _NAME.search(sentence) is not None


def cues(sentence: str) -> list[str]:
    """Return the names of the cues found in a sentence, in the table's order."""
    low = sentence.lower()
    found = [name for name, _r, pattern, _up in _CUES if pattern.search(low)]
    if has_name(sentence):
        found.append("name")
    return found


def cue_values(found: list[str]) -> list[float]:
    """Return the cues as 0/1 features in CUE_NAMES order (the encoder head's extra inputs)."""
    present = set(found)
    return [1.0 if name in present else 0.0 for name in CUE_NAMES]


def reasons_for(found: list[str], *, pulled_down: bool = True) -> tuple[str, ...]:
    """Return readable reasons: checkable details first, then what pulled the score down.

    The signs of a low score (opinion, analysis ...) are named only when the score is low
    (``pulled_down``): "speculation" beside a high score would explain nothing.
    """
    up = [_REASON[name] for name in found if name in POSITIVE]
    down = [_REASON[name] for name in _SHOWN_NEGATIVE if name in found] if pulled_down else []
    if not up:
        return ("no checkable detail", *down)
    return (*up, *down)
