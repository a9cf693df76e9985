import datetime

import pytest

from annotations.splitting.metadata import MetadataError, lift_metadata
from annotations.splitting.normalize import normalize_text


def test_lifts_leading_date_marker_on_the_same_line():
    lifted = lift_metadata("date 2025-03-05 In a break from policy, talks began.")
    assert lifted.published_at == datetime.date(2025, 3, 5)
    assert lifted.text == "In a break from policy, talks began."


def test_lifts_date_marker_on_its_own_line():
    lifted = lift_metadata("Date: 2024-12-31\nHeadline here\n\nBody text.")
    assert lifted.published_at == datetime.date(2024, 12, 31)
    assert lifted.text.startswith("Headline here")


def test_invalid_date_marker_names_the_field():
    with pytest.raises(MetadataError) as raised:
        lift_metadata("date 2025-13-45 Something happened.")
    assert raised.value.field == "published_at"
    assert "2025-13-45" in str(raised.value)


def test_date_inside_the_text_is_not_a_marker():
    lifted = lift_metadata("The vote on date 2025-03-05 was close.")
    assert lifted.published_at is None
    assert lifted.text == "The vote on date 2025-03-05 was close."


@pytest.mark.parametrize(
    ("credit", "publisher", "dateline"),
    [
        ("(YWN World Headquarters – NYC)", "YWN World Headquarters", "NYC"),
        ("(Levant Wire — Nicosia)", "Levant Wire", "Nicosia"),
        ("(Example Press - Lisbon)", "Example Press", "Lisbon"),
        ("(Reuters)", "Reuters", ""),
    ],
)
def test_lifts_closing_credit(credit, publisher, dateline):
    lifted = lift_metadata(f"Officials confirmed the figures.\n\n{credit}")
    assert (lifted.publisher, lifted.dateline) == (publisher, dateline)
    assert lifted.text == "Officials confirmed the figures."


def test_closing_parenthetical_sentence_stays_in_the_text():
    text = "The council met.\n\n(The figures were revised on Monday.)"
    assert lift_metadata(text).text == text
    assert lift_metadata(text).publisher == ""


def test_parenthesis_inside_the_last_paragraph_stays():
    text = "The council met on Monday (Reuters – London)"
    assert lift_metadata(text).text == text


def test_markdown_heading_becomes_the_title_and_stays_in_the_text():
    lifted = lift_metadata("# Measles cases rise\n\nHealth officials said.")
    assert lifted.title == "Measles cases rise"
    assert lifted.text.startswith("# Measles cases rise")


def test_sample_article(shared_dir):
    raw = (shared_dir / "samples" / "us-hamas-talks.txt").read_text("utf-8")
    lifted = lift_metadata(normalize_text(raw))
    assert lifted.published_at == datetime.date(2025, 3, 5)
    assert lifted.publisher == "YWN World Headquarters"
    assert lifted.dateline == "NYC"
    assert lifted.text.startswith("In a surprising break")
    assert lifted.text.endswith("as it ratchets up pressure against Hamas.")
    assert "YWN" not in lifted.text
    assert "date 2025" not in lifted.text
