"""Refuse request input that no view could store or parse, before any view or session sees it.

PostgreSQL cannot hold a NUL character in text (SQLite can), so a NUL anywhere a view might
read it, in the path, a query parameter, a form field, a header or a cookie, is refused here
with 400 on either database. Bodies over the configured size and requests with too many fields
are refused too. Pages get a short HTML message; the API (`/api/`) gets its own error shape.
JSON bodies and uploaded files are read by the API's parser and the services, which refuse
NUL characters there with the field named.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils.html import format_html

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
    return f"{name} contains a NUL character (U+0000), which is not allowed in text."


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
        try:
            check_request(request)
        except Refusal as refusal:
            return refusal_response(request, refusal)
        return self.get_response(request)


def check_request(request: HttpRequest) -> None:
    """Raise Refusal when the path, query, headers, cookies or form fields are unusable."""
    if NUL in request.path:
        raise Refusal(400, "path", nul_message("The address"))
    _check_size(request)
    try:
        query = request.GET
    except TooManyFieldsSent:
        raise Refusal(400, "query", _too_many_fields()) from None
    _check_fields(query, kind="query parameter")
    if request.path.startswith(reverse("admin:index")):
        _check_admin_search(query)
    for key, value in request.META.items():
        if key.startswith("HTTP_") and isinstance(value, str) and NUL in value:
            header = key.removeprefix("HTTP_").replace("_", "-").title()
            raise Refusal(400, header, nul_message(f"The header {header}"))
    # Django parses form bodies of POST only; the API's parsers check the other methods.
    if request.method == "POST" and request.content_type in _FORM_TYPES:
        try:
            form, files = request.POST, request.FILES
        except RequestDataTooBig:
            raise Refusal(413, "body", _too_big(request)) from None
        except (TooManyFieldsSent, TooManyFilesSent):
            raise Refusal(400, "body", _too_many_fields()) from None
        except (MultiPartParserError, UnreadablePostError) as error:
            raise Refusal(400, "body", f"The form data cannot be read: {error}") from None
        _check_fields(form, kind="field")
        for name, upload in files.items():
            if NUL in name or NUL in (upload.name or ""):
                raise Refusal(400, _shown(name), nul_message(f"The file name of '{_shown(name)}'"))


def _check_admin_search(query) -> None:
    for name in ("q", "term"):  # the change lists' search and the autocomplete's
        message = search_length_error(query.get(name, ""))
        if message:
            raise Refusal(400, name, message)


def _check_size(request: HttpRequest) -> None:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise Refusal(400, "Content-Length", "The Content-Length header is not a number.") from None
    limit = max_body_bytes(request.content_type or "")
    if limit is not None and length > limit:
        raise Refusal(413, "body", _too_big(request, length=length))


def _check_fields(fields, *, kind: str) -> None:
    for name, values in fields.lists():
        if NUL in name:
            raise Refusal(400, _shown(name), nul_message(f"A {kind} name"))
        for value in values:
            if isinstance(value, str) and NUL in value:
                raise Refusal(400, _shown(name), nul_message(f"The {kind} '{_shown(name)}'"))


def _shown(name: str) -> str:
    """Return a field name fit for a message: no NUL, and not a hundred kilobytes long."""
    name = name.replace(NUL, "")
    return name if len(name) <= 60 else name[:60] + "…"


def _too_big(request: HttpRequest, *, length: int | None = None) -> str:
    limit = max_body_bytes(request.content_type or "")
    size = f" ({length} bytes)" if length else ""
    return f"The request body{size} is larger than the limit of {limit} bytes."


def _too_many_fields() -> str:
    return (
        f"The request has more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} fields "
        f"or {settings.DATA_UPLOAD_MAX_NUMBER_FILES} files."
    )


def refusal_response(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    """Return the refusal as the API's error shape under /api/, else as a short HTML page."""
    if request.path_info.startswith(API_PREFIX):
        return JsonResponse(
            {
                "message": refusal.message,
                "code": "too_large" if refusal.status == 413 else "invalid",
                "fields": {refusal.field: [refusal.message]},
            },
            status=refusal.status,
        )
    title = "Request too large" if refusal.status == 413 else "Bad request"
    body = format_html(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{}</title></head>'
        "<body><h1>{}</h1><p>{}</p></body></html>",
        title,
        title,
        refusal.message,
    )
    return HttpResponse(body, status=refusal.status, content_type="text/html; charset=utf-8")
