"""Rating scales, their ratings, and the verdicts that apply them to claims."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from annotations.models.base import Timestamped, timestamped_history
from annotations.models.choices import VerdictRole
from annotations.models.fields import (
    choice_constraint,
    claim_reference,
    model_names,
    optional_reference,
    required_reference,
    user_reference,
)
from annotations.models.validation import LeanValidation
from annotations.rating_labels import shipped_text

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as #rrggbb.")


class RatingScale(LeanValidation):
    """A named set of ratings; `best_rating`/`worst_rating` bound ClaimReview's ratingValue."""

    name = models.CharField(max_length=100, unique=True, verbose_name=_("name"))
    slug = models.SlugField(max_length=50, unique=True, verbose_name=_("slug"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    best_rating = models.SmallIntegerField(default=5, verbose_name=_("best rating"))
    worst_rating = models.SmallIntegerField(default=1, verbose_name=_("worst rating"))
    is_default = models.BooleanField(default=False, verbose_name=_("is default"))
    blind_review = models.BooleanField(
        default=False,
        help_text=_("Claims rated on this scale need two independent reviewer verdicts."),
        verbose_name=_("blind review"),
    )

    class Meta(model_names(_("rating scale"), _("rating scales"))):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="rating_scale_one_default"
            ),
            models.CheckConstraint(
                condition=Q(best_rating__gt=F("worst_rating")), name="rating_scale_best_above_worst"
            ),
        ]

    def __str__(self) -> str:
        # Shown in the admin's choices and filters: the shipped default in the reader's language.
        return shipped_text(self.name)


class Rating(models.Model):
    """One label of a scale; `value` is None for labels off the numeric scale."""

    scale = required_reference(RatingScale, _("scale"), related_name="ratings")
    slug = models.SlugField(max_length=50, verbose_name=_("slug"))
    label = models.CharField(max_length=100, verbose_name=_("label"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    colour = models.CharField(
        max_length=7, default="#6b7280", validators=[colour_validator], verbose_name=_("colour")
    )
    order = models.PositiveSmallIntegerField(default=0, verbose_name=_("order"))
    value = models.SmallIntegerField(
        null=True,
        blank=True,
        help_text=_("ClaimReview ratingValue; empty for labels off the scale."),
        verbose_name=_("value"),
    )
    retired = models.BooleanField(
        default=False, help_text=_("Kept for old verdicts; not offered."), verbose_name=_("retired")
    )

    class Meta(model_names(_("rating"), _("ratings"))):
        ordering = ["scale", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "slug"], name="rating_slug_unique_per_scale"),
            models.UniqueConstraint(
                fields=["scale", "label"], name="rating_label_unique_per_scale"
            ),
        ]

    def __str__(self) -> str:
        # Pages show this; exports and the API read the stored `label` itself.
        return shipped_text(self.label)


class Verdict(Timestamped):
    """A rating of a claim with its explanation; the final one is the claim's verdict."""

    claim = claim_reference("verdicts")
    rating = required_reference(
        Rating, _("rating"), related_name="verdicts", on_delete=models.PROTECT
    )
    explanation = models.TextField(blank=True, verbose_name=_("explanation"))
    role = models.CharField(
        max_length=20,
        choices=VerdictRole.choices,
        default=VerdictRole.PROPOSAL,
        verbose_name=_("role"),
    )
    author = user_reference(_("author"), related_name="verdicts", blank=False)
    is_final = models.BooleanField(default=False, editable=False, verbose_name=_("is final"))
    approved_by = user_reference(_("approved by"), editable=False)
    approved_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("approved at")
    )
    submission = optional_reference(
        "annotations.ReviewEvent",
        _("submission"),
        on_delete=models.RESTRICT,
        editable=False,
        help_text=_("The submission (review round) a review or adjudication answers."),
    )

    history = timestamped_history()

    class Meta(model_names(_("verdict"), _("verdicts"))):
        ordering = ["claim", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"], condition=Q(is_final=True), name="verdict_one_final_per_claim"
            ),
            choice_constraint("role", VerdictRole, "verdict_role_valid"),
            models.CheckConstraint(
                condition=Q(is_final=False) | Q(approved_at__isnull=False),
                name="verdict_final_is_approved",
            ),
            # Blind double review counts each reviewer once per submission, even when a
            # reviewer sends the same verdict twice at the same moment.
            models.UniqueConstraint(
                fields=["submission", "author"],
                condition=Q(role="review"),
                name="verdict_one_review_per_reviewer",
                violation_error_message=_("You have already reviewed this submission."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating} ({self.get_role_display()})"
