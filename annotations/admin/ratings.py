"""Rating scales and verdicts in the admin: a rating in use is retired, never deleted."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.formsets import DELETION_FIELD_NAME
from django.http import HttpRequest

from annotations.admin.base import ReadOnlyAdmin
from annotations.admin.history import ReadOnlyHistoryAdmin
from annotations.models import Rating, RatingScale, Verdict
from annotations.selectors import verdicts_unsealed


class RatingForm(forms.ModelForm):
    """Refuse to delete a rating that verdicts use, and say what to do instead."""

    class Meta:
        model = Rating
        fields = ("order", "slug", "label", "value", "colour", "description", "retired")

    def clean(self) -> dict:
        cleaned = super().clean()
        rating = self.instance
        if cleaned.get(DELETION_FIELD_NAME) and rating.pk is not None:
            used = Verdict.objects.filter(rating=rating).count()
            if used:
                # Leave DELETE off so the admin's own protected-objects check stays quiet.
                cleaned[DELETION_FIELD_NAME] = False
                raise ValidationError(
                    f"The rating “{rating.label}” is used by {used} "
                    f"verdict{'s' if used != 1 else ''}, so it cannot be deleted: published "
                    "fact-checks still show it. Tick “retired” instead to stop offering it."
                )
        return cleaned


class RatingInline(admin.TabularInline):
    model = Rating
    form = RatingForm
    fields = ("order", "slug", "label", "value", "colour", "description", "retired")
    extra = 0


@admin.register(RatingScale)
class RatingScaleAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "best_rating", "worst_rating", "is_default", "blind_review")
    search_fields = ("name", "slug")
    inlines = (RatingInline,)


@admin.register(Verdict)
class VerdictAdmin(ReadOnlyHistoryAdmin, ReadOnlyAdmin):
    list_display = ("claim", "rating", "role", "author", "is_final", "created_at")
    list_filter = ("role", "is_final", "rating")
    search_fields = ("claim__quote", "explanation")
    list_select_related = ("claim", "rating", "author")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Verdict]:
        return verdicts_unsealed(super().get_queryset(request), user=request.user)
