"""The review trail in the admin: events and corrections read-only, comments moderated."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from annotations.admin.base import BulkOutcome, ReadOnlyAdmin
from annotations.admin.claims import short_text
from annotations.admin.filters import DateRangeFilter
from annotations.admin.history import ReadOnlyHistoryAdmin
from annotations.models import Comment, Correction, ReviewEvent
from annotations.permissions import user_can_moderate
from annotations.services import comment_hide, comment_unhide


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "claim", "actor", "action", "from_status", "to_status")
    list_filter = ("action", "to_status", ("at", DateRangeFilter))
    search_fields = ("claim__quote", "comment", "actor__username")
    list_select_related = ("claim", "actor")
    date_hierarchy = "at"


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdmin):
    list_display = ("claim", "note", "author", "created_at")
    search_fields = ("note", "claim__quote")
    list_select_related = ("claim", "author")


@admin.register(Comment)
class CommentAdmin(ReadOnlyHistoryAdmin, ReadOnlyAdmin):
    """Comments are hidden and shown again, never deleted; the history keeps who and when."""

    list_display = ("short_text", "claim", "author", "hidden", "hidden_by", "created_at")
    list_filter = ("hidden", ("created_at", DateRangeFilter))
    search_fields = ("text", "claim__quote", "author__username")
    list_select_related = ("claim", "author", "hidden_by")
    actions = ("hide", "unhide")

    @admin.display(description=_("comment"), ordering="text")
    def short_text(self, obj: Comment) -> str:
        return short_text(obj.text, 80)

    def has_moderate_permission(self, request: HttpRequest) -> bool:
        return user_can_moderate(request.user)

    @admin.action(description=_("Hide from the discussion"), permissions=["moderate"])
    def hide(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._moderate(request, queryset, comment_hide, "Hid")

    @admin.action(description=_("Show again"), permissions=["moderate"])
    def unhide(self, request: HttpRequest, queryset: QuerySet[Comment]) -> None:
        self._moderate(request, queryset, comment_unhide, _("Showed again"))

    def _moderate(self, request: HttpRequest, queryset: QuerySet[Comment], service, verb: str):
        outcome = BulkOutcome().run(
            list(queryset.order_by("pk")),
            lambda comment: service(comment=comment, actor=request.user),
        )
        outcome.report(
            request,
            verb=verb,
            noun=(_("comment"), _("comments")),
            name=lambda comment: f"“{short_text(comment.text, 40)}” (comment {comment.pk})",
        )
