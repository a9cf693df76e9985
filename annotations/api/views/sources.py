"""Sources and rating scales: the shared references that evidence and verdicts point to."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.api import serializers
from annotations.api.filters import SearchFilter
from annotations.api.permissions import AuthenticatedOrPublicRead, ModelPermissionOrReadOnly
from annotations.api.views.common import valid_input, write_schema
from annotations.models import RatingScale, Source
from annotations.services import source_create


@extend_schema_view(
    list=extend_schema(summary=_("List sources"), responses={200: serializers.SourceSerializer}),
    retrieve=extend_schema(
        summary=_("Get a source"), responses={200: serializers.SourceSerializer}
    ),
)
class SourceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, ModelPermissionOrReadOnly]
    serializer_class = serializers.SourceSerializer
    queryset = Source.objects.select_related("created_by").order_by("title", "id")
    filter_backends = [SearchFilter]
    search_fields = ("title", "url", "publisher")

    @write_schema(
        _("Add a source (deduplicated by normalised URL)"),
        serializers.SourceCreateSerializer,
        serializers.SourceSerializer,
        created=True,
    )
    def create(self, request: Request) -> Response:
        data = valid_input(serializers.SourceCreateSerializer, request.data)
        source = source_create(actor=request.user, **data)
        return Response(serializers.SourceSerializer(source).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary=_("Rating scales with their ratings")),
    retrieve=extend_schema(summary=_("A rating scale")),
)
class RatingScaleViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AuthenticatedOrPublicRead]
    serializer_class = serializers.RatingScaleSerializer
    queryset = RatingScale.objects.prefetch_related("ratings").order_by("name")
    pagination_class = None
