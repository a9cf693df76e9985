"""Pieces the moderation admin shares: read-only registrations and bulk outcome reports."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from annotations.errors import ConflictError, error_message

T = TypeVar("T")

# The errors a service raises when it refuses one object; anything else is a bug and surfaces.
REFUSALS = (ValidationError, PermissionDenied, ConflictError)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by the services: visible here, never edited here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    """Related rows shown on an object's page, never added, changed or deleted there."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


def refusal_reason(error: Exception) -> str:
    """Return the message of a service's refusal as one line of text."""
    return error_message(error, default=_("Not allowed."))


# Failures a bulk action names one by one before counting the rest.
NAMED_FAILURES = 20


@dataclass
class BulkOutcome:
    """Which objects a bulk action changed and which it skipped, with the reason for each."""

    done: list[Any] = field(default_factory=list)
    skipped: list[tuple[Any, str]] = field(default_factory=list)

    def run(self, objects: Iterable[T], apply: Callable[[T], object]) -> "BulkOutcome":
        """Apply `apply` to each object on its own; a refusal skips that object only."""
        for obj in objects:
            try:
                apply(obj)
            except REFUSALS as error:
                self.skipped.append((obj, refusal_reason(error)))
            else:
                self.done.append(obj)
        return self

    def report(
        self,
        request: HttpRequest,
        *,
        verb: str,
        noun: tuple[str, str],
        name: Callable[[Any], str] = str,
    ) -> None:
        """Tell the user how many succeeded and failed, naming each failure with its reason."""
        singular, plural = noun
        done = len(self.done)
        if not self.skipped:
            messages.success(
                request,
                _("%(verb)s %(count)s %(noun)s.")
                % {"verb": verb, "count": done, "noun": singular if done == 1 else plural},
            )
            return
        failed = len(self.skipped)
        summary = _("%(verb)s %(count)s %(noun)s; %(failures)s") % {
            "verb": verb,
            "count": done,
            "noun": singular if done == 1 else plural,
            "failures": ngettext(
                "%(count)s failed and was left as they were:",
                "%(count)s failed and were left as they were:",
                failed,
            )
            % {"count": failed},
        }
        # A selection across pages may fail by the thousand: name the first few.
        shown = self.skipped[:NAMED_FAILURES]
        items = format_html_join(
            "", "<li><strong>{}</strong>: {}</li>", ((name(o), why) for o, why in shown)
        )
        if failed > len(shown):
            items += format_html(
                "<li>{}</li>", _("and %(count)s more") % {"count": failed - len(shown)}
            )
        level = messages.WARNING if done else messages.ERROR
        messages.add_message(request, level, format_html("{}<ul>{}</ul>", summary, items))
