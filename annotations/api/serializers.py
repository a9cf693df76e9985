"""Serializers: output shapes, and input shapes that the views hand to the services."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from annotations.credits import Credits
from annotations.exports.claimreview import public_url
from annotations.models import (
    Article,
    Claim,
    ClaimStatus,
    Comment,
    Evidence,
    Rating,
    RatingScale,
    ReviewAction,
    ReviewEvent,
    Source,
    SourceKind,
    Stance,
    Verdict,
    VerdictRole,
)
from annotations.permissions import user_roles
from annotations.selectors import final_verdict

User = get_user_model()


@extend_schema_field({"type": "string", "description": "A username."})
class UsernameField(serializers.RelatedField):
    """A user written and read as their username."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("queryset", User.objects.filter(is_active=True))
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return value.get_username()

    def to_internal_value(self, data):
        try:
            return self.get_queryset().get(**{User.USERNAME_FIELD: data})
        except User.DoesNotExist:
            raise serializers.ValidationError(f"No active user is called {data!r}.") from None


def public_credits(context: dict) -> Credits | None:
    """Return how to name people to an anonymous reader, or None when the desk is reading."""
    request = context.get("request")
    if request is None or request.user.is_authenticated:
        return None
    if "public_credits" not in context:
        context["public_credits"] = Credits.for_public()
    return context["public_credits"]


@extend_schema_field(
    {
        "type": "string",
        "nullable": True,
        "readOnly": True,
        "description": "A username; anonymous readers see a public credit or null.",
    }
)
class ReadUsernameField(serializers.Field):
    """A user shown as their username to the desk; anonymous readers never see usernames.

    With `public="credit"` an anonymous reader sees the organisation, or the person's public
    name where they opted in; otherwise (`"hide"`) null.
    """

    def __init__(self, *, public: str = "hide", **kwargs) -> None:
        kwargs["read_only"] = True
        self.public = public
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return getattr(instance, self.source, None)

    def to_representation(self, value) -> str | None:
        if value is None:
            return None
        credits = public_credits(self.context)
        if credits is None:
            return value.get_username()
        return credits.name(value) if self.public == "credit" else None


@extend_schema_field(
    {"type": "string", "anyOf": [{"format": "uri"}, {"maxLength": 0}], "readOnly": True}
)
class OptionalURLField(serializers.CharField):
    """A URL, or the empty string where there is none."""

    def __init__(self, **kwargs) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)


# Articles


class ArticleSerializer(serializers.ModelSerializer):
    url = OptionalURLField(help_text="Where the article was published; empty if unknown.")
    created_by = ReadUsernameField()
    claim_counts = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = (
            "id",
            "title",
            "url",
            "publisher",
            "dateline",
            "author",
            "language",
            "published_at",
            "text_sha256",
            "original_filename",
            "created_by",
            "created_at",
            "updated_at",
            "claim_counts",
        )
        read_only_fields = fields

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": {"type": "integer"},
            "description": "Claims of the article by status (list only).",
            "nullable": True,
        }
    )
    def get_claim_counts(self, article: Article) -> dict[str, int] | None:
        if not hasattr(article, "claims_total"):
            return None
        return {status: getattr(article, f"claims_{status}") for status in ClaimStatus.values}


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = (*ArticleSerializer.Meta.fields, "text", "html", "original")
        read_only_fields = fields


class ArticleCreateSerializer(serializers.Serializer):
    text = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, help_text="Plain text."
    )
    html = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="An HTML page; its main text is extracted and sanitised.",
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    url = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=200)
    dateline = serializers.CharField(required=False, allow_blank=True, max_length=200)
    author = serializers.CharField(required=False, allow_blank=True, max_length=200)
    language = serializers.CharField(required=False, allow_blank=True, max_length=35)
    published_at = serializers.DateField(required=False, allow_null=True)
    split = serializers.BooleanField(
        required=False, default=False, help_text="Also split it into candidate claims."
    )

    def validate(self, attrs: dict) -> dict:
        if bool(attrs.get("text")) == bool(attrs.get("html")):
            raise serializers.ValidationError({"text": "Give either text or html, not both."})
        return attrs


class ArticleUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    url = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=200)
    dateline = serializers.CharField(required=False, allow_blank=True, max_length=200)
    author = serializers.CharField(required=False, allow_blank=True, max_length=200)
    language = serializers.CharField(required=False, max_length=35)
    published_at = serializers.DateField(required=False, allow_null=True)


class SplitResultSerializer(serializers.Serializer):
    created = serializers.SerializerMethodField(help_text="Ids of the new candidate claims.")
    rescored = serializers.IntegerField(help_text="Untouched candidates given a new score.")
    removed = serializers.IntegerField(help_text="Untouched candidates no longer found.")
    kept = serializers.IntegerField(help_text="Claims someone worked on, left alone.")

    def get_created(self, result) -> list[int]:
        return [claim.pk for claim in result.created]


# Rating scales and verdicts


class RatingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rating
        fields = ("id", "slug", "label", "description", "colour", "order", "value", "retired")
        read_only_fields = fields


class RatingScaleSerializer(serializers.ModelSerializer):
    ratings = RatingSerializer(many=True, read_only=True)

    class Meta:
        model = RatingScale
        fields = (
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
        read_only_fields = fields


class VerdictSerializer(serializers.ModelSerializer):
    rating = RatingSerializer(read_only=True)
    author = ReadUsernameField(public="credit")
    approved_by = ReadUsernameField(public="credit")

    class Meta:
        model = Verdict
        fields = (
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
        read_only_fields = fields


class VerdictCreateSerializer(serializers.Serializer):
    rating = serializers.PrimaryKeyRelatedField(
        queryset=Rating.objects.all(), help_text="Rating id (see rating-scales)."
    )
    explanation = serializers.CharField(required=False, allow_blank=True, default="")
    role = serializers.ChoiceField(choices=VerdictRole.choices, default=VerdictRole.PROPOSAL)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    expected_status = serializers.ChoiceField(choices=ClaimStatus.choices, required=False)
    expected_version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=(
            "The claim version you saw. Required for a proposal, which replaces the open one: "
            "a stale version is refused with 409 instead of overwriting a verdict proposed "
            "meanwhile."
        ),
    )

    def validate(self, data: dict) -> dict:
        if data.get("role", VerdictRole.PROPOSAL) == VerdictRole.PROPOSAL and not data.get(
            "expected_version"
        ):
            raise serializers.ValidationError(
                {
                    "expected_version": "Send the claim version you saw (the claim's `version`), "
                    "so that a verdict proposed meanwhile is not overwritten."
                }
            )
        return data


# Sources and evidence


class SourceSerializer(serializers.ModelSerializer):
    created_by = ReadUsernameField()

    class Meta:
        model = Source
        fields = (
            "id",
            "url",
            "title",
            "publisher",
            "published_at",
            "kind",
            "created_by",
            "created_at",
        )
        read_only_fields = ("id", "created_by", "created_at")


class SourceCreateSerializer(serializers.Serializer):
    url = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    title = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    published_at = serializers.DateField(required=False, allow_null=True, default=None)
    kind = serializers.ChoiceField(choices=SourceKind.choices, default=SourceKind.OTHER)


class EvidenceSerializer(serializers.ModelSerializer):
    source = SourceSerializer(read_only=True)
    added_by = ReadUsernameField(public="credit")

    class Meta:
        model = Evidence
        fields = ("id", "source", "stance", "excerpt", "note", "added_by", "created_at")
        read_only_fields = fields

    def to_representation(self, evidence: Evidence) -> dict:
        data = super().to_representation(evidence)
        if public_credits(self.context) is not None:
            data["note"] = ""  # the researcher's working note, as on the public page
        return data


class EvidenceCreateSerializer(serializers.Serializer):
    source = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), required=False, help_text="An existing source's id."
    )
    url = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Or a new source's URL."
    )
    title = serializers.CharField(required=False, allow_blank=True, default="")
    stance = serializers.ChoiceField(choices=Stance.choices)
    excerpt = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class EvidenceUpdateSerializer(serializers.Serializer):
    stance = serializers.ChoiceField(choices=Stance.choices, required=False)
    excerpt = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)


# Claims


class FinalVerdictSerializer(serializers.Serializer):
    rating = serializers.CharField(source="rating.slug")
    label = serializers.CharField(source="rating.label")
    value = serializers.IntegerField(source="rating.value", allow_null=True)
    explanation = serializers.CharField()


class ClaimSerializer(serializers.ModelSerializer):
    assignee = ReadUsernameField()
    researcher = ReadUsernameField(public="credit")
    created_by = ReadUsernameField()
    verdict = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = (
            "id",
            "article",
            "start",
            "end",
            "quote",
            "prefix",
            "suffix",
            "claim_text",
            "claimant",
            "claim_date",
            "checkworthiness",
            "reasons",
            "origin",
            "status",
            "assignee",
            "researcher",
            "created_by",
            "version",
            "verdict",
            "published_at",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields

    @extend_schema_field(FinalVerdictSerializer(allow_null=True))
    def get_verdict(self, claim: Claim) -> dict | None:
        verdict = final_verdict(claim)
        return FinalVerdictSerializer(verdict).data if verdict else None


class ClaimCreateSerializer(serializers.Serializer):
    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.all())
    start = serializers.IntegerField(required=False, help_text="First code point of the span.")
    end = serializers.IntegerField(required=False, help_text="Code point just after the span.")
    quote = serializers.CharField(required=False, trim_whitespace=False)
    prefix = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    suffix = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    claim_text = serializers.CharField(required=False, allow_blank=True)
    claimant = serializers.CharField(required=False, allow_blank=True)
    claim_date = serializers.DateField(required=False, allow_null=True)


class ClaimUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="The version you saw (or send it in an If-Match header).",
    )
    claim_text = serializers.CharField(required=False)
    claimant = serializers.CharField(required=False, allow_blank=True)
    claim_date = serializers.DateField(required=False, allow_null=True)
    start = serializers.IntegerField(required=False)
    end = serializers.IntegerField(required=False)


class TransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=ReviewAction.choices)
    expected_status = serializers.ChoiceField(choices=ClaimStatus.choices, required=False)
    expected_version = serializers.IntegerField(required=False, min_value=1)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    assignee = UsernameField(required=False, help_text="For assign: the username.")
    rating = serializers.PrimaryKeyRelatedField(
        queryset=Rating.objects.all(), required=False, help_text="For review and adjudicate."
    )
    explanation = serializers.CharField(required=False, allow_blank=True, default="")
    correction = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="For reopen: the public note."
    )


class ReviewEventSerializer(serializers.ModelSerializer):
    actor = ReadUsernameField(public="credit")

    class Meta:
        model = ReviewEvent
        fields = ("id", "action", "from_status", "to_status", "actor", "comment", "at")
        read_only_fields = fields

    def to_representation(self, event: ReviewEvent) -> dict:
        data = super().to_representation(event)
        if public_credits(self.context) is not None:
            # Readers see the public correction note of a reopening, never the desk's comment.
            try:
                data["comment"] = event.correction.note
            except ObjectDoesNotExist:
                data["comment"] = ""
        return data


class SimilarRatingSerializer(serializers.Serializer):
    slug = serializers.CharField()
    label = serializers.CharField()


class SimilarClaimSerializer(serializers.ModelSerializer):
    """A published fact-check that looks like the claim asked about."""

    rating = serializers.SerializerMethodField()
    shared_terms = serializers.ListField(child=serializers.CharField())
    url = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = (
            "id",
            "claim_text",
            "quote",
            "claimant",
            "published_at",
            "rating",
            "shared_terms",
            "url",
        )
        read_only_fields = fields

    @extend_schema_field(SimilarRatingSerializer(allow_null=True))
    def get_rating(self, claim: Claim) -> dict | None:
        verdict = final_verdict(claim)
        return {"slug": verdict.rating.slug, "label": verdict.rating.label} if verdict else None

    def get_url(self, claim: Claim) -> str:
        """The public fact-check page."""
        return public_url(claim)


class CommentSerializer(serializers.ModelSerializer):
    author = ReadUsernameField()

    class Meta:
        model = Comment
        fields = ("id", "author", "text", "created_at", "edited_at", "hidden")
        read_only_fields = ("id", "author", "created_at", "edited_at", "hidden")


class CommentModerationSerializer(serializers.Serializer):
    hidden = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class UserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    roles = serializers.SerializerMethodField()
    is_staff = serializers.BooleanField()

    def get_roles(self, user) -> list[str]:
        return sorted(user_roles(user))
