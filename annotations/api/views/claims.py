"""Claims: list, read, create, edit, move through the workflow, their events and look-alikes."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import filters
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from annotations import selectors
from annotations.api import serializers
from annotations.api.filters import ClaimFilter, FilterBackend
from annotations.api.pagination import ClaimCursorPagination
from annotations.api.permissions import AuthenticatedOrPublicRead, ModelPermissionOrReadOnly
from annotations.api.serializers.claim_rows import claim_list_items, wants_usernames
from annotations.api.views.common import (
    CONFLICT,
    ListReadCreateViewSet,
    claim_list_action,
    claim_queryset,
    if_match_version,
    readable_claims,
    request_claims,
    valid_input,
    write_schema,
)
from annotations.models import Claim, ReviewEvent
from annotations.services import claim_create, claim_transition, claim_update
from annotations.similar import similar_published_claims


@extend_schema_view(
    list=extend_schema(
        summary=_("List claims (anonymous: published only)"),
        responses={200: serializers.ClaimSerializer},
    ),
    retrieve=extend_schema(
        summary=_("Get a claim, with the workflow actions the caller is offered"),
        responses={200: serializers.ClaimDetailSerializer},
    ),
)
class ClaimViewSet(ListReadCreateViewSet):
    permission_classes = [AuthenticatedOrPublicRead, ModelPermissionOrReadOnly]
    serializer_class = serializers.ClaimSerializer
    queryset = Claim.objects.all()
    pagination_class = ClaimCursorPagination
    filter_backends = [FilterBackend, filters.OrderingFilter]
    filterset_class = ClaimFilter
    ordering_fields = ("updated_at", "created_at", "id")
    # Set per action: `similar` is rated more strictly than other requests.
    throttle_scope: str | None = None

    def get_queryset(self) -> QuerySet[Claim]:
        return request_claims(self.request)

    def list(self, request: Request) -> Response:
        # Plain rows, not model instances: the list is the API's busiest read.
        context = self.get_serializer_context()
        rows = selectors.all_claim_rows(usernames=wants_usernames(context))
        rows = self.filter_queryset(readable_claims(rows, request.user))
        items = claim_list_items(self.paginate_queryset(rows), context)
        return self.get_paginated_response(items)

    def get_serializer_class(self) -> type[serializers.ClaimSerializer]:
        if self.action == "retrieve":
            return serializers.ClaimDetailSerializer
        return serializers.ClaimSerializer

    create_summary = _("Create a claim from start/end (code points) or from a quote")
    create_input = serializers.ClaimCreateSerializer
    create_output = serializers.ClaimDetailSerializer
    create_service = claim_create

    def created(self, row: Claim) -> dict:
        return self._fresh(row)

    @extend_schema(
        summary=_("Edit a claim (optimistic locking: version in the body or If-Match)"),
        request=serializers.ClaimUpdateSerializer,
        parameters=[
            OpenApiParameter("If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False)
        ],
        responses={200: serializers.ClaimDetailSerializer, **CONFLICT},
    )
    def partial_update(self, request: Request, pk: int) -> Response:
        claim = self.get_object()
        data = valid_input(serializers.ClaimUpdateSerializer, request.data)
        version = data.pop("version", None) or if_match_version(request)
        if version is None:
            raise ValidationError(
                {"version": _("Send the version you saw, in the body or an If-Match header.")}
            )
        claim = claim_update(claim=claim, actor=request.user, expected_version=version, **data)
        return Response(self._fresh(claim))

    @write_schema(
        _("Move the claim through the workflow"),
        serializers.TransitionSerializer,
        serializers.ClaimDetailSerializer,
        conflict=True,
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def transitions(self, request: Request, pk: int) -> Response:
        claim = self.get_object()
        data = valid_input(serializers.TransitionSerializer, request.data)
        claim = claim_transition(claim=claim, actor=request.user, **data)
        return Response(self._fresh(claim))

    @claim_list_action(
        _("The claim's review events, oldest first (anonymous: the public log)"),
        _(
            "Anonymous readers see publications and corrections only, with the public "
            "correction note as the comment and people credited as in the public exports."
        ),
        serializers.ReviewEventSerializer,
    )
    def events(self, request: Request, pk: int) -> Response:
        claim = self.get_object()
        if request.user.is_authenticated:
            events = (
                ReviewEvent.objects.filter(claim=claim).select_related("actor").order_by("at", "id")
            )
        else:
            events = selectors.public_review_events(claim=claim)
        context = self.get_serializer_context()
        return Response(serializers.ReviewEventSerializer(events, many=True, context=context).data)

    @claim_list_action(
        _("Published fact-checks that look like this claim, best match first"),
        _(
            "Up to five published claims sharing at least two key terms (numbers and "
            "uncommon words) with the claim, as on the claim page's 'Checked before?'."
        ),
        serializers.SimilarClaimSerializer,
        throttle_scope="similar",
    )
    def similar(self, request: Request, pk: int) -> Response:
        claim = self.get_object()
        found = similar_published_claims(claim=claim)
        context = self.get_serializer_context()
        return Response(serializers.SimilarClaimSerializer(found, many=True, context=context).data)

    def _fresh(self, claim: Claim) -> dict:
        fresh = claim_queryset(self.request.user).get(pk=claim.pk)
        return serializers.ClaimDetailSerializer(fresh, context=self.get_serializer_context()).data
