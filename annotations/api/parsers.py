"""The API's body parsers: DRF's, refusing what no endpoint can take with a 400 naming it.

A JSON document nested deeper than any endpoint's input would exhaust the parser's recursion
(a 500 from DRF's own parser), and a NUL character cannot be stored in PostgreSQL text.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import APIException, ParseError, ValidationError

from annotations.middleware import NUL, nul_message

# The deepest body any endpoint takes is an object holding a list of strings; this leaves room.
MAX_JSON_DEPTH = 32


def check_parsed(data: Any) -> None:
    """Raise ValidationError naming the first NUL-holding field, or ParseError if too deep."""
    pending: list[tuple[Any, str, int]] = [(data, "", 1)]
    while pending:
        value, path, depth = pending.pop()
        if depth > MAX_JSON_DEPTH:
            raise ParseError(
                _("The JSON body is nested more than %(max_json_depth)s levels deep.")
                % {"max_json_depth": MAX_JSON_DEPTH}
            )
        field = path or "non_field_errors"
        if isinstance(value, str):
            if NUL in value:
                raise ValidationError({field: [nul_message(_("The value"))]})
        elif isinstance(value, Mapping):
            for key, item in value.items():
                if NUL in str(key):
                    raise ValidationError({field: [nul_message(_("A field name"))]})
                pending.append((item, f"{path}.{key}" if path else str(key), depth + 1))
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                pending.append((item, f"{path}.{index}" if path else str(index), depth + 1))


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing deep nesting and NUL characters."""

    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(
                _("The JSON body is nested more than %(max_json_depth)s levels deep.")
                % {"max_json_depth": MAX_JSON_DEPTH}
            ) from None
        check_parsed(data)
        return data


def check_form(data: Any) -> None:
    """Raise ValidationError naming the first form field whose name or values hold a NUL."""
    for key, values in data.lists():
        if NUL in key:
            raise ValidationError({key.replace(NUL, ""): [nul_message(_("A field name"))]})
        for value in values:
            name = value if isinstance(value, str) else getattr(value, "name", "") or ""
            if NUL in name:
                raise ValidationError({key: [nul_message(_("The field '%(key)s'") % {"key": key})]})


class FormParser(parsers.FormParser):
    """DRF's form parser, refusing NUL characters (Django parses only POST forms itself)."""

    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        check_form(data)
        return data


class RequestTooLarge(APIException):
    """A request body over Django's DATA_UPLOAD_MAX_MEMORY_SIZE."""

    status_code = 413
    default_code = "too_large"
    default_detail = "The request body is larger than the limit."


class MultiPartParser(parsers.MultiPartParser):
    """DRF's multipart parser, refusing NUL characters in fields and file names."""

    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        # Django parses POST bodies before the view (and the middleware refuses them there);
        # the other methods' bodies meet Django's limits only here.
        try:
            result = super().parse(stream, media_type, parser_context)
        except RequestDataTooBig:
            raise RequestTooLarge() from None
        except (TooManyFieldsSent, TooManyFilesSent) as error:
            raise ParseError(str(error)) from None
        check_form(result.data)
        check_form(result.files)
        return result
