"""Top-level URL routes."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from annotations.views import language, profile, tokens


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
    path("accounts/tokens/", tokens.token_list, name="token-list"),
    path("accounts/profile/", profile.public_profile_edit, name="public-profile"),
    path("accounts/tokens/<int:pk>/revoke/", tokens.token_revoke, name="token-revoke"),
    path("i18n/language/", language.language_set, name="set-language"),
    # The scripts' translated strings (gettext() in static/annotations/*.js).
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["annotations"]),
        name="javascript-catalog",
    ),
    path("", include("annotations.urls")),
]
