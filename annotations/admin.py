"""Admin registrations: every write goes through the services, status never changes here."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from annotations.errors import ConflictError
from annotations.models import (
    Article,
    Claim,
    Comment,
    Correction,
    Evidence,
    Rating,
    RatingScale,
    ReviewEvent,
    Source,
    Verdict,
)
from annotations.services import article_build, article_update_metadata, claim_update
from annotations.services.articles import METADATA_FIELDS

admin.site.site_header = "Factcheck moderation"
admin.site.site_title = "Factcheck"


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by the workflow services: visible here, never edited here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ArticleImportForm(forms.ModelForm):
    """Add form: the text goes through the import service like any other import."""

    class Meta:
        model = Article
        fields = ("text", *METADATA_FIELDS)

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            self.instance = article_build(
                **{name: cleaned.get(name) or "" for name in ("text", *METADATA_FIELDS)}
            )
        except ValidationError as error:
            self._update_errors(error)
        return cleaned

    def _post_clean(self) -> None:
        # The service validated the instance it built; the default model validation would
        # re-check a half-filled instance.
        pass


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "publisher", "language", "published_at", "claim_count", "created_at")
    list_filter = ("language", "published_at", "created_at")
    search_fields = ("title", "url", "publisher", "author")
    date_hierarchy = "created_at"
    readonly_fields = ("text", "original_filename", "text_sha256", "created_by", "created_at")

    def get_fields(self, request: HttpRequest, obj: Article | None = None):
        if obj is None:
            return ("text", *METADATA_FIELDS)
        return (*METADATA_FIELDS, "text", "original_filename", "text_sha256", "created_by")

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None):
        return self.readonly_fields if obj is not None else ()

    def get_form(self, request: HttpRequest, obj: Article | None = None, **kwargs):
        if obj is None:
            kwargs["form"] = ArticleImportForm
        return super().get_form(request, obj, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).annotate(claim_total=Count("claims"))

    @admin.display(description="claims", ordering="claim_total")
    def claim_count(self, obj: Article) -> int:
        return obj.claim_total

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
            obj.save()
            return
        article_update_metadata(
            article=obj,
            actor=request.user,
            **{name: form.cleaned_data[name] for name in form.changed_data},
        )


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fields = ("source", "stance", "excerpt", "note", "added_by", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class VerdictInline(admin.TabularInline):
    model = Verdict
    fields = ("rating", "role", "explanation", "author", "is_final", "approved_by", "approved_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ReviewEventInline(admin.TabularInline):
    model = ReviewEvent
    fields = ("at", "actor", "action", "from_status", "to_status", "comment")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ClaimEditForm(forms.ModelForm):
    """Change form: carries the version the editor saw so a stale save is refused."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Claim
        fields = ("claim_text", "claimant", "claim_date")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    form = ClaimEditForm
    list_display = (
        "short_quote",
        "article",
        "status",
        "origin",
        "assignee",
        "checkworthiness",
        "updated_at",
    )
    list_filter = ("status", "origin", "created_at", "updated_at")
    search_fields = ("quote", "claim_text", "claimant", "article__title")
    list_select_related = ("article", "assignee")
    readonly_fields = (
        "article",
        "status",
        "start",
        "end",
        "quote",
        "prefix",
        "suffix",
        "origin",
        "checkworthiness",
        "reasons",
        "assignee",
        "researcher",
        "version",
        "published_at",
        "created_by",
        "created_at",
    )
    fieldsets = (
        (None, {"fields": ("article", "status", "quote", "claim_text", "claimant", "claim_date")}),
        ("Anchor", {"fields": ("start", "end", "prefix", "suffix")}),
        (
            "Workflow",
            {
                "fields": (
                    "origin",
                    "checkworthiness",
                    "reasons",
                    "assignee",
                    "researcher",
                    "version",
                    "published_at",
                    "created_by",
                    "created_at",
                    "seen_version",
                )
            },
        ),
    )
    inlines = (EvidenceInline, VerdictInline, ReviewEventInline)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Claims are anchored to a selection of text; they are made in the workspace or API.
        return False

    @admin.display(description="quote", ordering="quote")
    def short_quote(self, obj: Claim) -> str:
        return obj.quote if len(obj.quote) <= 70 else obj.quote[:69] + "…"

    def save_model(self, request: HttpRequest, obj: Claim, form, change: bool) -> None:
        changes = {
            name: form.cleaned_data[name] for name in form.changed_data if name != "seen_version"
        }
        try:
            claim_update(
                claim=obj,
                actor=request.user,
                expected_version=form.cleaned_data["seen_version"],
                **changes,
            )
        except (ConflictError, ValidationError) as error:
            text = error.message if isinstance(error, ConflictError) else "; ".join(error.messages)
            messages.error(request, f"Not saved: {text}")


@admin.register(Source)
class SourceAdmin(ReadOnlyAdmin):
    list_display = ("title", "publisher", "kind", "url", "published_at")
    list_filter = ("kind",)
    search_fields = ("title", "url", "publisher")


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin, ReadOnlyAdmin):
    list_display = ("claim", "source", "stance", "added_by", "created_at")
    list_filter = ("stance",)
    search_fields = ("claim__quote", "source__title", "excerpt", "note")
    list_select_related = ("claim", "source", "added_by")


class RatingInline(admin.TabularInline):
    model = Rating
    fields = ("order", "slug", "label", "value", "colour", "description", "retired")
    extra = 0


@admin.register(RatingScale)
class RatingScaleAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "best_rating", "worst_rating", "is_default", "blind_review")
    search_fields = ("name", "slug")
    inlines = (RatingInline,)


@admin.register(Verdict)
class VerdictAdmin(SimpleHistoryAdmin, ReadOnlyAdmin):
    list_display = ("claim", "rating", "role", "author", "is_final", "created_at")
    list_filter = ("role", "is_final", "rating")
    search_fields = ("claim__quote", "explanation")
    list_select_related = ("claim", "rating", "author")


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "claim", "actor", "action", "from_status", "to_status")
    list_filter = ("action", "to_status", "at")
    search_fields = ("claim__quote", "comment", "actor__username")
    list_select_related = ("claim", "actor")
    date_hierarchy = "at"


@admin.register(Correction)
class CorrectionAdmin(ReadOnlyAdmin):
    list_display = ("claim", "note", "author", "created_at")
    search_fields = ("note", "claim__quote")
    list_select_related = ("claim", "author")


@admin.register(Comment)
class CommentAdmin(SimpleHistoryAdmin, ReadOnlyAdmin):
    list_display = ("claim", "author", "text", "hidden", "created_at")
    list_filter = ("hidden", "created_at")
    search_fields = ("text", "claim__quote", "author__username")
    list_select_related = ("claim", "author")
