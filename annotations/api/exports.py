"""The export endpoint: published claims streamed in our format, ClaimReview or W3C."""

import datetime

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from annotations.exports.stream import CONTENT_TYPES, FORMATS, export_stream


def parse_since(value: str | None, *, field: str = "since") -> datetime.datetime | None:
    """Parse an ISO-8601 date or date-time (naive values are in the server's time zone)."""
    if not value:
        return None
    moment = None
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            if day is not None:
                moment = datetime.datetime.combine(day, datetime.time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise ValidationError({field: f"{value!r} is not an ISO-8601 date or date-time."})
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class ClaimExportView(APIView):
    permission_classes = [AllowAny]
    # An export reads every published claim: a stricter rate than other requests.
    throttle_scope = "export"

    @extend_schema(
        summary="Export published claims (streamed)",
        description=(
            "`json`: one document with `schema_version` and `claims` (JSON Schema in "
            "docs/export.schema.json); `jsonl`: one record per line; `claimreview`: a JSON "
            "array of schema.org ClaimReview objects; `w3c`: a JSON array of W3C Web "
            "Annotations. `since` keeps claims changed at or after that moment."
        ),
        parameters=[
            OpenApiParameter("format", str, enum=list(FORMATS), default="json"),
            OpenApiParameter("since", OpenApiTypes.DATETIME, required=False),
        ],
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "application/x-ndjson"): OpenApiTypes.STR,
            (200, "application/ld+json"): OpenApiTypes.ANY,
            400: OpenApiResponse(description="Unknown format or bad since."),
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        fmt = request.query_params.get("format", "json")
        if fmt not in FORMATS:
            raise ValidationError({"format": f"Use one of {', '.join(FORMATS)}, not {fmt!r}."})
        since = parse_since(request.query_params.get("since"))
        response = StreamingHttpResponse(
            export_stream(fmt, since=since), content_type=CONTENT_TYPES[fmt] + "; charset=utf-8"
        )
        extension = {"jsonl": "jsonl", "json": "json"}.get(fmt, "jsonld")
        response["Content-Disposition"] = f'inline; filename="claims-{fmt}.{extension}"'
        return response
