"""Text normalisation, metadata lifting, sentence segmentation and check-worthiness."""

from .boilerplate import boilerplate_kind, strip_dateline
from .candidates import Candidate, candidate_spans, candidates, clauses
from .checkworthiness import Score, score
from .segmenter import Span, split

__all__ = [
    "Candidate",
    "Score",
    "Span",
    "boilerplate_kind",
    "candidate_spans",
    "candidates",
    "clauses",
    "score",
    "split",
    "strip_dateline",
]
