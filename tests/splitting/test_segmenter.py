"""Sentence segmentation: golden rules, news cases, the sample article, other languages."""

import json
import re
from pathlib import Path

import pytest

from annotations.splitting import split

SHARED = Path(__file__).resolve().parents[3] / "shared"
GOLDEN = SHARED / "standards" / "pysbd-golden-rules-en.json"
SAMPLE = SHARED / "samples" / "us-hamas-talks.txt"
RULES = json.loads(GOLDEN.read_text(encoding="utf-8")) if GOLDEN.exists() else []
needs_golden = pytest.mark.skipif(not RULES, reason=f"golden rules absent ({GOLDEN})")


def sentences(text: str, language: str = "en") -> list[str]:
    return [text[start:end] for start, end in split(text, language)]


@needs_golden
@pytest.mark.parametrize("rule", RULES, ids=[f"rule-{r['id']}" for r in RULES])
def test_golden_rule(rule):
    assert [s.strip() for s in sentences(rule["text"])] == rule["expected"]


@needs_golden
def test_golden_rules_pass_count():
    passed = sum(1 for r in RULES if [s.strip() for s in sentences(r["text"])] == r["expected"])
    assert passed >= 47


NEWS_CASES = [
    (
        "The talks, led by U.S. presidential envoy Adam Boehler, took place in Doha. "
        "Officials declined to comment.",
        [
            "The talks, led by U.S. presidential envoy Adam Boehler, took place in Doha.",
            "Officials declined to comment.",
        ],
    ),
    (
        "Unemployment rose to 3.9% in Jan. 2024, the Labor Dept. said. It was the highest since "
        "2022.",
        [
            "Unemployment rose to 3.9% in Jan. 2024, the Labor Dept. said.",
            "It was the highest since 2022.",
        ],
    ),
    (
        "Shares of J.P. Morgan Chase & Co. fell 2.5% on Tuesday. Analysts at Goldman Sachs Group "
        "Inc. expect a rebound of $12.5 billion.",
        [
            "Shares of J.P. Morgan Chase & Co. fell 2.5% on Tuesday.",
            "Analysts at Goldman Sachs Group Inc. expect a rebound of $12.5 billion.",
        ],
    ),
    (
        '"We will not give up!" he said. The crowd cheered.',
        ['"We will not give up!" he said.', "The crowd cheered."],
    ),
    ('"Is this the end?" she asked reporters on Monday.', None),
    (
        "The bridge is 28.5 ft. wide. It opened in 1997.",
        ["The bridge is 28.5 ft. wide.", "It opened in 1997."],
    ),
    ("Gov. Jane R. Miller (D-Calif.) signed the bill at 10 a.m. on Friday.", None),
    (
        "This is the first time that the U.S.—which designated Hamas as a terrorist group in "
        "1997—has engaged in direct diplomacy with the organization.",
        None,
    ),
    (
        "Prof. Smith of Harvard Univ. presented the data. The results were clear.",
        ["Prof. Smith of Harvard Univ. presented the data.", "The results were clear."],
    ),
    (
        "Read the report at https://example.org/a/report.v2.pdf. Then e-mail press@example.org. "
        "Thanks.",
        [
            "Read the report at https://example.org/a/report.v2.pdf.",
            "Then e-mail press@example.org.",
            "Thanks.",
        ],
    ),
    ("He paused... Then he left.", ["He paused...", "Then he left."]),
    ("He paused … and then left.", None),
    (
        "Markets rally as inflation cools\n\nStocks rose 2% on Monday.",
        ["Markets rally as inflation cools", "Stocks rose 2% on Monday."],
    ),
    (
        "a paragraph without a full stop\n\nanother one in lower case",
        ["a paragraph without a full stop", "another one in lower case"],
    ),
    (
        "Key points:\n- Prices rose 3%.\n- Wages fell.",
        ["Key points:", "- Prices rose 3%.", "- Wages fell."],
    ),
    (
        "Sen. Elizabeth Warren (D-Mass.) said the U.S. economy grew 2.5% last year. Mt. Everest "
        "is 29,032 ft. tall.",
        [
            "Sen. Elizabeth Warren (D-Mass.) said the U.S. economy grew 2.5% last year.",
            "Mt. Everest is 29,032 ft. tall.",
        ],
    ),
    (
        "The company, Acme Inc., reported $12.5 billion in revenue. Its CEO, Dr. Jane Doe, "
        "resigned.",
        [
            "The company, Acme Inc., reported $12.5 billion in revenue.",
            "Its CEO, Dr. Jane Doe, resigned.",
        ],
    ),
    ("At 5 p.m. Gov. Newsom spoke to reporters.", None),
    (
        "The meeting ended at 5 p.m. The vote is next week.",
        ["The meeting ended at 5 p.m.", "The vote is next week."],
    ),
    (
        "“This is the best deal ever,” Trump told reporters. “Nobody has done it.” Aides agreed.",
        [
            "“This is the best deal ever,” Trump told reporters.",
            "“Nobody has done it.”",
            "Aides agreed.",
        ],
    ),
    (
        "The vote (held on Jan. 5) passed 52-48. (The House has not voted.) Critics objected.",
        [
            "The vote (held on Jan. 5) passed 52-48.",
            "(The House has not voted.)",
            "Critics objected.",
        ],
    ),
    (
        "Inflation was 3.2 percent, vs. 3.7 percent a year earlier, i.e. lower. Prices fell.",
        ["Inflation was 3.2 percent, vs. 3.7 percent a year earlier, i.e. lower.", "Prices fell."],
    ),
    (
        "The figure appears on p. 12 of No. 4 of the journal. See Fig. 3 for details.",
        ["The figure appears on p. 12 of No. 4 of the journal.", "See Fig. 3 for details."],
    ),
    (
        "The town had 3,456 people at the 2010 census.[1] It has grown since.",
        ["The town had 3,456 people at the 2010 census.[1]", "It has grown since."],
    ),
    (
        "He earned a Ph.D. from MIT in 1990. Washington, D.C. The capital.",
        ["He earned a Ph.D. from MIT in 1990.", "Washington, D.C.", "The capital."],
    ),
    (
        "Israel has said the Oct. 7 attack killed 1,200 people. Sept. 11 was worse.",
        ["Israel has said the Oct. 7 attack killed 1,200 people.", "Sept. 11 was worse."],
    ),
    (
        "• Prices rose 3%. • Wages fell. • A. Smith resigned.",
        ["• Prices rose 3%.", "• Wages fell.", "• A. Smith resigned."],
    ),
    ("• x. • y.", ["• x.", "• y."]),
    (
        "1. Prices rose.\n2. Wages fell.\n3. Rents doubled.",
        ["1. Prices rose.", "2. Wages fell.", "3. Rents doubled."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), NEWS_CASES, ids=[c[0][:40] for c in NEWS_CASES])
def test_news_case(text, expected):
    assert sentences(text) == (expected if expected is not None else [text])


def test_offsets_are_code_points_with_emoji_and_combining_marks():
    text = "Cafe\u0301 prices rose 5% 👩‍👩‍👧. Officials in Zu\u0308rich agreed! Done."
    spans = split(text)
    assert [text[s:e] for s, e in spans] == [
        "Cafe\u0301 prices rose 5% 👩‍👩‍👧.",
        "Officials in Zu\u0308rich agreed!",
        "Done.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks with Dr.\n\nSmith went on.", ["Talks with Dr.", "Smith went on."]),
        # Lines that wrap in lower case stay one sentence.
        (
            "The talks were held\nin Doha and lasted\nthree days.\nOfficials said so.",
            ["The talks were held\nin Doha and lasted\nthree days.", "Officials said so."],
        ),
        # Headlines, list items and one-line paragraphs arrive with a single line break.
        ("Markets rally\nStocks rose 2% on Monday", ["Markets rally", "Stocks rose 2% on Monday"]),
    ],
    ids=["paragraph break", "wrapped in lower case", "line break before a capital"],
)
def test_line_breaks(text, expected):
    assert sentences(text) == expected


def test_empty_and_blank_text():
    assert split("") == []
    assert split(" \n\t ") == []


@pytest.mark.skipif(not SAMPLE.exists(), reason=f"sample article absent ({SAMPLE})")
def test_sample_article_has_twenty_sentences_and_no_metadata():
    raw = SAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"\A\s*date \d{4}-\d{2}-\d{2}\s*", "", raw)
    text = re.sub(r"\s*\([^()\n]*\)\s*\Z", "", text)
    found = sentences(text)
    assert len(found) == 20
    assert found[0].startswith("In a surprising break from longstanding U.S. policy,")
    assert found[2].startswith("This unprecedented move represents the first time that the U.S.—")
    assert found[16].startswith("According to the Israel Defense Forces, at least 35")
    assert all("date 2025" not in s and "YWN" not in s for s in found)


@pytest.mark.skipif(not SAMPLE.exists(), reason=f"sample article absent ({SAMPLE})")
def test_sample_article_after_the_importers_metadata_lifting():
    from annotations.splitting.metadata import lift_metadata
    from annotations.splitting.normalize import normalize_text

    lifted = lift_metadata(normalize_text(SAMPLE.read_text(encoding="utf-8")))
    found = sentences(lifted.text)
    assert len(found) == 20
    assert found[-1].startswith("Though fighting has not resumed")


@pytest.mark.parametrize("language", ["de", "fr", "es", "ru", "xx", "de-AT"])
def test_other_languages_fall_back_to_paragraphs_and_terminal_punctuation(language):
    text = "Der Preis stieg um 3,9 %. Die Regierung z. B. schwieg!\n\nNeuer Absatz ohne Punkt"
    assert sentences(text, language) == [
        "Der Preis stieg um 3,9 %.",
        "Die Regierung z. B. schwieg!",
        "Neuer Absatz ohne Punkt",
    ]


def test_fallback_splits_chinese_and_japanese_full_stops():
    text = "价格上涨了。政府没有回应！「本当ですか？」と彼は言った。"
    assert sentences(text, "zh") == [
        "价格上涨了。",
        "政府没有回应！",
        "「本当ですか？」と彼は言った。",
    ]


def test_language_tags_select_english():
    text = "Dr. Smith arrived. He spoke."
    for language in ("en", "EN", "en-GB", "en_US", "", None):
        assert sentences(text, language) == ["Dr. Smith arrived.", "He spoke."]
