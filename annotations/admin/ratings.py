"""Rating scales and verdicts in the admin: a rating in use is retired, never deleted."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.formsets import DELETION_FIELD_NAME
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from annotations.admin.base import ReadOnlyAdmin
from annotations.admin.history import ReadOnlyHistoryAdmin
from annotations.models import Rating, RatingScale, Verdict
from annotations.rating_labels import shipped_text
from annotations.selectors import verdicts_unsealed
from annotations.services.ratings import (
    rating_delete,
    rating_deletion_refusal,
    rating_save,
    rating_scale_save,
)


class RatingForm(forms.ModelForm):
    """Refuse to delete a rating that verdicts use, and say what to do instead."""

    class Meta:
        model = Rating
        fields = ("order", "slug", "label", "value", "colour", "description", "retired")

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get(DELETION_FIELD_NAME):
            refusal = rating_deletion_refusal(self.instance)
            if refusal:
                # Leave DELETE off so the admin's own protected-objects check stays quiet.
                cleaned[DELETION_FIELD_NAME] = False
                raise ValidationError(refusal)
        return cleaned


class RatingInline(admin.TabularInline):
    model = Rating
    form = RatingForm
    fields = ("order", "slug", "label", "value", "colour", "description", "retired")
    extra = 0


@admin.register(RatingScale)
class RatingScaleAdmin(admin.ModelAdmin):
    list_display = (
        "shown_name",
        "slug",
        "best_rating",
        "worst_rating",
        "is_default",
        "blind_review",
    )
    search_fields = ("name", "slug")
    inlines = (RatingInline,)

    @admin.display(description=_("name"), ordering="name")
    def shown_name(self, scale: RatingScale) -> str:
        return shipped_text(scale.name)

    def save_model(self, request: HttpRequest, obj: RatingScale, form, change: bool) -> None:
        rating_scale_save(scale=obj, actor=request.user)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        # Each rating through the service, so the admin keeps the same rules as any caller.
        for rating in formset.save(commit=False):
            rating_save(rating=rating, actor=request.user)
        for rating in formset.deleted_objects:
            rating_delete(rating=rating, actor=request.user)


@admin.register(Verdict)
class VerdictAdmin(ReadOnlyHistoryAdmin, ReadOnlyAdmin):
    list_display = ("claim", "shown_rating", "role", "author", "is_final", "created_at")
    list_filter = ("role", "is_final", "rating")
    search_fields = ("claim__quote", "explanation")
    list_select_related = ("claim", "rating", "author")

    @admin.display(description=_("rating"), ordering="rating__order")
    def shown_rating(self, verdict: Verdict) -> str:
        return shipped_text(verdict.rating.label)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Verdict]:
        return verdicts_unsealed(super().get_queryset(request), user=request.user)
