"""Archived copies of sources in the admin: each attempt on the source's page, and an action
that archives the selected sources again (through the same service as the page's button)."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from annotations.admin.base import BulkOutcome, ReadOnlyInline
from annotations.models import ArchiveStatus, Source, SourceArchive
from annotations.services.archives import ARCHIVE_SOURCE, source_archive_request


class SourceArchiveInline(ReadOnlyInline):
    """Every archiving attempt of a source, newest first; a copy links to its page."""

    model = SourceArchive
    verbose_name = _("archived copy")
    verbose_name_plural = _("archived copies")
    fields = ("status", "archived", "sha256", "final_url", "error", "requested_by", "created_at")
    readonly_fields = fields
    ordering = ("-created_at", "-id")

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        # Whoever may see a source may see its copies: they are part of it.
        return request.user.has_perm("annotations.view_source")

    def get_queryset(self, request: HttpRequest) -> QuerySet[SourceArchive]:
        return super().get_queryset(request).defer("text").select_related("requested_by")

    @admin.display(description=_("archived on"))
    def archived(self, obj: SourceArchive) -> str:
        if obj.status != ArchiveStatus.ARCHIVED:
            return "–"
        return format_html(
            '<a href="{}">archived on {}</a>',
            reverse("source-archive", args=[obj.pk]),
            obj.fetched_at.strftime("%d %b %Y, %H:%M UTC"),
        )


@admin.action(description=_("Archive the selected sources' pages again"), permissions=["archive"])
def archive_again(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Source]):
    """Queue a new archived copy of each selected source; refusals are named one by one."""
    BulkOutcome().run(
        queryset, lambda source: source_archive_request(source=source, actor=request.user)
    ).report(request, verb=_("Archiving"), noun=(_("source"), _("sources")))


def has_archive_permission(modeladmin: admin.ModelAdmin, request: HttpRequest) -> bool:
    """Allow the action to whoever may archive a source (annotators and editors)."""
    return request.user.has_perm(ARCHIVE_SOURCE)
