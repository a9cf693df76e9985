"""The API's JSON renderer writes what DRF's own renderer writes, with orjson."""

import datetime
import decimal
import json
import uuid

from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from annotations.api.renderers import JSONRenderer

PARIS = datetime.timezone(datetime.timedelta(hours=1))
VARIED = {
    "text": 'Ünïcode, quotes " and \\ and a line\u2028separator\u2029too',
    "numbers": [0, -7, 2**62, 3.25, 0.1, True, False, None],
    "times": [
        datetime.datetime(2026, 3, 5, 10, 0, 0, 123456, tzinfo=datetime.UTC),
        datetime.datetime(2026, 3, 5, 10, 0, tzinfo=PARIS),
        datetime.date(2026, 3, 5),
        datetime.time(9, 30),
        datetime.timedelta(minutes=90),
    ],
    "others": [decimal.Decimal("1.50"), uuid.UUID(int=7), gettext_lazy("Claims"), b"bytes"],
    "nested": ReturnDict({"list": ReturnList([{"a": (1, 2)}], serializer=None)}, serializer=None),
    7: "a number as key",
}


def _both(data, media_type="application/json", context=None) -> tuple[bytes, bytes]:
    context = context or {}
    return (
        JSONRenderer().render(data, media_type, context),
        DRFJSONRenderer().render(data, media_type, context),
    )


def test_it_writes_the_same_json_as_drf_for_every_kind_of_value():
    ours, drf = _both(VARIED)
    # Byte for byte: compact UTF-8, line separators escaped as DRF escapes them.
    assert ours == drf
    assert b"\\u2028" in ours and b"\\u2029" in ours and "Ünïcode".encode() in ours
    assert b'"2026-03-05T10:00:00.123456Z"' in ours
    assert b'"2026-03-05T10:00:00+01:00"' in ours


def test_large_floats_read_the_same_though_written_shorter():
    ours, drf = _both({"big": 1e16, "small": 1e-7})
    assert json.loads(ours) == json.loads(drf) == {"big": 1e16, "small": 1e-7}


def test_pretty_printing_and_what_orjson_refuses_fall_back_to_drf():
    ours, drf = _both({"a": [1, 2]}, "application/json; indent=4")
    assert ours == drf and b"\n    " in ours
    too_big = {"count": 2**70}
    ours, drf = _both(too_big)
    assert ours == drf == b'{"count":1180591620717411303424}'
    assert JSONRenderer().render(None) == b""


def test_the_api_answers_through_it(api, annotator):
    from tests.helpers import api_as

    response = api_as(api, annotator).get("/api/v1/claims/")
    assert isinstance(response.accepted_renderer, JSONRenderer)
    assert response.json()["results"] == []
