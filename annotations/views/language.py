"""The language switcher: Django's `set_language`, remembered as the person's preference."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from annotations.i18n import offered_languages, remember_language
from annotations.services.people import interface_language_set
from annotations.views.common import refusal_as_message, safe_next


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; a signed-in person keeps it as their preference."""
    language = request.POST.get("language", "").strip()
    if language and language not in offered_languages():
        messages.error(
            request,
            _("“%(language)s” is not a language of this site; choose one from the list.")
            % {"language": language[:20]},
        )
        return redirect(safe_next(request, reverse("home")))
    if request.user.is_authenticated:
        with refusal_as_message(request) as refusal:
            interface_language_set(user=request.user, actor=request.user, language=language)
        if refusal.status:
            return redirect(safe_next(request, reverse("home")))
        remember_language(request, language)
    # Django's view checks `next` and sets the language cookie that LocaleMiddleware reads.
    response = set_language(request)
    if not language:
        response.delete_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
