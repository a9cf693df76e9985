"""Articles in the admin: import, edit metadata, see claims by status, split into candidates."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from annotations.admin.article_import import ImportFromUrlMixin
from annotations.admin.base import BulkOutcome
from annotations.admin.claims import status_badge
from annotations.admin.filters import ArticlePublisherFilter, DateRangeFilter, YesNoFilter
from annotations.models import Article, ClaimStatus
from annotations.selectors import with_claim_counts
from annotations.services import (
    SplitResult,
    article_build,
    article_create,
    article_update_metadata,
    claims_split,
)
from annotations.services.articles import METADATA_FIELDS


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


class HasClaimsFilter(YesNoFilter):
    title = _("claims")
    parameter_name = "has_claims"
    answers = (_("Has claims"), _("Not split yet"))

    def condition(self) -> Q:
        # The list annotates each article with its claim count (`with_claim_counts`).
        return Q(claims_total__gt=0)


@admin.register(Article)
class ArticleAdmin(ImportFromUrlMixin, admin.ModelAdmin):
    list_display = (
        "title_display",
        "publisher",
        "language",
        "published_at",
        "claim_total",
        "claims_by_status",
        "created_at",
    )
    list_display_links = ("title_display",)
    list_filter = (
        HasClaimsFilter,
        ArticlePublisherFilter,
        "language",
        ("published_at", DateRangeFilter),
        ("created_at", DateRangeFilter),
    )
    search_fields = ("title", "url", "publisher", "author")
    search_help_text = _("Search the title, URL, publisher and author.")
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")
    show_full_result_count = False
    readonly_fields = ("text", "original_filename", "text_sha256", "created_by", "created_at")
    actions = ("split", "resplit")

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
        articles = super().get_queryset(request)
        match = request.resolver_match
        if match is not None and match.url_name and match.url_name.endswith("_changelist"):
            return with_claim_counts(articles)
        return articles

    @admin.display(description=_("title"), ordering="title")
    def title_display(self, obj: Article) -> str:
        return obj.title or f"Article {obj.pk}"

    @admin.display(description=_("claims"), ordering="claims_total")
    def claim_total(self, obj: Article) -> str:
        url = reverse("admin:annotations_claim_changelist")
        return format_html(
            '<a href="{}?article__id__exact={}">{}</a>', url, obj.pk, obj.claims_total
        )

    @admin.display(description=_("by status"))
    def claims_by_status(self, obj: Article) -> str:
        url = reverse("admin:annotations_claim_changelist")
        counts = [
            (status, label, getattr(obj, f"claims_{status}"))
            for status, label in ClaimStatus.choices
        ]
        return (
            format_html_join(
                " ",
                '<a href="{}?article__id__exact={}&amp;status__exact={}" title="{}">{} {}</a>',
                (
                    (url, obj.pk, status, label, count, status_badge(status, label.lower()))
                    for status, label, count in counts
                    if count
                ),
            )
            or "–"
        )

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        if not change:
            # The form's clean() built the article with article_build and put its errors on
            # the fields, as the import page does; the service saves it.
            article_create(article=obj, actor=request.user)
            return
        article_update_metadata(
            article=obj,
            actor=request.user,
            **{name: form.cleaned_data[name] for name in form.changed_data},
        )

    # Splitting: the splitting service never replaces claims someone has worked on.

    def has_split_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("annotations.add_claim")

    @admin.action(description=_("Split into candidate claims"), permissions=["split"])
    def split(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        self._split(request, queryset, first_time=True)

    @admin.action(description=_("Re-split (keeps claims anyone worked on)"), permissions=["split"])
    def resplit(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        self._split(request, queryset, first_time=False)

    def _split(self, request: HttpRequest, queryset: QuerySet[Article], *, first_time: bool):
        total = SplitResult()
        ids = list(queryset.values_list("pk", flat=True))
        articles = list(Article.objects.filter(pk__in=ids).order_by("pk"))
        with_claims = set(
            Article.objects.filter(pk__in=ids, claims__isnull=False)
            .values_list("pk", flat=True)
            .distinct()
        )

        def split_one(article: Article) -> None:
            if first_time and article.pk in with_claims:
                raise ValidationError(
                    _("It already has claims; use “Re-split” to look for new candidates.")
                )
            result = claims_split(article=article, actor=request.user)
            total.created += result.created
            total.rescored += result.rescored
            total.removed += result.removed
            total.kept += result.kept

        outcome = BulkOutcome().run(articles, split_one)
        outcome.report(
            request,
            verb=_("Split") if first_time else _("Re-split"),
            noun=(_("article"), _("articles")),
            name=lambda article: f"“{article.title or article.pk}” (article {article.pk})",
        )
        if outcome.done:
            messages.info(
                request,
                (
                    _(
                        "%(count)s new candidates, %(rescored)s rescored, %(removed)s "
                        "removed, %(kept)s claims kept as they were."
                    )
                    % {
                        "count": len(total.created),
                        "rescored": total.rescored,
                        "removed": total.removed,
                        "kept": total.kept,
                    }
                ),
            )
