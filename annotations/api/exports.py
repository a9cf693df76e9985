"""The export endpoint: published claims streamed in our format, ClaimReview or W3C.

Anyone may read the public export; `include=internal` (usernames, review history, evidence
notes) is for signed-in members of the desk only.
"""

import datetime

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from annotations.api.filters import MAX_ID, in_utc
from annotations.exports.claimreview import public_base
from annotations.exports.stream import CONTENT_TYPES, EXTENSIONS, FORMATS, export_stream
from annotations.permissions import VIEW_REVIEW_HISTORY, user_can_see_internal_history
from annotations.tagging import MAX_TAG_LENGTH, normalize_tag

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
        raise ValidationError(
            {field: (_("%(value)r is not an ISO-8601 date or date-time.") % {"value": value})}
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return in_utc(moment, field=field)


def parse_article(value: str | None, *, field: str = "article") -> int | None:
    """Parse an article id, or raise ValidationError naming the field."""
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or not 0 < int(value) <= MAX_ID:
        raise ValidationError(
            {field: (_("%(value)r is not an article id.") % {"value": value[:40]})}
        )
    return int(value)


def parse_tag(value: str | None, *, field: str = "tag") -> str | None:
    """Return the tag normalised as stored, or raise ValidationError naming the field."""
    if not value:
        return None
    tag = normalize_tag(value)
    if not tag or len(tag) > MAX_TAG_LENGTH:
        raise ValidationError(
            {
                field: (
                    _("A tag has 1 to %(max_tag_length)s characters.")
                    % {"max_tag_length": MAX_TAG_LENGTH}
                )
            }
        )
    return tag


class ClaimExportView(APIView):
    permission_classes = [AllowAny]
    # An export reads every published claim: a stricter rate than other requests.
    throttle_scope = "export"

    @extend_schema(
        summary=_("Export published claims (streamed)"),
        description=_(
            "`json`: one document with `schema_version` and `claims` (JSON Schema in "
            "docs/export.schema.json); `jsonl`: one record per line; `claimreview`: a JSON "
            "array of schema.org ClaimReview objects; `w3c`: a JSON array of W3C Web "
            "Annotations; `csv`: a header row and one row per claim with the flat fields of "
            "`json` (UTF-8; cells that a spreadsheet would run as a formula start with `'`). "
            "`since` keeps claims changed at or after that moment, `article` that article's "
            "claims, `tag` the claims with that tag. Public URLs are under "
            "FACTCHECK_PUBLIC_BASE_URL, or this request's host when it is unset. The export "
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
            OpenApiParameter("article", int, required=False),
            OpenApiParameter("tag", str, required=False),
            OpenApiParameter(
                "include",
                str,
                enum=list(INCLUDE_CHOICES),
                required=False,
                description=format_lazy(
                    _("`internal`: the desk's export (needs {permission})."),
                    permission=VIEW_REVIEW_HISTORY,
                ),
            ),
        ],
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "application/x-ndjson"): OpenApiTypes.STR,
            (200, "application/ld+json"): OpenApiTypes.ANY,
            (200, "text/csv"): OpenApiTypes.STR,
            400: OpenApiResponse(
                description=_("Unknown format or include, or bad since, article or tag.")
            ),
            403: OpenApiResponse(description=_("include=internal asked by someone not allowed.")),
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        fmt = request.query_params.get("format", "json")
        if fmt not in FORMATS:
            raise ValidationError(
                {
                    "format": (
                        _("Use one of %(join)s, not %(fmt)r.")
                        % {"join": ", ".join(FORMATS), "fmt": fmt}
                    )
                }
            )
        since = parse_since(request.query_params.get("since"))
        article = parse_article(request.query_params.get("article"))
        tag = parse_tag(request.query_params.get("tag"))
        internal = _wants_internal(request)
        response = StreamingHttpResponse(
            export_stream(
                fmt,
                since=since,
                article=article,
                tag=tag,
                internal=internal,
                base=public_base(request),
            ),
            content_type=CONTENT_TYPES[fmt] + "; charset=utf-8",
        )
        name = f"claims-{fmt}-internal" if internal else f"claims-{fmt}"
        # A spreadsheet is saved, not shown; the JSON formats open in the browser.
        disposition = "attachment" if fmt == "csv" else "inline"
        response["Content-Disposition"] = (
            f'{disposition}; filename="{name}.{EXTENSIONS.get(fmt, "jsonld")}"'
        )
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
        raise ValidationError(
            {
                "include": (
                    _("Use %(choices)s or leave it out, not %(include)r.")
                    % {"choices": choices, "include": include[:40]}
                )
            }
        )
    if not user_can_see_internal_history(request.user):
        raise PermissionDenied(
            _(
                "include=internal is for signed-in members of the desk (it needs "
                "%(view_review_history)s); leave it out for the public export."
            )
            % {"view_review_history": VIEW_REVIEW_HISTORY}
        )
    return True
