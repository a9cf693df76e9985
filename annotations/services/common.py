"""Input parsing shared by the services."""

import datetime

from django.core.exceptions import ValidationError


def parse_date(value: datetime.date | str | None, *, field: str) -> datetime.date | None:
    """Return a date from a date, a datetime or an ISO `YYYY-MM-DD` string; None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError({field: f"{value!r} is not a date in the form YYYY-MM-DD."}) from None


def refuse_nul(value: str, *, field: str) -> str:
    """Return the text unchanged, or raise ValidationError if it holds a NUL character.

    PostgreSQL cannot store NUL in text (SQLite can); refusing it everywhere keeps the two
    databases taking the same input.
    """
    position = value.find("\x00")
    if position != -1:
        raise ValidationError(
            {
                field: f"The text contains a NUL character (U+0000) at position {position}, "
                "which is not allowed in text."
            }
        )
    return value


# The longest free text (an evidence excerpt or note, a verdict's explanation) in characters:
# pages of prose, but not a whole document pasted into a field.
MAX_TEXT_CHARS = 10_000


def check_length(value: str, *, field: str, limit: int = MAX_TEXT_CHARS) -> str:
    """Return the text unchanged, or raise ValidationError naming the field if it is too long."""
    if len(value) > limit:
        raise ValidationError(
            {field: f"The text is {len(value):,} characters long; use at most {limit:,}."}
        )
    return value
