"""The interface language: a signed-in person's preference wins over the browser's.

Django's LocaleMiddleware picks the language from the language cookie (the switcher sets it),
then the browser's Accept-Language. A person's preferred language (`PublicProfile.
interface_language`) is read once, at sign-in, into the session; `PreferredLanguageMiddleware`
applies it on each of their requests, so no page pays an extra query for it.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from annotations.selectors import public_profile_of

SESSION_KEY = "interface_language"


def offered_languages() -> dict[str, str]:
    """Return the interface languages this site offers, code → name."""
    return dict(settings.LANGUAGES)


def request_language(request: HttpRequest) -> str:
    """Return the language of a request that is answered before its session is opened.

    The language cookie, else Accept-Language, else LANGUAGE_CODE, as LocaleMiddleware
    chooses. The signed-in person's preference lives in the session, which is not read here:
    opening it costs a cache or database read, and its cookie may be the very input refused.
    """
    return translation.get_language_from_request(request)


def remember_language(request: HttpRequest, language: str) -> None:
    """Keep the person's preferred language in their session (blank: follow the browser)."""
    session = getattr(request, "session", None)
    if session is None:
        return
    if language:
        session[SESSION_KEY] = language
    else:
        session.pop(SESSION_KEY, None)


class PreferredLanguageMiddleware:
    """Switch to the signed-in person's preferred language (after LocaleMiddleware's choice)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        language = session.get(SESSION_KEY) if session is not None else None
        # A language since dropped from LANGUAGES is ignored rather than served half-translated.
        if language and language in offered_languages():
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


def on_logged_in(sender, request: HttpRequest | None, user: AbstractBaseUser, **kwargs) -> None:
    """Put the person's preferred language in the new session (`accounts.connect` hooks it)."""
    if request is None:
        return
    profile = public_profile_of(user=user)
    remember_language(request, profile.interface_language if profile else "")
