"""The export endpoint: published claims streamed in our format, ClaimReview or W3C.

Anyone may read the public export; `include=internal` (usernames, review history, evidence
notes) is for signed-in members of the desk only.
"""

import datetime

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from annotations.api.filters import in_utc
from annotations.exports.stream import CONTENT_TYPES, FORMATS, export_stream
from annotations.permissions import VIEW_REVIEW_HISTORY, user_can_see_internal_history

INCLUDE_CHOICES = ("internal",)


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
    return in_utc(moment, field=field)


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
            "Annotations. `since` keeps claims changed at or after that moment. The export "
            "is public: people appear as the organisation or by the public name they chose, "
            "and the review's internal work stays out. `include=internal` (signed-in desk "
            "members only) names people by username and adds the review history and "
            "evidence notes."
        ),
        parameters=[
            OpenApiParameter("format", str, enum=list(FORMATS), default="json"),
            OpenApiParameter(
                "since",
                # A date counts from its midnight; empty (as a form sends it) means no limit.
                {
                    "type": "string",
                    "anyOf": [{"format": "date-time"}, {"format": "date"}, {"maxLength": 0}],
                },
                required=False,
            ),
            OpenApiParameter(
                "include",
                str,
                enum=list(INCLUDE_CHOICES),
                required=False,
                description=f"`internal`: the desk's export (needs {VIEW_REVIEW_HISTORY}).",
            ),
        ],
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "application/x-ndjson"): OpenApiTypes.STR,
            (200, "application/ld+json"): OpenApiTypes.ANY,
            400: OpenApiResponse(description="Unknown format or include, or bad since."),
            403: OpenApiResponse(description="include=internal asked by someone not allowed."),
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        fmt = request.query_params.get("format", "json")
        if fmt not in FORMATS:
            raise ValidationError({"format": f"Use one of {', '.join(FORMATS)}, not {fmt!r}."})
        since = parse_since(request.query_params.get("since"))
        internal = _wants_internal(request)
        response = StreamingHttpResponse(
            export_stream(fmt, since=since, internal=internal),
            content_type=CONTENT_TYPES[fmt] + "; charset=utf-8",
        )
        extension = {"jsonl": "jsonl", "json": "json"}.get(fmt, "jsonld")
        name = f"claims-{fmt}-internal" if internal else f"claims-{fmt}"
        response["Content-Disposition"] = f'inline; filename="{name}.{extension}"'
        if internal:
            # Usernames and internal comments must never sit in a shared cache.
            response["Cache-Control"] = "private, no-store"
        return response


def _wants_internal(request: Request) -> bool:
    """Return whether the request asks for the internal export; refuse those not allowed it."""
    include = request.query_params.get("include")
    if not include:
        return False
    if include not in INCLUDE_CHOICES:
        choices = " or ".join(INCLUDE_CHOICES)
        raise ValidationError({"include": f"Use {choices} or leave it out, not {include[:40]!r}."})
    if not user_can_see_internal_history(request.user):
        raise PermissionDenied(
            "include=internal is for signed-in members of the desk (it needs "
            f"{VIEW_REVIEW_HISTORY}); leave it out for the public export."
        )
    return True
