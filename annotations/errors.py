"""Errors the services raise besides Django's ValidationError and PermissionDenied."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class ConflictError(Exception):
    """The caller acted on a state of the claim that has changed meanwhile."""

    def __init__(
        self,
        message: str,
        *,
        current_version: int | None = None,
        current_status: str | None = None,
        changed_by: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.current_version = current_version
        self.current_status = current_status
        self.changed_by = changed_by


class DuplicateArticleError(ValidationError):
    """The article is already here (same URL or same text); `article` is the one that exists.

    A ValidationError on `field`, so every surface that shows validation errors shows this
    one; the API answers it with 409 and the existing article, the pages with a link to it.
    """

    def __init__(self, *, article, reason: str) -> None:
        field_name = "url" if reason == "url" else "text"
        title = article.title or _("Article %(pk)s") % {"pk": article.pk}
        message = (
            _("An article with this URL already exists: “%(title)s” (article %(pk)s).")
            if reason == "url"
            else _("An article with this text already exists: “%(title)s” (article %(pk)s).")
        )
        self.summary = message % {"title": title, "pk": article.pk}
        super().__init__({field_name: ValidationError(self.summary, code="duplicate")})
        self.article = article
        self.reason = reason
        self.field = field_name


def rule_error(field_name: str, message: str, *, code: str) -> ValidationError:
    """Return a ValidationError for one field whose message names the rule, with its code."""
    return ValidationError({field_name: ValidationError(message, code=code)})


def error_message(error: Exception, *, default: str | None = None) -> str:
    """Return the message of a service's refusal as one line of text."""
    default = default or _("Not allowed.")
    if isinstance(error, ConflictError):
        return error.message
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or default


def field_messages(error: Exception) -> str:
    """Return a validation error as one line naming each offending field."""
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    return error_message(error)
