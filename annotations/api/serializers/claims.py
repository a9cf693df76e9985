"""Claims, their review events and similar fact-checks: output and input shapes."""

from django.core.exceptions import ObjectDoesNotExist
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from annotations.api.serializers.common import (
    PublicAwareSerializer,
    ReadUsernameField,
    UsernameField,
    read_only,
)
from annotations.api.serializers.verdicts import FinalVerdictSerializer
from annotations.exports.claimreview import public_base, public_url
from annotations.models import (
    CLAIM_TEXT_FIELDS,
    Article,
    Claim,
    ClaimantType,
    ClaimStatus,
    Rating,
    ReviewAction,
    ReviewEvent,
)
from annotations.selectors import final_verdict
from annotations.tagging import MAX_TAG_LENGTH, MAX_TAGS_PER_CLAIM, TAG_PATTERN
from annotations.workflow_rules import actions_offered


class ClaimSerializer(serializers.ModelSerializer):
    assignee = ReadUsernameField()
    researcher = ReadUsernameField(public="credit")
    created_by = ReadUsernameField()
    verdict = serializers.SerializerMethodField()
    tags = serializers.SlugRelatedField(
        many=True,
        read_only=True,
        slug_field="name",
        help_text=_("Normalised: lower case, trimmed."),
    )

    Meta = read_only(
        Claim,
        "id",
        "article",
        *CLAIM_TEXT_FIELDS,
        "tags",
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

    @extend_schema_field(FinalVerdictSerializer(allow_null=True))
    def get_verdict(self, claim: Claim) -> dict | None:
        verdict = final_verdict(claim)
        return FinalVerdictSerializer(verdict).data if verdict else None


class ClaimDetailSerializer(ClaimSerializer):
    """One claim with the workflow actions the caller is offered on it now."""

    actions = serializers.SerializerMethodField(
        help_text=(
            _(
                "The workflow actions the caller may take now, as on the claim page "
                "(a hint: the transition is checked again when taken). Empty for "
                "anonymous readers."
            )
        )
    )

    Meta = read_only(ClaimSerializer.Meta.model, *ClaimSerializer.Meta.fields, "actions")

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=ReviewAction.choices))
    )
    def get_actions(self, claim: Claim) -> list[str]:
        request = self.context.get("request")
        if request is None:
            return []
        return list(actions_offered(user=request.user, claim=claim))


def tags_field() -> serializers.ListField:
    """Return the tags input: the service normalises them and names a refused one."""
    return serializers.ListField(
        child=serializers.CharField(
            allow_blank=True,
            trim_whitespace=False,
            max_length=MAX_TAG_LENGTH,
            validators=[
                RegexValidator(TAG_PATTERN, _("A tag holds no comma or control character."))
            ],
        ),
        required=False,
        max_length=MAX_TAGS_PER_CLAIM,
        help_text=(
            _(
                "Replaces the claim's tags: at most %(max_tags_per_claim)s, each at "
                "most %(max_tag_length)s characters; stored trimmed and lower case, "
                "duplicates dropped."
            )
            % {"max_tags_per_claim": MAX_TAGS_PER_CLAIM, "max_tag_length": MAX_TAG_LENGTH}
        ),
    )


class ClaimCreateSerializer(serializers.Serializer):
    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.all())
    start = serializers.IntegerField(required=False, help_text=_("First code point of the span."))
    end = serializers.IntegerField(required=False, help_text=_("Code point just after the span."))
    quote = serializers.CharField(required=False, trim_whitespace=False)
    prefix = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    suffix = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    claim_text = serializers.CharField(required=False, allow_blank=True)
    claimant = serializers.CharField(required=False, allow_blank=True)
    claimant_type = serializers.ChoiceField(choices=ClaimantType.choices, required=False)
    claim_date = serializers.DateField(required=False, allow_null=True)
    tags = tags_field()


class ClaimUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("The version you saw (or send it in an If-Match header)."),
    )
    claim_text = serializers.CharField(required=False)
    claimant = serializers.CharField(required=False, allow_blank=True)
    claimant_type = serializers.ChoiceField(choices=ClaimantType.choices, required=False)
    claim_date = serializers.DateField(required=False, allow_null=True)
    tags = tags_field()
    start = serializers.IntegerField(required=False)
    end = serializers.IntegerField(required=False)


class TransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=ReviewAction.choices)
    expected_status = serializers.ChoiceField(choices=ClaimStatus.choices, required=False)
    expected_version = serializers.IntegerField(required=False, min_value=1)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    assignee = UsernameField(required=False, help_text=_("For assign: the username."))
    rating = serializers.PrimaryKeyRelatedField(
        queryset=Rating.objects.all(), required=False, help_text=_("For review and adjudicate.")
    )
    explanation = serializers.CharField(required=False, allow_blank=True, default="")
    correction = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("For reopen: the public note.")
    )


class ReviewEventSerializer(PublicAwareSerializer):
    actor = ReadUsernameField(public="credit")

    Meta = read_only(
        ReviewEvent, "id", "action", "from_status", "to_status", "actor", "comment", "at"
    )

    def hide_from_public(self, event: ReviewEvent, data: dict) -> None:
        # Readers see the public correction note of a reopening, never the desk's comment.
        try:
            data["comment"] = event.correction.note
        except ObjectDoesNotExist:
            data["comment"] = ""


class SimilarRatingSerializer(serializers.Serializer):
    slug = serializers.CharField()
    label = serializers.CharField()


class SimilarClaimSerializer(serializers.ModelSerializer):
    """A published fact-check that looks like the claim asked about."""

    rating = serializers.SerializerMethodField()
    shared_terms = serializers.ListField(child=serializers.CharField())
    url = serializers.SerializerMethodField()

    Meta = read_only(
        Claim,
        "id",
        "claim_text",
        "quote",
        "claimant",
        "published_at",
        "rating",
        "shared_terms",
        "url",
    )

    @extend_schema_field(SimilarRatingSerializer(allow_null=True))
    def get_rating(self, claim: Claim) -> dict | None:
        verdict = final_verdict(claim)
        return {"slug": verdict.rating.slug, "label": verdict.rating.label} if verdict else None

    def get_url(self, claim: Claim) -> str:
        """The public fact-check page."""
        request = self.context.get("request")
        return public_url(claim, base=public_base(request))
