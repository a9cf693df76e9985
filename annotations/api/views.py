"""API views: parse input, call one service, return its result."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import filters, generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from annotations import selectors
from annotations.api import serializers as s
from annotations.api.filters import ClaimFilter, SearchFilter
from annotations.api.pagination import ClaimCursorPagination
from annotations.api.permissions import AuthenticatedOrPublicRead, ModelPermissionOrReadOnly
from annotations.api.schema import ConflictSerializer
from annotations.api.validation import refuse_mistyped_json
from annotations.models import (
    Article,
    Claim,
    ClaimStatus,
    Comment,
    Evidence,
    RatingScale,
    ReviewEvent,
    Source,
    Verdict,
)
from annotations.services import (
    article_import,
    article_import_split,
    article_update_metadata,
    claim_create,
    claim_transition,
    claim_update,
    claims_split,
    comment_add,
    comment_edit,
    comment_hide,
    comment_unhide,
    evidence_add,
    evidence_remove,
    evidence_update,
    source_create,
    verdict_set,
)
from annotations.similar import similar_published_claims

CONFLICT = {409: ConflictSerializer}


# Articles


@extend_schema_view(
    list=extend_schema(summary="List articles", responses={200: s.ArticleSerializer}),
    retrieve=extend_schema(
        summary="Get an article with its text", responses={200: s.ArticleDetailSerializer}
    ),
)
class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, ModelPermissionOrReadOnly]
    queryset = Article.objects.all()
    filter_backends = [DjangoFilterBackend, SearchFilter, filters.OrderingFilter]
    filterset_fields = ("language", "publisher")
    search_fields = ("title", "url", "publisher", "author")
    ordering_fields = ("created_at", "published_at", "title")
    ordering = ("-created_at", "-id")

    def get_queryset(self) -> QuerySet[Article]:
        if self.action == "list":
            return selectors.article_list_with_counts()
        return Article.objects.all()

    def get_serializer_class(self):
        return s.ArticleDetailSerializer if self.action == "retrieve" else s.ArticleSerializer

    @extend_schema(
        summary="Import an article",
        request=s.ArticleCreateSerializer,
        responses={201: s.ArticleDetailSerializer},
    )
    def create(self, request: Request) -> Response:
        data = _valid(s.ArticleCreateSerializer, request.data)
        if data.pop("split", False):
            # Import and split stand or fall together: a failed split leaves no article behind.
            article, _ = article_import_split(**_without_empty(data), actor=request.user)
        else:
            article = article_import(**_without_empty(data), actor=request.user)
        return Response(s.ArticleDetailSerializer(article).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change an article's metadata (never its text)",
        request=s.ArticleUpdateSerializer,
        responses={200: s.ArticleDetailSerializer},
    )
    def partial_update(self, request: Request, pk: int) -> Response:
        article = self.get_object()
        changes = _valid(s.ArticleUpdateSerializer, request.data)
        article_update_metadata(article=article, actor=request.user, **changes)
        return Response(s.ArticleDetailSerializer(article).data)

    @extend_schema(
        summary="Split the article into candidate claims",
        request=None,
        responses={200: s.SplitResultSerializer},
    )
    @action(detail=True, methods=["post"])
    def split(self, request: Request, pk: int) -> Response:
        article = self.get_object()
        if not request.user.has_perm("annotations.add_claim"):
            raise PermissionDenied("Your role does not allow creating claims.")
        result = claims_split(article=article, actor=request.user)
        return Response(s.SplitResultSerializer(result).data)


# Claims


def claim_queryset(user) -> QuerySet[Claim]:
    """Return the claims this user may see, with what the serializer needs in two queries."""
    claims = Claim.objects.select_related("assignee", "researcher", "created_by").prefetch_related(
        selectors.final_verdicts_prefetch()
    )
    if not user.is_authenticated:
        claims = claims.filter(status=ClaimStatus.PUBLISHED)
    return claims


@extend_schema_view(
    list=extend_schema(
        summary="List claims (anonymous: published only)",
        responses={200: s.ClaimSerializer},
    ),
    retrieve=extend_schema(summary="Get a claim", responses={200: s.ClaimSerializer}),
)
class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [AuthenticatedOrPublicRead, ModelPermissionOrReadOnly]
    serializer_class = s.ClaimSerializer
    queryset = Claim.objects.all()
    pagination_class = ClaimCursorPagination
    filter_backends = [DjangoFilterBackend, filters.OrderingFilter]
    filterset_class = ClaimFilter
    ordering_fields = ("updated_at", "created_at", "id")
    # Set per action: `similar` is rated more strictly than other requests.
    throttle_scope: str | None = None

    def get_queryset(self) -> QuerySet[Claim]:
        return claim_queryset(self.request.user)

    @extend_schema(
        summary="Create a claim from start/end (code points) or from a quote",
        request=s.ClaimCreateSerializer,
        responses={201: s.ClaimSerializer},
    )
    def create(self, request: Request) -> Response:
        data = _valid(s.ClaimCreateSerializer, request.data)
        claim = claim_create(actor=request.user, **data)
        return Response(self._fresh(claim), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Edit a claim (optimistic locking: version in the body or If-Match)",
        request=s.ClaimUpdateSerializer,
        parameters=[
            OpenApiParameter("If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False)
        ],
        responses={200: s.ClaimSerializer, **CONFLICT},
    )
    def partial_update(self, request: Request, pk: int) -> Response:
        claim = self.get_object()
        data = _valid(s.ClaimUpdateSerializer, request.data)
        version = data.pop("version", None) or _if_match(request)
        if version is None:
            raise s.serializers.ValidationError(
                {"version": "Send the version you saw, in the body or an If-Match header."}
            )
        claim = claim_update(claim=claim, actor=request.user, expected_version=version, **data)
        return Response(self._fresh(claim))

    @extend_schema(
        summary="Move the claim through the workflow",
        request=s.TransitionSerializer,
        responses={200: s.ClaimSerializer, **CONFLICT},
    )
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def transitions(self, request: Request, pk: int) -> Response:
        claim = self.get_object()
        data = _valid(s.TransitionSerializer, request.data)
        claim = claim_transition(claim=claim, actor=request.user, **data)
        return Response(self._fresh(claim))

    @extend_schema(
        summary="The claim's review events, oldest first (anonymous: the public log)",
        description=(
            "Anonymous readers see publications and corrections only, with the public "
            "correction note as the comment and people credited as in the public exports."
        ),
        responses={200: s.ReviewEventSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def events(self, request: Request, pk: int) -> Response:
        claim = self.get_object()
        if request.user.is_authenticated:
            events = (
                ReviewEvent.objects.filter(claim=claim).select_related("actor").order_by("at", "id")
            )
        else:
            events = selectors.public_review_events(claim=claim)
        context = self.get_serializer_context()
        return Response(s.ReviewEventSerializer(events, many=True, context=context).data)

    @extend_schema(
        summary="Published fact-checks that look like this claim, best match first",
        description=(
            "Up to five published claims sharing at least two key terms (numbers and "
            "uncommon words) with the claim, as on the claim page's 'Checked before?'."
        ),
        responses={200: s.SimilarClaimSerializer(many=True)},
    )
    @action(
        detail=True,
        methods=["get"],
        pagination_class=None,
        filter_backends=[],
        throttle_scope="similar",
    )
    def similar(self, request: Request, pk: int) -> Response:
        claim = self.get_object()
        found = similar_published_claims(claim=claim)
        return Response(s.SimilarClaimSerializer(found, many=True).data)

    def _fresh(self, claim: Claim) -> dict:
        return s.ClaimSerializer(claim_queryset(self.request.user).get(pk=claim.pk)).data


class ClaimChildMixin:
    """Views nested under /claims/{claim_id}/: the claim must be visible to the user."""

    def get_claim(self) -> Claim:
        if getattr(self, "swagger_fake_view", False):
            return Claim()
        if not hasattr(self, "_claim"):
            self._claim = get_object_or_404(
                claim_queryset(self.request.user), pk=self.kwargs["claim_id"]
            )
        return self._claim


@extend_schema_view(
    get=extend_schema(summary="A claim's evidence", responses={200: s.EvidenceSerializer}),
    post=extend_schema(
        summary="Cite a source (existing by id, or new by url/title) for the claim",
        request=s.EvidenceCreateSerializer,
        responses={201: s.EvidenceSerializer},
    ),
)
class EvidenceListView(ClaimChildMixin, generics.ListCreateAPIView):
    permission_classes = [AuthenticatedOrPublicRead, ModelPermissionOrReadOnly]
    serializer_class = s.EvidenceSerializer
    queryset = Evidence.objects.none()
    write_model = Evidence
    pagination_class = None

    def get_queryset(self) -> QuerySet[Evidence]:
        if getattr(self, "swagger_fake_view", False):
            return Evidence.objects.none()
        return (
            Evidence.objects.filter(claim=self.get_claim())
            .select_related("source", "source__created_by", "added_by")
            .order_by("created_at", "id")
        )

    def create(self, request: Request, claim_id: int) -> Response:
        data = _valid(s.EvidenceCreateSerializer, request.data)
        evidence = evidence_add(claim=self.get_claim(), actor=request.user, **data)
        return Response(s.EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(summary="One piece of evidence", responses={200: s.EvidenceSerializer}),
    patch=extend_schema(
        summary="Change evidence",
        request=s.EvidenceUpdateSerializer,
        responses={200: s.EvidenceSerializer},
    ),
    delete=extend_schema(summary="Remove evidence", responses={204: None}),
)
class EvidenceDetailView(ClaimChildMixin, generics.RetrieveUpdateDestroyAPIView):
    permission_classes = [AuthenticatedOrPublicRead, ModelPermissionOrReadOnly]
    serializer_class = s.EvidenceSerializer
    queryset = Evidence.objects.none()
    write_model = Evidence
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Evidence]:
        if getattr(self, "swagger_fake_view", False):
            return Evidence.objects.none()
        return Evidence.objects.filter(claim=self.get_claim()).select_related("source", "added_by")

    def partial_update(self, request: Request, claim_id: int, pk: int) -> Response:
        data = _valid(s.EvidenceUpdateSerializer, request.data)
        evidence = evidence_update(evidence=self.get_object(), actor=request.user, **data)
        return Response(s.EvidenceSerializer(evidence).data)

    def destroy(self, request: Request, claim_id: int, pk: int) -> Response:
        evidence_remove(evidence=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    get=extend_schema(
        summary="The claim's verdicts you may see (blind reviews stay sealed until both are in)",
        responses={200: s.VerdictSerializer(many=True)},
    ),
    post=extend_schema(
        summary="Propose a verdict, give a blind review, or adjudicate",
        request=s.VerdictCreateSerializer,
        responses={201: s.VerdictSerializer, **CONFLICT},
    ),
)
class VerdictListView(ClaimChildMixin, generics.GenericAPIView):
    permission_classes = [AuthenticatedOrPublicRead, ModelPermissionOrReadOnly]
    serializer_class = s.VerdictSerializer
    queryset = Verdict.objects.none()
    write_model = Verdict

    def get(self, request: Request, claim_id: int) -> Response:
        claim = self.get_claim()
        if request.user.is_authenticated:
            verdicts = selectors.verdicts_visible_to(claim=claim, user=request.user)
        else:
            verdicts = list(
                Verdict.objects.filter(claim=claim, is_final=True).select_related(
                    "rating", "author", "approved_by"
                )
            )
        page = self.paginate_queryset(verdicts)
        context = self.get_serializer_context()
        return self.get_paginated_response(
            s.VerdictSerializer(page, many=True, context=context).data
        )

    def post(self, request: Request, claim_id: int) -> Response:
        data = _valid(s.VerdictCreateSerializer, request.data)
        verdict = verdict_set(claim=self.get_claim(), actor=request.user, **data)
        return Response(s.VerdictSerializer(verdict).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(summary="Comments on the claim", responses={200: s.CommentSerializer}),
    post=extend_schema(
        summary="Comment on the claim",
        request=s.CommentSerializer,
        responses={201: s.CommentSerializer},
    ),
)
class CommentListView(ClaimChildMixin, generics.ListCreateAPIView):
    permission_classes = [IsAuthenticated, ModelPermissionOrReadOnly]
    serializer_class = s.CommentSerializer
    queryset = Comment.objects.none()
    write_model = Comment
    pagination_class = None

    def get_queryset(self) -> QuerySet[Comment]:
        if getattr(self, "swagger_fake_view", False):
            return Comment.objects.none()
        return selectors.comments_for(claim=self.get_claim(), user=self.request.user)

    def create(self, request: Request, claim_id: int) -> Response:
        data = _valid(s.CommentSerializer, request.data)
        comment = comment_add(claim=self.get_claim(), actor=request.user, text=data["text"])
        return Response(s.CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    patch=extend_schema(
        summary="Edit your comment (within the edit window)",
        request=s.CommentSerializer,
        responses={200: s.CommentSerializer},
    ),
)
class CommentDetailView(ClaimChildMixin, generics.GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = s.CommentSerializer

    def get_object(self) -> Comment:
        return get_object_or_404(
            selectors.comments_for(claim=self.get_claim(), user=self.request.user),
            pk=self.kwargs["pk"],
        )

    def patch(self, request: Request, claim_id: int, pk: int) -> Response:
        data = _valid(s.CommentSerializer, request.data)
        comment = comment_edit(comment=self.get_object(), actor=request.user, text=data["text"])
        return Response(s.CommentSerializer(comment).data)


@extend_schema(
    summary="Hide or unhide a comment (editors)",
    request=s.CommentModerationSerializer,
    responses={200: s.CommentSerializer},
)
class CommentModerationView(ClaimChildMixin, generics.GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = s.CommentModerationSerializer

    def post(self, request: Request, claim_id: int, pk: int) -> Response:
        data = _valid(s.CommentModerationSerializer, request.data)
        comment = get_object_or_404(
            selectors.comments_for(claim=self.get_claim(), user=request.user), pk=pk
        )
        if data["hidden"]:
            comment = comment_hide(comment=comment, actor=request.user, reason=data["reason"])
        else:
            comment = comment_unhide(comment=comment, actor=request.user)
        return Response(s.CommentSerializer(comment).data)


# Sources, rating scales, the current user


@extend_schema_view(
    list=extend_schema(summary="List sources", responses={200: s.SourceSerializer}),
    retrieve=extend_schema(summary="Get a source", responses={200: s.SourceSerializer}),
)
class SourceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, ModelPermissionOrReadOnly]
    serializer_class = s.SourceSerializer
    queryset = Source.objects.select_related("created_by").order_by("title", "id")
    filter_backends = [SearchFilter]
    search_fields = ("title", "url", "publisher")

    @extend_schema(
        summary="Add a source (deduplicated by normalised URL)",
        request=s.SourceCreateSerializer,
        responses={201: s.SourceSerializer},
    )
    def create(self, request: Request) -> Response:
        data = _valid(s.SourceCreateSerializer, request.data)
        source = source_create(actor=request.user, **data)
        return Response(s.SourceSerializer(source).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Rating scales with their ratings"),
    retrieve=extend_schema(summary="A rating scale"),
)
class RatingScaleViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AuthenticatedOrPublicRead]
    serializer_class = s.RatingScaleSerializer
    queryset = RatingScale.objects.prefetch_related("ratings").order_by("name")
    pagination_class = None


@extend_schema(summary="The signed-in user and their roles", responses={200: s.UserSerializer})
class MeView(generics.GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = s.UserSerializer

    def get(self, request: Request) -> Response:
        return Response(s.UserSerializer(request.user).data)


def _valid(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    refuse_mistyped_json(serializer, data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in ("", None)}


def _if_match(request: Request) -> int | None:
    header = request.headers.get("If-Match", "").strip().strip('W/"').strip('"')
    if not header:
        return None
    try:
        return int(header)
    except ValueError:
        raise s.serializers.ValidationError(
            {"version": f"If-Match must carry the claim's version number, not {header!r}."}
        ) from None
