"""Rating scales and verdicts: output shapes and the verdict input shape."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from annotations.api.serializers.common import (
    ReadUsernameField,
    read_only,
)
from annotations.models import (
    ClaimStatus,
    Rating,
    RatingScale,
    Verdict,
    VerdictRole,
)


class RatingSerializer(serializers.ModelSerializer):
    Meta = read_only(
        Rating, "id", "slug", "label", "description", "colour", "order", "value", "retired"
    )


class RatingScaleSerializer(serializers.ModelSerializer):
    ratings = RatingSerializer(many=True, read_only=True)

    Meta = read_only(
        RatingScale,
        "id",
        "name",
        "slug",
        "description",
        "best_rating",
        "worst_rating",
        "is_default",
        "blind_review",
        "ratings",
    )


class VerdictSerializer(serializers.ModelSerializer):
    rating = RatingSerializer(read_only=True)
    author = ReadUsernameField(public="credit")
    approved_by = ReadUsernameField(public="credit")

    Meta = read_only(
        Verdict,
        "id",
        "rating",
        "explanation",
        "role",
        "author",
        "is_final",
        "approved_by",
        "approved_at",
        "created_at",
        "updated_at",
    )


class VerdictCreateSerializer(serializers.Serializer):
    rating = serializers.PrimaryKeyRelatedField(
        queryset=Rating.objects.all(), help_text=_("Rating id (see rating-scales).")
    )
    explanation = serializers.CharField(required=False, allow_blank=True, default="")
    role = serializers.ChoiceField(choices=VerdictRole.choices, default=VerdictRole.PROPOSAL)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    expected_status = serializers.ChoiceField(choices=ClaimStatus.choices, required=False)
    expected_version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=(
            _(
                "The claim version you saw. Required for a proposal, which replaces "
                "the open one: a stale version is refused with 409 instead of "
                "overwriting a verdict proposed meanwhile."
            )
        ),
    )

    def validate(self, data: dict) -> dict:
        if data.get("role", VerdictRole.PROPOSAL) == VerdictRole.PROPOSAL and not data.get(
            "expected_version"
        ):
            raise serializers.ValidationError(
                {
                    "expected_version": _(
                        "Send the claim version you saw (the claim's `version`), so that a "
                        "verdict proposed meanwhile is not overwritten."
                    )
                }
            )
        return data


class FinalVerdictSerializer(serializers.Serializer):
    rating = serializers.CharField(source="rating.slug")
    label = serializers.CharField(source="rating.label")
    value = serializers.IntegerField(source="rating.value", allow_null=True)
    explanation = serializers.CharField()
