"""Sources and evidence: output shapes and their input shapes."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from annotations.api.serializers.common import (
    PublicAwareSerializer,
    ReadUsernameField,
    read_only,
)
from annotations.models import (
    Evidence,
    Source,
    SourceKind,
    Stance,
)


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


class EvidenceSerializer(PublicAwareSerializer):
    source = SourceSerializer(read_only=True)
    added_by = ReadUsernameField(public="credit")

    Meta = read_only(
        Evidence, "id", "source", "stance", "excerpt", "note", "added_by", "created_at"
    )

    def hide_from_public(self, evidence: Evidence, data: dict) -> None:
        data["note"] = ""  # the researcher's working note, as on the public page


class EvidenceCreateSerializer(serializers.Serializer):
    source = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), required=False, help_text=_("An existing source's id.")
    )
    url = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Or a new source's URL.")
    )
    title = serializers.CharField(required=False, allow_blank=True, default="")
    stance = serializers.ChoiceField(choices=Stance.choices)
    excerpt = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class EvidenceUpdateSerializer(serializers.Serializer):
    stance = serializers.ChoiceField(choices=Stance.choices, required=False)
    excerpt = serializers.CharField(required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)
