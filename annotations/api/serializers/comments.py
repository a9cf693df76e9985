"""Comments on a claim and their moderation."""

from rest_framework import serializers

from annotations.api.serializers.common import (
    ReadUsernameField,
)
from annotations.models import (
    Comment,
)


class CommentSerializer(serializers.ModelSerializer):
    author = ReadUsernameField()

    class Meta:
        model = Comment
        fields = ("id", "author", "text", "created_at", "edited_at", "hidden")
        read_only_fields = ("id", "author", "created_at", "edited_at", "hidden")


class CommentModerationSerializer(serializers.Serializer):
    hidden = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
