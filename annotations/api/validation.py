"""Input validation that holds the API to its schema's JSON types.

DRF coerces what it can: `{"text": 0}` becomes the text "0", `{"hidden": 0}` becomes false and
`{"article": "7"}` the id 7. The schema promises a string, a boolean and an integer, and a client
sending something else has a bug worth hearing about, so a JSON body with the wrong type is
refused with a 400 naming the field. Form bodies carry only text and are left to DRF.
"""

from collections.abc import Mapping
from typing import Any

from rest_framework import serializers

# (field class, the JSON types it takes, what to call them in the message)
_JSON_TYPES: tuple[tuple[type, tuple[type, ...], str], ...] = (
    (serializers.BooleanField, (bool,), "true or false"),
    (serializers.CharField, (str,), "a string"),
    (serializers.ChoiceField, (str,), "a string"),
    (serializers.DateField, (str,), "a date string (YYYY-MM-DD)"),
    (serializers.DateTimeField, (str,), "a date-time string"),
    (serializers.IntegerField, (int,), "a whole number"),
    (serializers.PrimaryKeyRelatedField, (int,), "an id (a whole number)"),
    (serializers.FloatField, (int, float), "a number"),
)


def refuse_mistyped_json(serializer: serializers.Serializer, data: Any) -> None:
    """Raise ValidationError for JSON values whose type differs from the field's schema type."""
    if not isinstance(data, Mapping) or hasattr(data, "getlist"):
        return
    errors: dict[str, list[str]] = {}
    for name, field in serializer.fields.items():
        if field.read_only or name not in data:
            continue
        value = data[name]
        if value is None:
            continue
        for field_class, types, wanted in _JSON_TYPES:
            if isinstance(field, field_class):
                # bool is an int in Python, never in JSON.
                wrong = isinstance(value, bool) and bool not in types
                if wrong or not isinstance(value, types):
                    errors[name] = [f"Send {wanted}, not {_json_type(value)}."]
                break
    if errors:
        raise serializers.ValidationError(errors)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__
