"""Pagination: page numbers for small lists, cursors for claims (stable under inserts).

DRF quietly falls back to the default page size when `page_size` is not a number or is out of
range; here such a value is refused with a 400 naming it, as the schema's bounds promise.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError


def _checked_page_size(paginator, request) -> int:
    raw = request.query_params.get(paginator.page_size_query_param)
    if raw is None:
        return paginator.page_size
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if not 1 <= size <= paginator.max_page_size or str(size) != raw.strip():
        raise ValidationError(
            {
                paginator.page_size_query_param: [
                    (
                        _("Give a whole number from 1 to %(max_page_size)s, not %(raw)r.")
                        % {"max_page_size": paginator.max_page_size, "raw": raw}
                    )
                ]
            }
        )
    return size


def _bounded(parameters: list[dict], paginator) -> list[dict]:
    for parameter in parameters:
        if parameter.get("name") == paginator.page_size_query_param:
            parameter["schema"] = {
                **parameter.get("schema", {}),
                "minimum": 1,
                "maximum": paginator.max_page_size,
            }
        elif parameter.get("name") == getattr(paginator, "page_query_param", None):
            parameter["schema"] = {**parameter.get("schema", {}), "minimum": 1}
    return parameters


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request) -> int:
        return _checked_page_size(self, request)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return _bounded(super().get_schema_operation_parameters(view), self)


class ClaimCursorPagination(pagination.CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = ("-updated_at", "-id")

    def get_page_size(self, request) -> int:
        return _checked_page_size(self, request)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return _bounded(super().get_schema_operation_parameters(view), self)
