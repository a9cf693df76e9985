"""Input parsing shared by the services."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def parse_date(value: datetime.date | str | None, *, field: str) -> datetime.date | None:
    """Return a date from a date, a datetime or an ISO `YYYY-MM-DD` string; None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(
            {field: _("%(value)r is not a date in the form YYYY-MM-DD.") % {"value": value}}
        ) from None


def refuse_nul(value: str, *, field: str) -> str:
    """Return the text unchanged, or raise ValidationError if it holds a NUL character.

    PostgreSQL cannot store NUL in text (SQLite can); refusing it everywhere keeps the two
    databases taking the same input.
    """
    position = value.find("\x00")
    if position != -1:
        raise ValidationError(
            {
                field: _(
                    "The text contains a NUL character (U+0000) at position %(position)s, "
                    "which is not allowed in text."
                )
                % {"position": position}
            }
        )
    return value


# The longest free text (an evidence excerpt or note, a verdict's explanation) in characters:
# pages of prose, but not a whole document pasted into a field.
MAX_TEXT_CHARS = 10_000


def check_length(value: str, *, field: str, limit: int = MAX_TEXT_CHARS) -> str:
    """Return the text unchanged, or raise ValidationError naming the field if it is too long."""
    if len(value) > limit:
        raise ValidationError(
            {
                field: _("The text is %(length)s characters long; use at most %(limit)s.")
                % {
                    "length": number_format(len(value), force_grouping=True),
                    "limit": number_format(limit, force_grouping=True),
                }
            }
        )
    return value


class SystemActor:
    """The operator at the command line: trusted with imports and splits, credited to nobody.

    Only the services that call `require_permission` accept it; to every other check it is a
    stranger with no permission, so it cannot review, publish or sign anything.
    """

    pk = None
    is_authenticated = False
    is_active = False

    def has_perm(self, perm: str, obj: object = None) -> bool:
        """Return False: only `require_permission` trusts the command line."""
        return False

    def get_username(self) -> str:
        """Return how the command line is named in messages."""
        return _("the command line")


SYSTEM = SystemActor()

Actor = AbstractBaseUser | SystemActor | None


def require_permission(actor: Actor, permission: str, *, doing: str) -> None:
    """Raise PermissionDenied naming the rule unless the actor holds the permission.

    `doing` completes "to <doing> you need ...", e.g. "import an article".
    """
    if isinstance(actor, SystemActor) or (actor is not None and actor.has_perm(permission)):
        return
    raise PermissionDenied(
        _("Role rule: to %(doing)s you need the annotator or editor role (%(permission)s).")
        % {"doing": doing, "permission": permission}
    )


def credited(actor: Actor) -> AbstractBaseUser | None:
    """Return the account a write is credited to: none for the command line."""
    return None if isinstance(actor, SystemActor) else actor
