"""Routes of the REST API, mounted under /api/v1/."""

from django.http import HttpRequest, JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from annotations.api import notifications, tokens, views
from annotations.api.exports import ClaimExportView
from annotations.api.jobs import JobDetailView

app_name = "api"


class Router(DefaultRouter):
    """DRF's default router, without `.json` suffix routes."""

    # The API answers JSON only and its views take no `format` argument: a suffix was a 500.
    include_format_suffixes = False


router = Router()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("sources", views.SourceViewSet, basename="source")
router.register("rating-scales", views.RatingScaleViewSet, basename="rating-scale")

claim_children = [
    path("evidence/", views.EvidenceListView.as_view(), name="claim-evidence"),
    path("evidence/<int:pk>/", views.EvidenceDetailView.as_view(), name="claim-evidence-detail"),
    path("verdicts/", views.VerdictListView.as_view(), name="claim-verdicts"),
    path("comments/", views.CommentListView.as_view(), name="claim-comments"),
    path("comments/<int:pk>/", views.CommentDetailView.as_view(), name="claim-comment-detail"),
    path(
        "comments/<int:pk>/moderation/",
        views.CommentModerationView.as_view(),
        name="claim-comment-moderation",
    ),
]


@csrf_exempt
def not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    """Answer unknown API addresses in the API's error shape, not with an HTML page."""
    return JsonResponse(
        {
            "message": gettext("No API endpoint at %(path)s.") % {"path": request.path},
            "code": "not_found",
        },
        status=404,
    )


urlpatterns = [
    path("claims/<int:claim_id>/", include(claim_children)),
    path("users/", notifications.UserSearchView.as_view(), name="user-search"),
    path("users/me/", views.MeView.as_view(), name="me"),
    path("users/me/tokens/", tokens.MyTokenListView.as_view(), name="my-tokens"),
    path("users/me/tokens/<int:pk>/", tokens.MyTokenDetailView.as_view(), name="my-token"),
    path("notifications/", notifications.NotificationListView.as_view(), name="notifications"),
    path(
        "notifications/read-all/",
        notifications.NotificationReadAllView.as_view(),
        name="notifications-read-all",
    ),
    path(
        "notifications/<int:pk>/read/",
        notifications.NotificationReadView.as_view(),
        name="notification-read",
    ),
    path("exports/claims/", ClaimExportView.as_view(), name="export-claims"),
    path("tags/", views.TagListView.as_view(), name="tags"),
    path("jobs/<int:pk>/", JobDetailView.as_view(), name="job-detail"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file (docs/?script), so the
    # Content-Security-Policy needs no inline script for it.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
    re_path(r"^.*$", not_found, name="not-found"),
]
