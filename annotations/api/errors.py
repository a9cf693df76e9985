"""One error shape for every 4xx: a message, a code and, for validation errors, the fields."""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from annotations.errors import ConflictError, DuplicateArticleError


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """Map service and DRF errors to `{"message", "code", "fields"?}` responses."""
    if isinstance(exc, ConflictError):
        body = {
            "message": exc.message,
            "code": "conflict",
            "current_version": exc.current_version,
            "current_status": exc.current_status,
            "changed_by": exc.changed_by,
        }
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DuplicateArticleError):
        return Response(_duplicate(exc, context), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=_django_errors(exc))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(detail=str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(detail=str(exc) or None)

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = _fields(exc.detail)
        response.data = {
            "message": _summary(fields),
            "code": "invalid",
            "fields": fields,
        }
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        response.data = {
            "message": str(detail),
            "code": getattr(detail, "code", None) or getattr(exc, "default_code", "error"),
        }
    return response


def _duplicate(exc: DuplicateArticleError, context: dict) -> dict[str, Any]:
    """Name the article that is already here, with where to read it (API and page)."""
    article = exc.article
    request = context.get("request")
    api_url = reverse("api:article-detail", args=[article.pk])
    page_url = article.get_absolute_url()
    if request is not None:
        api_url, page_url = (
            request.build_absolute_uri(api_url),
            request.build_absolute_uri(page_url),
        )
    return {
        "message": exc.summary,
        "code": "duplicate",
        "fields": {exc.field: [exc.summary]},
        "article": {"id": article.pk, "title": article.title, "url": api_url, "page": page_url},
    }


def _django_errors(error: DjangoValidationError) -> dict[str, list[str]] | list[str]:
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == NON_FIELD_ERRORS else field): messages
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": error.messages}


def _fields(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Flatten nested DRF error details into `{"field" or "field.sub": [messages]}`."""
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            flat.update(_fields(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(detail, list) and detail and all(isinstance(item, dict) for item in detail):
        flat = {}
        for index, item in enumerate(detail):
            flat.update(_fields(item, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    if isinstance(detail, list):
        return {prefix or "non_field_errors": [str(item) for item in detail]}
    return {prefix or "non_field_errors": [str(detail)]}


def _summary(fields: dict[str, list[str]]) -> str:
    parts = []
    for field, messages in fields.items():
        text = " ".join(messages)
        parts.append(text if field == "non_field_errors" else f"{field}: {text}")
    return "; ".join(parts) or _("Invalid input.")
