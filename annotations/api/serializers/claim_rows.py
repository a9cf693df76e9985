"""The claims list's items written from plain rows, exactly as `ClaimSerializer` writes them.

`ClaimSerializer` stays the declared shape (and the OpenAPI schema's); this module writes the
same JSON from `selectors.claim_rows`, formatting each value with the serializer's own field
and naming people by its own rules, so the list reads the same as a claim's own page.
"""

import datetime
from collections.abc import Callable, Sequence
from functools import cache
from operator import itemgetter

import orjson
from django.utils import timezone
from rest_framework import ISO_8601
from rest_framework.fields import (
    CharField,
    ChoiceField,
    DateTimeField,
    Field,
    FloatField,
    IntegerField,
    JSONField,
)
from rest_framework.settings import api_settings

from annotations import selectors
from annotations.api.serializers.claims import ClaimSerializer
from annotations.api.serializers.common import public_credits
from annotations.credits import Credits

Formatter = Callable[[object], object]


def _iso_datetime_in(zone: datetime.tzinfo) -> Formatter:
    """Return DRF's ISO 8601 DateTimeField output, in `zone`, without per-value lookups."""

    def write(value: datetime.datetime) -> str:
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return write


@cache
def _claim_fields() -> dict[str, Field]:
    """Return the claim serializer's bound fields, built once per process."""
    return dict(ClaimSerializer().fields)


@cache
def _plain_datetimes() -> frozenset[str]:
    """Return the columns DRF writes as plain ISO 8601 times in the current time zone."""
    fields = _claim_fields()
    iso = api_settings.DATETIME_FORMAT == ISO_8601
    return frozenset(
        column
        for column in selectors.CLAIM_ROW_COLUMNS
        if iso
        and isinstance(fields[column], DateTimeField)
        and not getattr(fields[column], "format", None)
    )


# Fields whose output is the stored value itself (int, str, float, a choice's stored value):
# their rows' values go out as they come, without a call per value.
_AS_STORED = (IntegerField, CharField, FloatField, ChoiceField)


def _formatters() -> list[tuple[str, Formatter]]:
    """Return how each stored column that needs writing is written for this request."""
    fields = _claim_fields()
    plain = _plain_datetimes()
    in_zone = _iso_datetime_in(timezone.get_current_timezone())
    return [
        (column, in_zone if column in plain else fields[column].to_representation)
        for column in selectors.CLAIM_ROW_COLUMNS
        if column in plain or type(fields[column]) not in _AS_STORED
    ]


@cache
def _row_keys(usernames: bool) -> tuple[tuple[str, ...], itemgetter]:
    """Return the item's fields in the serializer's order, and what reads them off a row."""
    sources = {
        **{column: column for column in selectors.CLAIM_ROW_COLUMNS},
        "article": "article_pk",
        "tags": "tag_names",
        # Read as stored, then replaced below: the reasons decoded, people named, the verdict.
        "reasons": "reasons_json",
        "verdict": "verdict_id",
        **{
            person: f"{person}_username" if usernames else f"{person}_id"
            for person in selectors.CLAIM_ROW_PEOPLE
        },
    }
    fields = tuple(ClaimSerializer.Meta.fields)
    return fields, itemgetter(*(sources[field] for field in fields))


@cache
def _credited_people() -> frozenset[str]:
    """Return the person fields that anonymous readers see as a public credit."""
    fields = _claim_fields()
    return frozenset(p for p in selectors.CLAIM_ROW_PEOPLE if fields[p].public == "credit")


def wants_usernames(context: dict) -> bool:
    """Tell whether the reader in `context` sees usernames (the desk) rather than credits."""
    return public_credits(context) is None


def _credit_of(credits: Credits) -> Callable[[dict, str], str | None]:
    """Return how an anonymous reader sees a row's person: a public credit or nobody."""
    credited = _credited_people()

    def credit(row: dict, person: str) -> str | None:
        user_id = row[f"{person}_id"]
        return credits.name_by_id(user_id) if person in credited and user_id is not None else None

    return credit


def claim_list_items(rows: Sequence[dict], context: dict) -> list[dict]:
    """Return the API items of these claim rows (read with `wants_usernames(context)`)."""
    formatters = _formatters()
    credits = public_credits(context)
    fields, read = _row_keys(credits is None)
    # The desk's usernames come with the rows; anonymous readers see credits instead.
    credit = None if credits is None else _credit_of(credits)
    reasons = _claim_fields()["reasons"]
    as_stored = type(reasons) is JSONField and not reasons.binary
    decode = orjson.loads if as_stored else _decoder(reasons)
    items = []
    for row in rows:
        item = dict(zip(fields, read(row), strict=True))
        for column, write in formatters:
            value = item[column]
            if value is not None:
                item[column] = write(value)
        item["reasons"] = decode(row["reasons_json"])
        if credit is not None:
            for person in selectors.CLAIM_ROW_PEOPLE:
                item[person] = credit(row, person)
        if row["verdict_id"] is not None:
            item["verdict"] = {
                "rating": row["verdict_rating"],
                "label": row["verdict_label"],
                "value": row["verdict_value"],
                "explanation": row["verdict_explanation"],
            }
        items.append(item)
    return items


def _decoder(field: Field) -> Formatter:
    """Return how stored JSON text is written through `field`."""
    return lambda text: field.to_representation(orjson.loads(text))
