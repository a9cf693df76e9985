"""Browser pages of the workspace."""

from django.urls import path

from annotations import views

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<int:pk>/", views.article_detail, name="article-detail"),
]
