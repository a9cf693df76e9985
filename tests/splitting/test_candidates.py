"""Candidate claims: boilerplate is left out, datelines are cut off, clauses can stand alone."""

import re
from pathlib import Path

import pytest

from annotations.splitting import boilerplate_kind, candidate_spans, candidates, clauses, split
from annotations.splitting.segmenter import Span

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "us-hamas-talks.txt"


def quotes(text: str, **kwargs) -> list[str]:
    return [text[s:e] for s, e in candidate_spans(text, **kwargs)]


def test_dateline_is_not_part_of_the_claim():
    text = "WASHINGTON (Reuters) - The Senate passed the bill 52-48 on Tuesday."
    assert quotes(text) == ["The Senate passed the bill 52-48 on Tuesday."]


@pytest.mark.parametrize(
    "dateline",
    [
        "WASHINGTON (Reuters) - ",
        "NEW YORK, March 5 (AP) — ",
        "GAZA CITY — ",
        "KYIV, Ukraine — ",
        "Kyiv (CNN) — ",
        "LONDON, Jan 5 (Reuters) -- ",
    ],
)
def test_datelines(dateline):
    text = dateline + "Prices rose 3% in May, officials said."
    assert quotes(text) == ["Prices rose 3% in May, officials said."]


@pytest.mark.parametrize(
    "text",
    [
        "NATO said on Monday that 32 members agreed.",
        "By the end of 2024, inflation had fallen to 2.9%.",
    ],
    ids=["a capitalised opening without a dash", "a byline that is a sentence"],
)
def test_what_only_looks_like_a_dateline_or_a_byline_is_kept(text):
    assert quotes(text) == [text]


def test_byline_credit_heading_and_copyright_are_not_claims():
    text = (
        "Israel strikes Gaza as truce talks stall\n\n"
        "By Jane Doe and John Smith\n\n"
        "GAZA CITY — Israeli strikes killed 12 people on Monday, officials said.\n\n"
        "Reporting by Jane Doe in Gaza; Editing by John Smith\n\n"
        "© 2025 Example News. All rights reserved.\n\n"
        "(Example News – Gaza)"
    )
    assert quotes(text) == ["Israeli strikes killed 12 people on Monday, officials said."]
    kinds = [boilerplate_kind(text, s) for s in split(text)]
    assert kinds[:2] == ["heading", "byline"]
    assert "credit" in kinds


def test_markdown_heading_and_timestamp_are_not_claims():
    text = (
        "# Budget deal reached\n\nUpdated March 5, 2025 at 10:32 a.m. ET\n\n"
        "The deal cuts $1.5 trillion."
    )
    assert quotes(text) == ["The deal cuts $1.5 trillion."]


def test_a_long_line_without_a_full_stop_is_not_a_heading():
    text = (
        "The ministry said the number of people displaced by the floods had risen to more than "
        "forty thousand across six provinces in the last week alone\n\nMore rain is expected."
    )
    assert len(quotes(text)) == 2


@pytest.mark.skipif(not SAMPLE.exists(), reason=f"sample article absent ({SAMPLE})")
@pytest.mark.parametrize("lift", [True, False], ids=["metadata-lifted", "raw"])
def test_sample_article_has_no_metadata_or_credit_as_a_claim(lift):
    text = SAMPLE.read_text(encoding="utf-8")
    if lift:
        text = re.sub(r"\A\s*date \d{4}-\d{2}-\d{2}\s*", "", text)
        text = re.sub(r"\s*\([^()\n]*\)\s*\Z", "", text)
    found = quotes(text)
    assert len(found) == 20
    assert all("date 2025" not in q and "YWN" not in q for q in found)
    assert found[0].startswith("In a surprising break")


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "According to the Israel Defense Forces, at least 35 are believed to be dead, while "
            "intelligence estimates that 22 remain alive.",
            [
                "According to the Israel Defense Forces, at least 35 are believed to be dead",
                "intelligence estimates that 22 remain alive.",
            ],
        ),
        (
            "Exports rose 4% in the first quarter ; imports fell 2% over the same period.",
            ["Exports rose 4% in the first quarter", "imports fell 2% over the same period."],
        ),
    ],
    ids=["atomic", "trimmed"],
)
def test_clauses_are_atomic_and_trimmed(text, parts):
    assert [text[s:e] for s, e in clauses(text, Span(0, len(text)))] == parts


def test_clauses_without_their_own_checkable_detail_stay_together():
    text = "Prices rose 3% in May, while wages were flat as employers held back."
    assert clauses(text, Span(0, len(text))) == [Span(0, len(text))]


def test_candidates_carry_scores_reasons_and_priority():
    text = "What do you think? Unemployment fell to 3.9% in January, the Labor Department said."
    first, second = candidates(text, low_priority_below=0.5)
    assert first.low_priority and not second.low_priority
    assert second.checkworthiness > first.checkworthiness
    assert "question" in first.reasons
    assert "a number" in second.reasons
