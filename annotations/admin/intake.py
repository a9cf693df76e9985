"""Feeds and jobs in the admin: read-only, with each feed's health and a "poll now" action.

Feeds are subscribed with `add_feed` (which fetches the feed to check it); here an editor sees
which feeds fail, why (the last error) and when each is polled next, and can poll one now.
"""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from annotations.admin.base import ReadOnlyAdmin, ReadOnlyInline
from annotations.models import Feed, FeedEntry, Job, JobItem
from annotations.services.feeds import feed_poll


class FeedEntryInline(ReadOnlyInline):
    model = FeedEntry
    fields = ("seen_at", "title", "url", "article")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[FeedEntry]:
        return super().get_queryset(request).select_related("article")


@admin.register(Feed)
class FeedAdmin(ReadOnlyAdmin):
    list_display = (
        "__str__",
        "health",
        "consecutive_failures",
        "short_error",
        "last_polled_at",
        "next_poll_at",
        "interval_minutes",
        "active",
    )
    list_filter = ("active",)
    search_fields = ("title", "url")
    ordering = ("-consecutive_failures", "next_poll_at")
    actions = ("poll_now",)
    fields = (
        "url",
        "title",
        "language",
        "interval_minutes",
        "active",
        "consecutive_failures",
        "last_error",
        "last_error_at",
        "last_polled_at",
        "next_poll_at",
        "etag",
        "last_modified",
        "created_by",
        "created_at",
    )
    readonly_fields = fields
    inlines = (FeedEntryInline,)

    @admin.display(description=_("status"))
    def health(self, feed: Feed) -> str:
        if not feed.active:
            return _("paused")
        return _("failing") if feed.consecutive_failures else _("ok")

    @admin.display(description=_("last error"))
    def short_error(self, feed: Feed) -> str:
        return feed.last_error[:120] if feed.consecutive_failures else ""

    @admin.action(description=_("Poll the selected feeds now"))
    def poll_now(self, request: HttpRequest, queryset: QuerySet[Feed]) -> None:
        for feed in queryset:
            result = feed_poll(feed_id=feed.pk)
            if result.error:
                self.message_user(request, f"{feed}: {result.error}", messages.ERROR)
            elif result.not_modified:
                self.message_user(request, _("%(feed)s: not modified.") % {"feed": feed})
            else:
                self.message_user(
                    request,
                    _("%(feed)s: %(count)s new entries.")
                    % {"feed": feed, "count": result.new_entries},
                )


class JobItemInline(ReadOnlyInline):
    model = JobItem
    fields = ("position", "url", "status", "message", "article", "attempts")
    readonly_fields = fields


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = (
        "__str__",
        "kind",
        "status",
        "done",
        "failed",
        "total",
        "created_by",
        "created_at",
    )
    list_filter = ("kind", "status")
    list_select_related = ("created_by", "feed")
    fields = (
        "kind",
        "status",
        "done",
        "failed",
        "total",
        "feed",
        "options",
        "created_by",
        "created_at",
        "started_at",
        "finished_at",
    )
    readonly_fields = fields
    inlines = (JobItemInline,)
