"""Sources and evidence in the admin: read-only, since citing goes through the services."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from annotations.admin.archives import SourceArchiveInline, archive_again, has_archive_permission
from annotations.admin.base import ReadOnlyAdmin, ReadOnlyInline
from annotations.admin.claims import short_text
from annotations.admin.filters import DateRangeFilter
from annotations.admin.history import ReadOnlyHistoryAdmin
from annotations.models import Evidence, Source
from annotations.selectors import source_admin_list


class CitingEvidenceInline(ReadOnlyInline):
    """The claims citing a source, with the stance and passage each relies on."""

    model = Evidence
    verbose_name = _("claim citing this source")
    verbose_name_plural = _("claims citing this source")
    fields = ("claim_link", "stance", "excerpt", "added_by", "created_at")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Evidence]:
        return super().get_queryset(request).select_related("claim", "added_by")

    @admin.display(description=_("claim"))
    def claim_link(self, obj: Evidence) -> str:
        url = reverse("admin:annotations_claim_change", args=[obj.claim_id])
        return format_html(
            '<a href="{}">{}</a> ({})',
            url,
            short_text(obj.claim.quote),
            obj.claim.get_status_display().lower(),
        )


@admin.register(Source)
class SourceAdmin(ReadOnlyAdmin):
    list_display = ("title", "publisher", "kind", "normalized_url", "claims_citing", "published_at")
    list_filter = ("kind", ("published_at", DateRangeFilter), ("created_at", DateRangeFilter))
    search_fields = ("title", "url", "normalized_url", "publisher")
    search_help_text = _(
        "Search the title, the URL as given or normalised (one source per normalised URL), "
        "and the publisher."
    )
    fields = ("title", "url", "normalized_url", "publisher", "published_at", "kind", "created_by")
    ordering = ("title", "id")
    show_full_result_count = False
    inlines = (CitingEvidenceInline, SourceArchiveInline)
    actions = (archive_again,)
    has_archive_permission = has_archive_permission

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        return source_admin_list(super().get_queryset(request))

    @admin.display(description=_("claims citing it"), ordering="claims_citing")
    def claims_citing(self, obj: Source) -> str:
        url = reverse("admin:annotations_evidence_changelist")
        return format_html(
            '<a href="{}?source__id__exact={}">{}</a>', url, obj.pk, obj.claims_citing
        )


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyHistoryAdmin, ReadOnlyAdmin):
    list_display = ("claim", "source", "stance", "added_by", "created_at")
    list_filter = ("stance", ("created_at", DateRangeFilter))
    search_fields = ("claim__quote", "source__title", "source__normalized_url", "excerpt", "note")
    list_select_related = ("claim", "source", "added_by")
