"""Top-level URL routes."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path

from annotations import profile_views, token_views


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Send browsers to the icon (asked for on every page, the admin's and API docs' too)."""
    # Resolved per request, since the hashed name changes with each release; a temporary
    # redirect, so browsers do not keep the old name for good.
    return HttpResponseRedirect(static("annotations/favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/", admin.site.urls),
    path("api/v1/", include("annotations.api.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/tokens/", token_views.token_list, name="token-list"),
    path("accounts/profile/", profile_views.public_profile_edit, name="public-profile"),
    path("accounts/tokens/<int:pk>/revoke/", token_views.token_revoke, name="token-revoke"),
    path("", include("annotations.urls")),
]
