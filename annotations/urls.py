"""Browser pages of the workspace and the public fact-check pages."""

from django.urls import include, path

from annotations import views
from annotations.feeds import PublishedFactchecksFeed
from annotations.public_cache import cached_public_page
from annotations.views import archives as archive_views
from annotations.views import incoming, jobs
from annotations.views import notifications as notification_views
from annotations.views.article_details import article_details

# A claim's page and the forms posted from it, under claims/<id>/.
claim_patterns = [
    path("", views.claim_detail, name="claim-detail"),
    path("edit/", views.claim_edit, name="claim-edit"),
    path("span/", views.claim_span, name="claim-span"),
    path("transition/", views.claim_transition, name="claim-transition"),
    path("evidence/", views.evidence_add, name="evidence-add"),
    path("evidence/<int:evidence_pk>/remove/", views.evidence_remove, name="evidence-remove"),
    path("verdict/", views.verdict_add, name="verdict-add"),
    path("comments/", views.comment_add, name="comment-add"),
]

notification_patterns = [
    path("", notification_views.notification_list, name="notification-list"),
    path("<int:pk>/read/", notification_views.notification_read, name="notification-read"),
    path("read-all/", notification_views.notifications_read_all, name="notifications-read-all"),
    path(
        "preferences/",
        notification_views.notification_preferences,
        name="notification-preferences",
    ),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.article_list, name="article-list"),
    path("articles/import/", views.article_import, name="article-import"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
    path("articles/<int:pk>/details/", article_details, name="article-details"),
    path("articles/<int:pk>/claims/", views.claim_mark, name="claim-mark"),
    path("articles/<int:pk>/act/", views.article_act, name="article-act"),
    path("claims/", views.claim_list, name="claim-list"),
    path("claims/<int:pk>/", include(claim_patterns)),
    path("review/", views.review_queue, name="review-queue"),
    path("incoming/", incoming.incoming, name="incoming"),
    path("incoming/act/", incoming.incoming_act, name="incoming-act"),
    path("jobs/", jobs.job_list, name="job-list"),
    path("jobs/<int:pk>/", jobs.job_detail, name="job-detail"),
    path("notifications/", include(notification_patterns)),
    path("archives/<int:pk>/", archive_views.source_archive, name="source-archive"),
    path(
        "sources/<int:pk>/archive/",
        archive_views.source_archive_again,
        name="source-archive-again",
    ),
    path("factchecks/", views.factcheck_list, name="factcheck-list"),
    path("factchecks/<int:pk>/", views.factcheck_public, name="factcheck-public"),
    path("factchecks/feed/", cached_public_page(PublishedFactchecksFeed()), name="factcheck-feed"),
]
