"""The claims list's items written from plain rows, exactly as `ClaimSerializer` writes them.

`ClaimSerializer` stays the declared shape (and the OpenAPI schema's); this module writes the
same JSON from `selectors.claim_rows`, formatting each value with the serializer's own field
and naming people by its own rules, so the list reads the same as a claim's own page.
"""

import datetime
from collections.abc import Callable, Sequence
from functools import cache

from django.utils import timezone
from rest_framework import ISO_8601
from rest_framework.fields import DateTimeField, Field
from rest_framework.settings import api_settings

from annotations import selectors
from annotations.api.serializers.claims import ClaimSerializer
from annotations.api.serializers.common import public_credits

Formatter = Callable[[object], object]


def _iso_datetime(value: datetime.datetime) -> str:
    # DRF's DateTimeField in ISO 8601, without its per-value settings lookups: in the current
    # time zone, with UTC written as Z.
    text = value.astimezone(timezone.get_current_timezone()).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


@cache
def _claim_fields() -> dict[str, Field]:
    """Return the claim serializer's bound fields, built once per process."""
    return dict(ClaimSerializer().fields)


@cache
def _formatters() -> dict[str, Formatter]:
    """Return how each stored column is written: by the serializer's own field."""
    fields = _claim_fields()
    iso = api_settings.DATETIME_FORMAT == ISO_8601
    formatters: dict[str, Formatter] = {}
    for column in selectors.CLAIM_ROW_COLUMNS:
        field: Field = fields[column]
        plain = iso and isinstance(field, DateTimeField) and not getattr(field, "format", None)
        formatters[column] = _iso_datetime if plain else field.to_representation
    return formatters


@cache
def _credited_people() -> frozenset[str]:
    """Return the person fields that anonymous readers see as a public credit."""
    fields = _claim_fields()
    return frozenset(p for p in selectors.CLAIM_ROW_PEOPLE if fields[p].public == "credit")


def _people_names(rows: Sequence[dict], context: dict) -> Callable[[str, int | None], str | None]:
    """Return how to name a claim's person: username for the desk, a credit or nobody else."""
    credits = public_credits(context)
    if credits is None:
        usernames = selectors.usernames_by_id(
            row[f"{person}_id"] for row in rows for person in selectors.CLAIM_ROW_PEOPLE
        )
        return lambda person, user_id: usernames.get(user_id)
    credited = _credited_people()
    return lambda person, user_id: (
        credits.name_by_id(user_id) if person in credited and user_id is not None else None
    )


def claim_list_items(rows: Sequence[dict], context: dict) -> list[dict]:
    """Return the API items of these claim rows, for the reader in `context`."""
    formatters = _formatters()
    name = _people_names(rows, context)
    tags = selectors.tag_names_by_claim(row["id"] for row in rows)
    items = []
    for row in rows:
        item = {
            column: None if row[column] is None else write(row[column])
            for column, write in formatters.items()
        }
        item["article"] = row["article_pk"]
        item["tags"] = tags.get(row["id"], [])
        for person in selectors.CLAIM_ROW_PEOPLE:
            item[person] = name(person, row[f"{person}_id"])
        item["verdict"] = (
            None
            if row["verdict_id"] is None
            else {
                "rating": row["verdict_rating"],
                "label": row["verdict_label"],
                "value": row["verdict_value"],
                "explanation": row["verdict_explanation"],
            }
        )
        items.append({field: item[field] for field in ClaimSerializer.Meta.fields})
    return items
