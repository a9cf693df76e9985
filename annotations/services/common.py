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
