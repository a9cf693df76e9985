"""List filters for the moderation admin: verdicts, publishers, evidence and autocomplete."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Exists, Model, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.safestring import SafeString

from annotations.models import Article, Claim, Evidence, Rating, Verdict

NONE = "none"


class FinalVerdictFilter(admin.SimpleListFilter):
    """Filter claims by the rating of their final verdict, or by having none."""

    title = "verdict"
    parameter_name = "verdict"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        ratings = Rating.objects.select_related("scale").order_by("scale__name", "order", "id")
        several_scales = len({rating.scale_id for rating in ratings}) > 1
        choices = [
            (
                str(rating.pk),
                f"{rating.scale.name}: {rating.label}" if several_scales else rating.label,
            )
            for rating in ratings
        ]
        return [*choices, (NONE, "No final verdict")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        value = self.value()
        if not value:
            return queryset
        final = Verdict.objects.filter(claim=OuterRef("pk"), is_final=True)
        if value == NONE:
            return queryset.filter(~Exists(final))
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(Exists(final.filter(rating_id=int(value))))


class PublisherFilter(admin.SimpleListFilter):
    """Filter by the publisher of the article (of the claim, or the article itself)."""

    title = "publisher"
    parameter_name = "publisher"
    # The path from the listed model to the publisher column.
    field_path = "article__publisher"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        publishers = (
            Article.objects.exclude(publisher="")
            .order_by("publisher")
            .values_list("publisher", flat=True)
            .distinct()
        )
        return [(name, name) for name in publishers]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(**{self.field_path: self.value()})
        return queryset


class ArticlePublisherFilter(PublisherFilter):
    field_path = "publisher"


class HasEvidenceFilter(admin.SimpleListFilter):
    """Filter claims by whether any evidence is cited for them."""

    title = "evidence"
    parameter_name = "has_evidence"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [("yes", "Has evidence"), ("no", "No evidence")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        cited = Exists(Evidence.objects.filter(claim=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(cited)
        if self.value() == "no":
            return queryset.filter(~cited)
        return queryset


class AutocompleteFilter(admin.SimpleListFilter):
    """Filter on a foreign key chosen with the admin's autocomplete, for long lists of people
    or articles that a list of links would not fit.
    """

    template = "admin/annotations/autocomplete_filter.html"
    model: type[Model] = Claim
    field_name = ""
    none_label = ""

    def __init__(self, request: HttpRequest, params, model, model_admin) -> None:
        self.parameter_name = f"{self.field_name}__id__exact"
        super().__init__(request, params, model, model_admin)
        self.admin_site = model_admin.admin_site

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [(NONE, self.none_label)] if self.none_label else []

    def has_output(self) -> bool:
        return True

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if not value:
            return queryset
        if value == NONE:
            return queryset.filter(**{f"{self.field_name}__isnull": True})
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(**{f"{self.field_name}_id": int(value)})

    def widget_html(self) -> SafeString:
        """Render the autocomplete box, showing the current choice when there is one."""
        field = self.model._meta.get_field(self.field_name)
        value = self.value()
        chosen = value if value and value.isdigit() else None
        choice = forms.ModelChoiceField(
            queryset=field.remote_field.model._default_manager.all(),
            required=False,
            widget=AutocompleteSelect(
                field,
                self.admin_site,
                attrs={
                    "data-filter-parameter": self.parameter_name,
                    "data-placeholder": f"Any {self.title}",
                    "style": "width: 100%",
                },
            ),
        )
        return choice.widget.render(f"filter-{self.field_name}", chosen)


class ArticleFilter(AutocompleteFilter):
    title = "article"
    field_name = "article"


class AssigneeFilter(AutocompleteFilter):
    title = "assignee"
    field_name = "assignee"
    none_label = "Nobody (unassigned)"


def autocomplete_media(admin_site) -> forms.Media:
    """Return the scripts and styles the autocomplete filters need on a list page."""
    return AutocompleteSelect(Claim._meta.get_field("assignee"), admin_site).media
