"""Articles: their output shapes, and the import and metadata input shapes."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from annotations.api.serializers.common import (
    OptionalURLField,
    ReadUsernameField,
    read_only,
)
from annotations.models import (
    ARTICLE_PROVENANCE_FIELDS,
    Article,
    ClaimStatus,
)


class ArticleSerializer(serializers.ModelSerializer):
    url = OptionalURLField(help_text=_("Where the article was published; empty if unknown."))
    created_by = ReadUsernameField()
    claim_counts = serializers.SerializerMethodField()

    Meta = read_only(
        Article,
        "id",
        "title",
        "url",
        *ARTICLE_PROVENANCE_FIELDS,
        "original_filename",
        "created_by",
        "created_at",
        "updated_at",
        "claim_counts",
    )

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": {"type": "integer"},
            "description": _("Claims of the article by status (list only)."),
            "nullable": True,
        }
    )
    def get_claim_counts(self, article: Article) -> dict[str, int] | None:
        if not hasattr(article, "claims_total"):
            return None
        return {status: getattr(article, f"claims_{status}") for status in ClaimStatus.values}


class ArticleDetailSerializer(ArticleSerializer):
    possible_duplicate_of = serializers.SerializerMethodField()

    Meta = read_only(
        ArticleSerializer.Meta.model,
        *ArticleSerializer.Meta.fields,
        "text",
        "html",
        "original",
        "possible_duplicate_of",
    )

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "description": _(
                "An earlier article whose text is close to this one's (a rewritten "
                "story), with the estimated share of three-word runs in common."
            ),
            "properties": {
                "id": {"type": "integer"},
                "title": {"type": "string"},
                "similarity": {"type": "number"},
            },
        }
    )
    def get_possible_duplicate_of(self, article: Article) -> dict | None:
        flag = getattr(article, "possible_duplicate", None)
        if flag is None:
            return None
        earlier = flag.duplicate_of
        return {"id": earlier.pk, "title": earlier.title, "similarity": flag.similarity}


class ArticleCreateSerializer(serializers.Serializer):
    text = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, help_text=_("Plain text.")
    )
    html = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text=_("An HTML page; its main text is extracted and sanitised."),
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    url = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text=_(
            "Where the article was published. Given alone (no text or html), the "
            "page is fetched from it and its article imported."
        ),
    )
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=200)
    dateline = serializers.CharField(required=False, allow_blank=True, max_length=200)
    author = serializers.CharField(required=False, allow_blank=True, max_length=200)
    language = serializers.CharField(required=False, allow_blank=True, max_length=35)
    published_at = serializers.DateField(required=False, allow_null=True)
    split = serializers.BooleanField(
        required=False, default=False, help_text=_("Also split it into candidate claims.")
    )

    def validate(self, attrs: dict) -> dict:
        if attrs.get("text") and attrs.get("html"):
            raise serializers.ValidationError({"text": _("Give either text or html, not both.")})
        if not attrs.get("text") and not attrs.get("html") and not attrs.get("url"):
            raise serializers.ValidationError(
                {"text": _("Give the text, the html, or a url to fetch the article from.")}
            )
        return attrs


class DuplicateArticleSerializer(serializers.Serializer):
    """The 409 answer to importing an article that is already here."""

    class ExistingArticle(serializers.Serializer):
        id = serializers.IntegerField()
        title = serializers.CharField()
        url = serializers.URLField(help_text=_("The article in the API."))
        page = serializers.URLField(help_text=_("The article's page."))

    message = serializers.CharField()
    code = serializers.CharField(help_text=_("`duplicate`."))
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    article = ExistingArticle()


class ArticleUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    url = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    publisher = serializers.CharField(required=False, allow_blank=True, max_length=200)
    dateline = serializers.CharField(required=False, allow_blank=True, max_length=200)
    author = serializers.CharField(required=False, allow_blank=True, max_length=200)
    language = serializers.CharField(required=False, max_length=35)
    published_at = serializers.DateField(required=False, allow_null=True)


class SplitResultSerializer(serializers.Serializer):
    created = serializers.SerializerMethodField(help_text=_("Ids of the new candidate claims."))
    rescored = serializers.IntegerField(help_text=_("Untouched candidates given a new score."))
    removed = serializers.IntegerField(help_text=_("Untouched candidates no longer found."))
    kept = serializers.IntegerField(help_text=_("Claims someone worked on, left alone."))

    def get_created(self, result) -> list[int]:
        return [claim.pk for claim in result.created]
