"""The API's views, one module a resource, re-exported here for the URLconf."""

from annotations.api.views.articles import ArticleViewSet
from annotations.api.views.claims import ClaimViewSet
from annotations.api.views.comments import (
    CommentDetailView,
    CommentListView,
    CommentModerationView,
)
from annotations.api.views.evidence import EvidenceDetailView, EvidenceListView
from annotations.api.views.sources import RatingScaleViewSet, SourceViewSet
from annotations.api.views.tags import TagListView
from annotations.api.views.users import MeView
from annotations.api.views.verdicts import VerdictListView

__all__ = [
    "ArticleViewSet",
    "ClaimViewSet",
    "CommentDetailView",
    "CommentListView",
    "CommentModerationView",
    "EvidenceDetailView",
    "EvidenceListView",
    "MeView",
    "RatingScaleViewSet",
    "SourceViewSet",
    "TagListView",
    "VerdictListView",
]
