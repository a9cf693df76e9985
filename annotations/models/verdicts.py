"""Rating scales, their ratings, and the verdicts that apply them to claims."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour as #rrggbb.")


class RatingScale(models.Model):
    """A named set of ratings; `best_rating`/`worst_rating` bound ClaimReview's ratingValue."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=50, unique=True)
    description = models.TextField(blank=True)
    best_rating = models.SmallIntegerField(default=5)
    worst_rating = models.SmallIntegerField(default=1)
    is_default = models.BooleanField(default=False)
    blind_review = models.BooleanField(
        default=False,
        help_text=_("Claims rated on this scale need two independent reviewer verdicts."),
    )

    class Meta:
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
        return self.name


class Rating(models.Model):
    """One label of a scale; `value` is None for labels off the numeric scale."""

    scale = models.ForeignKey(RatingScale, on_delete=models.CASCADE, related_name="ratings")
    slug = models.SlugField(max_length=50)
    label = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    colour = models.CharField(max_length=7, default="#6b7280", validators=[colour_validator])
    order = models.PositiveSmallIntegerField(default=0)
    value = models.SmallIntegerField(
        null=True,
        blank=True,
        help_text=_("ClaimReview ratingValue; empty for labels off the scale."),
    )
    retired = models.BooleanField(default=False, help_text=_("Kept for old verdicts; not offered."))

    class Meta:
        ordering = ["scale", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "slug"], name="rating_slug_unique_per_scale"),
            models.UniqueConstraint(
                fields=["scale", "label"], name="rating_label_unique_per_scale"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class VerdictRole(models.TextChoices):
    PROPOSAL = "proposal", _("Proposed by the researcher")
    REVIEW = "review", _("Independent review")
    ADJUDICATION = "adjudication", _("Editor's adjudication")


class Verdict(models.Model):
    """A rating of a claim with its explanation; the final one is the claim's verdict."""

    claim = models.ForeignKey(
        "annotations.Claim", on_delete=models.CASCADE, related_name="verdicts"
    )
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="verdicts")
    explanation = models.TextField(blank=True)
    role = models.CharField(
        max_length=20, choices=VerdictRole.choices, default=VerdictRole.PROPOSAL
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="verdicts"
    )
    is_final = models.BooleanField(default=False, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    submission = models.ForeignKey(
        "annotations.ReviewEvent",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
        editable=False,
        help_text=_("The submission (review round) a review or adjudication answers."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["claim", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"], condition=Q(is_final=True), name="verdict_one_final_per_claim"
            ),
            models.CheckConstraint(
                condition=Q(role__in=VerdictRole.values), name="verdict_role_valid"
            ),
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
