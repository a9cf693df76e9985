"""Sources and rating scales: the shared references that evidence and verdicts point to."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated

from annotations.api import serializers
from annotations.api.filters import SearchFilter
from annotations.api.permissions import AuthenticatedOrPublicRead, ModelPermissionOrReadOnly
from annotations.api.views.common import ListReadCreateViewSet
from annotations.models import RatingScale, Source
from annotations.services import source_create


@extend_schema_view(
    list=extend_schema(summary=_("List sources"), responses={200: serializers.SourceSerializer}),
    retrieve=extend_schema(
        summary=_("Get a source"), responses={200: serializers.SourceSerializer}
    ),
)
class SourceViewSet(ListReadCreateViewSet):
    permission_classes = [IsAuthenticated, ModelPermissionOrReadOnly]
    serializer_class = serializers.SourceSerializer
    queryset = Source.objects.select_related("created_by").order_by("title", "id")
    filter_backends = [SearchFilter]
    search_fields = ("title", "url", "publisher")

    create_summary = _("Add a source (deduplicated by normalised URL)")
    create_input = serializers.SourceCreateSerializer
    create_output = serializers.SourceSerializer
    create_service = source_create


@extend_schema_view(
    list=extend_schema(summary=_("Rating scales with their ratings")),
    retrieve=extend_schema(summary=_("A rating scale")),
)
class RatingScaleViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AuthenticatedOrPublicRead]
    serializer_class = serializers.RatingScaleSerializer
    queryset = RatingScale.objects.prefetch_related("ratings").order_by("name")
    pagination_class = None
