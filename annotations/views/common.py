"""Helpers every page shares: JSON for a script element, safe redirects, refusals answered."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from annotations.errors import ConflictError, error_message
from annotations.forms import apply_errors
from annotations.services.triage import TriageResult


def json_for_script(value: Any) -> SafeString:
    """Return JSON that is safe inside a <script> element (as Django's json_script escapes)."""
    # Django's encoder writes translated labels (lazy strings) as the active language's text.
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    # Safe: no character that could close the element or open a comment is left unescaped.
    return mark_safe(text)


def message_of(error: Exception) -> str:
    """Return a service's refusal as the one line a page shows."""
    return error_message(error, default=_("You may not do that."))


def report_triage(request: HttpRequest, results: list[TriageResult], *, done: str) -> None:
    """Say how many claims a bulk step changed (`done` says how), and why each other was not."""
    changed = sum(1 for result in results if result.done)
    if changed:
        messages.success(
            request,
            ngettext("%(count)s claim %(done)s.", "%(count)s claims %(done)s.", changed)
            % {"count": changed, "done": done},
        )
    for result in results:
        if not result.done:
            messages.error(
                request,
                (
                    _("Claim %(claim_id)s was not changed: %(message)s")
                    % {"claim_id": result.claim_id, "message": result.message}
                ),
            )


def safe_next(request: HttpRequest, default: str) -> str:
    """Return the posted `next` URL when it stays on this site, `default` otherwise."""
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@dataclass
class Refusal:
    """What a `with` block's service call was answered: nothing, or the refusal's status."""

    status: int = 0


@contextmanager
def refusal_as_message(
    request: HttpRequest,
    prefix: str = "",
    refusals: tuple[type[Exception], ...] = (ValidationError, PermissionDenied, ConflictError),
) -> Iterator[Refusal]:
    """Turn a service's refusal inside the block into an error message for the next page."""
    refusal = Refusal()
    try:
        yield refusal
    except refusals as error:
        messages.error(request, f"{prefix}{message_of(error)}")
        refusal.status = 409 if isinstance(error, ConflictError) else 400


@contextmanager
def refusal_on_form(form: forms.Form, *, forbidden: int = 403) -> Iterator[Refusal]:
    """Put a service's refusal inside the block on the form: fields named, status kept."""
    refusal = Refusal()
    try:
        yield refusal
    except ValidationError as error:
        apply_errors(form, error)
        refusal.status = 400
    except PermissionDenied as error:
        form.add_error(None, message_of(error))
        refusal.status = forbidden
