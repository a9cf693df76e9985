"""Claim filters of the API, including full-text search (PostgreSQL) with a SQLite fallback."""

import datetime
from functools import reduce
from operator import and_

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework import filters
from rest_framework.exceptions import ValidationError

from annotations.models import Claim, ClaimOrigin, ClaimStatus
from annotations.search import MAX_SEARCH_LENGTH, search_length_error
from annotations.tagging import MAX_TAG_LENGTH, normalize_tag

# The largest id a PostgreSQL bigint (and an SQLite integer) holds.
MAX_ID = 2**63 - 1


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, skipped when the request names none of the view's filters.

    With no filter parameter every filter leaves the rows as they are, so building and
    validating the filter form would only cost time on the API's busiest lists.
    """

    def filter_queryset(self, request, queryset: QuerySet, view) -> QuerySet:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not any(
            parameter.startswith(name)
            for parameter in request.query_params
            for name in filterset_class.base_filters
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)


class SearchFilter(filters.SearchFilter):
    """DRF's `search`, refusing a query longer than the pages' searches allow."""

    def get_search_terms(self, request) -> list[str]:
        message = search_length_error(request.query_params.get(self.search_param, ""))
        if message:
            raise ValidationError({self.search_param: [message]})
        return super().get_search_terms(request)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter.get("name") == self.search_param:
                parameter["schema"] = {
                    **parameter.get("schema", {}),
                    "maxLength": MAX_SEARCH_LENGTH,
                }
        return parameters


def search_claims(queryset: QuerySet[Claim], query: str) -> QuerySet[Claim]:
    """Filter claims whose quote, claim text or claimant match every word of the query."""
    query = query.strip()
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        from annotations.search import SEARCH_CONFIG, claim_search_vector

        return queryset.annotate(search=claim_search_vector()).filter(
            search=SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        )
    words = query.split()
    return queryset.filter(
        reduce(
            and_,
            (
                Q(quote__icontains=w) | Q(claim_text__icontains=w) | Q(claimant__icontains=w)
                for w in words
            ),
        )
    )


def in_utc(moment: datetime.datetime, *, field: str) -> datetime.datetime:
    """Return the moment in UTC, or raise ValidationError naming the field when UTC cannot hold it.

    ISO 8601 allows offsets PostgreSQL refuses (beyond ±15:59) and moments that leave the years
    1 to 9999 once moved to UTC: a 400 instead of a 500 from the database or the conversion.
    """
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError:
        raise ValidationError(
            {
                field: [
                    (
                        _("%(isoformat)s is outside the years 1 to 9999 once moved to UTC.")
                        % {"isoformat": moment.isoformat()}
                    )
                ]
            }
        ) from None


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """An object's id."""

    field_class = forms.IntegerField


@extend_schema_field({"type": "number", "minimum": 0, "maximum": 1})
class ScoreFilter(django_filters.NumberFilter):
    """A check-worthiness score, from 0 to 1."""


# An empty value (as a form sends it) means no filter, so the schema allows it.
@extend_schema_field({"type": "string", "anyOf": [{"format": "date-time"}, {"maxLength": 0}]})
class SinceFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 date-time, or empty for none."""

    def __init__(self, *args, query_name: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.query_name = query_name

    def filter(self, qs: QuerySet, value: datetime.datetime | None) -> QuerySet:
        if value:
            value = in_utc(value, field=self.query_name)
        return super().filter(qs, value)


class ClaimFilter(django_filters.FilterSet):
    # Bounded: a number past the database's integer range is a 400, not an overflow (500).
    article = IdFilter(
        field_name="article_id", min_value=1, max_value=MAX_ID, help_text=_("Article id.")
    )
    status = django_filters.MultipleChoiceFilter(choices=ClaimStatus.choices)
    origin = django_filters.ChoiceFilter(choices=ClaimOrigin.choices)
    assignee = django_filters.CharFilter(
        field_name=f"assignee__{get_user_model().USERNAME_FIELD}",
        method="filter_assignee",
        help_text=_("Username (signed-in readers only)."),
    )
    rating = django_filters.CharFilter(
        method="filter_rating", help_text=_("Slug of the claim's final verdict's rating.")
    )
    tag = django_filters.CharFilter(
        method="filter_tag",
        max_length=MAX_TAG_LENGTH * 2,
        help_text=_("A tag (compared as stored: trimmed, lower case)."),
    )
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=MAX_SEARCH_LENGTH,
        help_text=_("Words in quote, text, claimant."),
    )
    checkworthiness_min = ScoreFilter(
        field_name="checkworthiness", lookup_expr="gte", min_value=0, max_value=1
    )
    checkworthiness_max = ScoreFilter(
        field_name="checkworthiness", lookup_expr="lte", min_value=0, max_value=1
    )
    updated_since = SinceFilter(
        field_name="updated_at", lookup_expr="gte", query_name="updated_since"
    )

    class Meta:
        model = Claim
        fields = ()

    def filter_assignee(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        # Usernames are login names: anonymous readers may not test which ones exist.
        if self.request is not None and not self.request.user.is_authenticated:
            raise ValidationError(
                {"assignee": _("Filtering by assignee needs sign-in; public output names no one.")}
            )
        return queryset.filter(**{name: value})

    def filter_rating(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        return queryset.filter(verdicts__is_final=True, verdicts__rating__slug=value)

    def filter_tag(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        return queryset.filter(tags__name=normalize_tag(value))

    def filter_q(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        return search_claims(queryset, value)
