"""List filters for the moderation admin: verdicts, publishers, evidence, autocomplete and
date ranges."""

import datetime
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from rangefilter.filters import DateRangeQuickSelectListFilter

from annotations.models import Article, Claim, Evidence, Rating, Verdict
from annotations.rating_labels import shipped_text

NONE = "none"


class FinalVerdictFilter(admin.SimpleListFilter):
    """Filter claims by the rating of their final verdict, or by having none."""

    title = _("verdict")
    parameter_name = "verdict"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        ratings = Rating.objects.select_related("scale").order_by("scale__name", "order", "id")
        several_scales = len({rating.scale_id for rating in ratings}) > 1
        choices = [
            (
                str(rating.pk),
                f"{shipped_text(rating.scale.name)}: {shipped_text(rating.label)}"
                if several_scales
                else shipped_text(rating.label),
            )
            for rating in ratings
        ]
        return [*choices, (NONE, _("No final verdict"))]

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

    title = _("publisher")
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


class YesNoFilter(admin.SimpleListFilter):
    """Filter on a yes-or-no question: the rows where `condition()` holds, or the others."""

    # The labels of the two choices: yes, then no.
    answers: tuple[str, str] = ("", "")

    def condition(self) -> Q | Exists:
        raise NotImplementedError

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        yes, no = self.answers
        return [("yes", yes), ("no", no)]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(self.condition())
        if self.value() == "no":
            return queryset.filter(~self.condition())
        return queryset


class HasEvidenceFilter(YesNoFilter):
    """Filter claims by whether any evidence is cited for them."""

    title = _("evidence")
    parameter_name = "has_evidence"
    answers = (_("Has evidence"), _("No evidence"))

    def condition(self) -> Exists:
        return Exists(Evidence.objects.filter(claim=OuterRef("pk")))


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
    title = _("article")
    field_name = "article"


class AssigneeFilter(AutocompleteFilter):
    title = _("assignee")
    field_name = "assignee"
    none_label = "Nobody (unassigned)"


def autocomplete_media(admin_site) -> forms.Media:
    """Return the scripts and styles the autocomplete filters need on a list page."""
    return AutocompleteSelect(Claim._meta.get_field("assignee"), admin_site).media


class DateRangeFilter(DateRangeQuickSelectListFilter):
    """Filter a date or date-time column by a range of whole days, from and to inclusive.

    django-admin-rangefilter supplies the calendar widgets and keeps Django's presets (today,
    past 7 days, this month, this year, and no date / has date where the column may be empty);
    this subclass decides what a range means and what happens to bad input:

    - on a date-time column a day runs from midnight to midnight in the site's time zone, so a
      claim changed late in the evening of the last day is in the range;
    - either end may be left empty;
    - a malformed date, or a "from" after the "to", lists nothing and says what is wrong, both
      under the filter and as a message at the top of the page (the library would list every
      row, unfiltered, under the filter's error).
    """

    def _get_form_fields(self) -> dict[str, forms.Field]:
        fields = super()._get_form_fields()
        # The library sends "no date"/"has date" through a hidden form field, which an empty
        # range then submits as "has date"; those choices stay links, read in _lookups.
        fields.pop(getattr(self, "lookup_kwarg_isnull", None), None)
        for name, end in ((self.lookup_kwarg_gte, "from"), (self.lookup_kwarg_lte, "to")):
            fields[name].error_messages["invalid"] = _(
                "The “%(end)s” date is not a date: write it as YYYY-MM-DD or pick it from the "
                "calendar."
            ) % {"end": _("from") if end == "from" else _("to")}
        return fields

    def _get_form_class(self) -> type[forms.BaseForm]:
        library_form = super()._get_form_class()
        start_name, end_name = self.lookup_kwarg_gte, self.lookup_kwarg_lte

        class DayRangeForm(library_form):
            def clean(self) -> dict[str, Any]:
                cleaned = super().clean()
                start, end = cleaned.get(start_name), cleaned.get(end_name)
                if start and end and start > end:
                    raise ValidationError(
                        (
                            _(
                                "The “from” date (%(isoformat)s) is after the “to” date "
                                "(%(isoformat2)s)."
                            )
                            % {"isoformat": start.isoformat(), "isoformat2": end.isoformat()}
                        ),
                        code="reversed",
                    )
                return cleaned

        return DayRangeForm

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if not self.form.is_valid():
            if self.form.is_bound:
                self._report(request)
                return queryset.none()
            return queryset
        lookups = self._lookups(
            self.form.cleaned_data.get(self.lookup_kwarg_gte),
            self.form.cleaned_data.get(self.lookup_kwarg_lte),
            self.used_parameters.get(getattr(self, "lookup_kwarg_isnull", None)),
        )
        return queryset.filter(**lookups)

    def get_facet_counts(self, pk_attname: str, filtered_qs: QuerySet) -> dict[str, Count]:
        isnull = getattr(self, "lookup_kwarg_isnull", None)
        return {
            f"{index}__c": Count(
                pk_attname,
                filter=Q(
                    **self._lookups(
                        params.get(self.lookup_kwarg_gte),
                        params.get(self.lookup_kwarg_lte),
                        params.get(isnull),
                    )
                ),
            )
            for index, (_label, params) in enumerate(self.links)
        }

    def _lookups(
        self, start: datetime.date | None, end: datetime.date | None, isnull: bool | None
    ) -> dict[str, Any]:
        """Return the ORM lookups for the days from `start` to `end`, both included."""
        path = self.field_path
        if start is None and end is None:
            return {} if isnull is None else {f"{path}__isnull": isnull}
        if not isinstance(self.field, models.DateTimeField):
            bounds = {f"{path}__gte": start, f"{path}__lte": end}
        else:
            zone = self.get_timezone(self.request)
            after_end = (
                end + datetime.timedelta(days=1) if end and end < datetime.date.max else None
            )
            bounds = {
                f"{path}__gte": start and day_start(start, zone),
                f"{path}__lt": after_end and day_start(after_end, zone),
            }
        return {lookup: value for lookup, value in bounds.items() if value is not None}

    def _report(self, request: HttpRequest) -> None:
        # Only on the list page: an action posted from it redirects back to the list, which
        # says it. The counts beside the other filters run this filter again: say it once.
        if request.method != "GET":
            return
        reported = request.__dict__.setdefault("_date_range_reports", set())
        if self.field_path in reported:
            return
        reported.add(self.field_path)
        problems = " ".join(error for errors in self.form.errors.values() for error in errors)
        messages.error(
            request,
            (
                _(
                    "Filter “%(title)s”: %(problems)s Nothing is listed until the dates "
                    "are corrected."
                )
                % {"title": self.title, "problems": problems}
            ),
        )


def day_start(day: datetime.date, zone: datetime.tzinfo) -> datetime.datetime | None:
    """Return the first instant of `day` in `zone`, or None where it falls off the calendar
    (the first or last day of year 1 or 9999 in a zone far from UTC), so no bound is set."""
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    try:
        start.astimezone(datetime.UTC)
    except OverflowError:
        return None
    return start
