"""The claims admin's export actions: the selected published claims as a download."""

from collections.abc import Iterator

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from annotations.exports.stream import CONTENT_TYPES, export_stream
from annotations.models import Claim, ClaimStatus
from annotations.permissions import user_can_see_internal_history

# Claims named in the message when an export leaves unpublished ones out.
NAMED_LEFT_OUT = 10


class ClaimExportActions:
    """Export actions for the claims admin (needs `has_view_permission`)."""

    def has_export_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    @admin.action(description=_("Export selected as JSON (published only)"), permissions=["export"])
    def export_json(self, request: HttpRequest, queryset: QuerySet[Claim]):
        ids = self._published_ids(request, queryset)
        if not ids:
            return None
        # The desk's own export: usernames, review history and notes, for those who may read them.
        internal = user_can_see_internal_history(request.user)
        return _download(
            export_stream("json", ids=ids, internal=internal), "claims.json", CONTENT_TYPES["json"]
        )

    @admin.action(
        description=_("Export selected as ClaimReview (published only)"), permissions=["export"]
    )
    def export_claimreview(self, request: HttpRequest, queryset: QuerySet[Claim]):
        ids = self._published_ids(request, queryset)
        if not ids:
            return None
        return _download(
            export_stream("claimreview", ids=ids), "claimreview.json", CONTENT_TYPES["claimreview"]
        )

    def _published_ids(self, request: HttpRequest, queryset: QuerySet[Claim]) -> list[int]:
        """Return the selected published claims; report the others, which exports leave out."""
        rows = queryset.order_by("pk").values_list("pk", "status")
        ids = [pk for pk, status in rows if status == ClaimStatus.PUBLISHED]
        left_out = [pk for pk, status in rows if status != ClaimStatus.PUBLISHED]
        if not ids:
            messages.error(
                request,
                _(
                    "Nothing exported: none of the selected claims is published, and "
                    "exports hold published fact-checks only."
                ),
            )
        elif left_out:
            # A selection across pages may leave out thousands: name the first few.
            named = queryset.filter(pk__in=left_out[:NAMED_LEFT_OUT]).order_by("pk")
            names = ", ".join(
                f"“{_short(text)}” (claim {pk})"
                for pk, text in named.values_list("pk", "claim_text")
            )
            more = len(left_out) - NAMED_LEFT_OUT
            exported = ngettext(
                "Exported %(n)d published claim", "Exported %(n)d published claims", len(ids)
            ) % {"n": len(ids)}
            skipped = ngettext(
                "left out %(n)d that is not published",
                "left out %(n)d that are not published",
                len(left_out),
            ) % {"n": len(left_out)}
            messages.warning(
                request,
                f"{exported}; {skipped}: {names}{f' and {more} more' if more > 0 else ''}.",
            )
        return ids

    @admin.action(description=_("Export selected as CSV (published only)"), permissions=["export"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Claim]):
        ids = self._published_ids(request, queryset)
        if not ids:
            return None
        return _download(export_stream("csv", ids=ids), "claims.csv", CONTENT_TYPES["csv"])


def _short(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _download(parts: Iterator[str], filename: str, content_type: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(parts, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
