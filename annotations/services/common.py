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
