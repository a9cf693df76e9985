"""Articles: list, read, import (optionally split at once), change metadata, split."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import filters, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from annotations import selectors
from annotations.api import serializers
from annotations.api.filters import FilterBackend, SearchFilter
from annotations.api.jobs import JobAcceptedSerializer
from annotations.api.permissions import ModelPermissionOrReadOnly
from annotations.api.views.common import valid_input, without_empty, write_schema
from annotations.models import Article
from annotations.services import (
    article_import,
    article_import_split,
    article_import_url,
    article_update_metadata,
    claims_split,
)
from annotations.services.jobs import article_import_url_later, task_runs_here


@extend_schema_view(
    list=extend_schema(summary=_("List articles"), responses={200: serializers.ArticleSerializer}),
    retrieve=extend_schema(
        summary=_("Get an article with its text"),
        responses={200: serializers.ArticleDetailSerializer},
    ),
)
class ArticleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, ModelPermissionOrReadOnly]
    queryset = Article.objects.all()
    filter_backends = [FilterBackend, SearchFilter, filters.OrderingFilter]
    filterset_fields = ("language", "publisher")
    search_fields = ("title", "url", "publisher", "author")
    ordering_fields = ("created_at", "published_at", "title")
    ordering = ("-created_at", "-id")

    def get_queryset(self) -> QuerySet[Article]:
        if self.action == "list":
            return selectors.article_list_with_counts()
        return Article.objects.select_related("created_by", "possible_duplicate__duplicate_of")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.ArticleDetailSerializer
        return serializers.ArticleSerializer

    @extend_schema(
        summary=_("Import an article (from text, HTML or a URL to fetch)"),
        request=serializers.ArticleCreateSerializer,
        responses={
            201: serializers.ArticleDetailSerializer,
            202: JobAcceptedSerializer,
            409: serializers.DuplicateArticleSerializer,
        },
    )
    def create(self, request: Request) -> Response:
        data = valid_input(serializers.ArticleCreateSerializer, request.data)
        if not data.get("text") and not data.get("html"):
            if not task_runs_here():
                # Workers fetch it: answer at once with the job to follow.
                job = article_import_url_later(
                    actor=request.user,
                    url=data["url"],
                    split=data.get("split", False),
                    language=data.get("language") or None,
                )
                location = request.build_absolute_uri(reverse("api:job-detail", args=[job.pk]))
                return Response(
                    {"job": location},
                    status=status.HTTP_202_ACCEPTED,
                    headers={"Location": location},
                )
            # Only a URL: fetch the page (an exact duplicate answers 409 naming the article).
            article = article_import_url(
                actor=request.user,
                url=data["url"],
                split=data.get("split", False),
                language=data.get("language") or None,
            )
        elif data.pop("split", False):
            # Import and split stand or fall together: a failed split leaves no article behind.
            article, _ = article_import_split(**without_empty(data), actor=request.user)
        else:
            article = article_import(**without_empty(data), actor=request.user)
        return Response(
            serializers.ArticleDetailSerializer(article).data, status=status.HTTP_201_CREATED
        )

    @write_schema(
        _("Change an article's metadata (never its text)"),
        serializers.ArticleUpdateSerializer,
        serializers.ArticleDetailSerializer,
    )
    def partial_update(self, request: Request, pk: int) -> Response:
        article = self.get_object()
        changes = valid_input(serializers.ArticleUpdateSerializer, request.data)
        article_update_metadata(article=article, actor=request.user, **changes)
        return Response(serializers.ArticleDetailSerializer(article).data)

    @extend_schema(
        summary=_("Split the article into candidate claims"),
        request=None,
        responses={200: serializers.SplitResultSerializer},
    )
    @action(detail=True, methods=["post"])
    def split(self, request: Request, pk: int) -> Response:
        article = self.get_object()
        if not request.user.has_perm("annotations.add_claim"):
            raise PermissionDenied(_("Your role does not allow creating claims."))
        result = claims_split(article=article, actor=request.user)
        return Response(serializers.SplitResultSerializer(result).data)
