"""Refuse request input that no view could store or parse, before any view or session sees it.

PostgreSQL cannot hold a NUL character in text (SQLite can), so a NUL anywhere a view might
read it, in the path, a query parameter, a form field, a header or a cookie, is refused here
with 400 on either database. Bodies over the configured size and requests with too many fields
are refused too. Pages get a short HTML message; the API (`/api/`) gets its own error shape.
Both speak the request's language, chosen here since LocaleMiddleware has not run yet.
JSON bodies and uploaded files are read by the API's parser and the services, which refuse
NUL characters there with the field named.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html
from django.utils.translation import gettext as _

from annotations.i18n import request_language
from annotations.search import search_length_error

NUL = "\x00"
API_PREFIX = "/api/"
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class Refusal(Exception):
    """A request input refused before the view: the HTTP status, the field and why."""

    def __init__(self, status: int, field: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.field = field
        self.message = message


def nul_message(name: str) -> str:
    """Return the message that refuses a NUL character in the named input."""
    return _("%(name)s contains a NUL character (U+0000), which is not allowed in text.") % {
        "name": name
    }


def max_body_bytes(content_type: str) -> int | None:
    """Return the largest request body accepted for this content type, or None for no limit."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None:
        return None
    if content_type.startswith("multipart/"):
        # Django's limit leaves out uploaded files; the largest file taken is one article.
        return limit + settings.FACTCHECK_MAX_ARTICLE_BYTES
    return limit


class HostileInputMiddleware:
    """Answer 400 or 413 to input that would crash a view, and let the rest through."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with translation.override(request_language(request)):
            try:
                check_request(request)
            except Refusal as refusal:
                return refusal_response(request, refusal)
        return self.get_response(request)


def check_request(request: HttpRequest) -> None:
    """Raise Refusal when the path, query, headers, cookies or form fields are unusable."""
    if NUL in request.path:
        raise Refusal(400, "path", nul_message(_("The address")))
    _check_size(request)
    try:
        query = request.GET
    except TooManyFieldsSent:
        raise Refusal(400, "query", _too_many_fields()) from None
    _check_fields(
        query, names=_("A query parameter name"), value=_("The query parameter '%(key)s'")
    )
    if request.path.startswith(reverse("admin:index")):
        _check_admin_search(query)
    for key, value in request.META.items():
        if key.startswith("HTTP_") and isinstance(value, str) and NUL in value:
            header = key.removeprefix("HTTP_").replace("_", "-").title()
            raise Refusal(400, header, nul_message(_("The header %(header)s") % {"header": header}))
    # Django parses form bodies of POST only; the API's parsers check the other methods.
    if request.method == "POST" and request.content_type in _FORM_TYPES:
        try:
            form, files = request.POST, request.FILES
        except RequestDataTooBig:
            raise Refusal(413, "body", _too_big(request)) from None
        except (TooManyFieldsSent, TooManyFilesSent):
            raise Refusal(400, "body", _too_many_fields()) from None
        except (MultiPartParserError, UnreadablePostError) as error:
            message = _("The form data cannot be read: %(error)s") % {"error": error}
            raise Refusal(400, "body", message) from None
        _check_fields(form, names=_("A field name"), value=_("The field '%(key)s'"))
        for name, upload in files.items():
            if NUL in name or NUL in (upload.name or ""):
                what = _("The file name of '%(key)s'") % {"key": _shown(name)}
                raise Refusal(400, _shown(name), nul_message(what))


def _check_admin_search(query) -> None:
    for name in ("q", "term"):  # the change lists' search and the autocomplete's
        message = search_length_error(query.get(name, ""))
        if message:
            raise Refusal(400, name, message)


def _check_size(request: HttpRequest) -> None:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        message = _("The Content-Length header is not a number.")
        raise Refusal(400, "Content-Length", message) from None
    limit = max_body_bytes(request.content_type or "")
    if limit is not None and length > limit:
        raise Refusal(413, "body", _too_big(request, length=length))


def _check_fields(fields, *, names: str, value: str) -> None:
    # `names` says what a bad name is, `value` (with %(key)s) what a bad value is.
    for name, values in fields.lists():
        if NUL in name:
            raise Refusal(400, _shown(name), nul_message(names))
        for item in values:
            if isinstance(item, str) and NUL in item:
                raise Refusal(400, _shown(name), nul_message(value % {"key": _shown(name)}))


def _shown(name: str) -> str:
    """Return a field name fit for a message: no NUL, and not a hundred kilobytes long."""
    name = name.replace(NUL, "")
    return name if len(name) <= 60 else name[:60] + "…"


def _too_big(request: HttpRequest, *, length: int | None = None) -> str:
    limit = max_body_bytes(request.content_type or "")
    if length:
        return _(
            "The request body (%(length)s bytes) is larger than the limit of %(limit)s bytes."
        ) % {"length": length, "limit": limit}
    return _("The request body is larger than the limit of %(limit)s bytes.") % {"limit": limit}


def _too_many_fields() -> str:
    return _("The request has more than %(fields)s fields or %(files)s files.") % {
        "fields": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
        "files": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
    }


def refusal_response(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    """Return the refusal as the API's error shape under /api/, else as a short HTML page."""
    if request.path_info.startswith(API_PREFIX):
        response = JsonResponse(
            {
                "message": refusal.message,
                "code": "too_large" if refusal.status == 413 else "invalid",
                "fields": {refusal.field: [refusal.message]},
            },
            status=refusal.status,
        )
        return _in_language(response)
    title = _("Request too large") if refusal.status == 413 else _("Bad request")
    body = format_html(
        '<!doctype html><html lang="{}" dir="{}"><head><meta charset="utf-8"><title>{}</title>'
        "</head><body><h1>{}</h1><p>{}</p></body></html>",
        translation.get_language(),
        "rtl" if translation.get_language_bidi() else "ltr",
        title,
        title,
        refusal.message,
    )
    return _in_language(
        HttpResponse(body, status=refusal.status, content_type="text/html; charset=utf-8")
    )


def _in_language(response: HttpResponse) -> HttpResponse:
    # LocaleMiddleware, further in, never sees this answer: say what it would have said.
    response["Content-Language"] = translation.get_language()
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response
