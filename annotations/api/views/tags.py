"""Tags in use, for suggestions while typing."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers as fields
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from annotations.selectors.tags import tag_suggestions
from annotations.tagging import MAX_TAG_LENGTH


class TagSerializer(fields.Serializer):
    name = fields.CharField()
    claims = fields.IntegerField(source="claim_count", help_text=_("Claims that carry the tag."))


class TagListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary=_("Tags in use that start with q, most used first (at most ten)"),
        parameters=[OpenApiParameter("q", str, required=False, description=_("A tag's start."))],
        responses={200: TagSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        query = request.query_params.get("q", "")
        if len(query) > MAX_TAG_LENGTH:
            raise ValidationError(
                {
                    "q": (
                        _("A tag has at most %(max_tag_length)s characters.")
                        % {"max_tag_length": MAX_TAG_LENGTH}
                    )
                }
            )
        found = tag_suggestions(query=query)
        return Response(TagSerializer(found, many=True).data)
