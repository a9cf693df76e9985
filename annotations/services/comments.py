"""Discussion on a claim: post, edit for a short while, hide and unhide; never delete."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from annotations.errors import rule_error
from annotations.models import Claim, Comment
from annotations.permissions import MODERATE_COMMENT, user_can_moderate
from annotations.services.notifications import mentions_notify

MAX_COMMENT_LENGTH = 10_000
DEFAULT_EDIT_WINDOW = 900


def comment_edit_window() -> datetime.timedelta:
    """Return how long after posting a comment its author may still edit it."""
    return datetime.timedelta(
        seconds=getattr(settings, "FACTCHECK_COMMENT_EDIT_WINDOW", DEFAULT_EDIT_WINDOW)
    )


def comment_add(*, claim: Claim, actor: AbstractBaseUser | None, text: str) -> Comment:
    """Post a comment on a claim."""
    if actor is None or not actor.has_perm("annotations.add_comment"):
        raise PermissionDenied(_("Role rule: commenting needs a role (annotations.add_comment)."))
    comment = Comment(claim=claim, author=actor, text=_clean_text(text))
    comment.full_clean()
    comment._history_user = actor
    comment.save()
    # Mentions are notified once the comment is saved for good; a failure there is logged.
    transaction.on_commit(lambda: mentions_notify(comment=comment), robust=True)
    return comment


def comment_edit(*, comment: Comment, actor: AbstractBaseUser | None, text: str) -> Comment:
    """Change a comment's text: only its author, only within the edit window, never once hidden.

    The window keeps a discussion honest: a reply must not end up answering words that were
    changed afterwards. The earlier text stays in the comment's history.
    """
    text = _clean_text(text)
    with transaction.atomic():
        current = Comment.objects.select_for_update().get(pk=comment.pk)
        if actor is None or current.author_id != actor.pk:
            raise PermissionDenied(_("Comment rule: only its author can edit a comment."))
        if current.hidden:
            raise rule_error(
                "text", _("Comment rule: a hidden comment cannot be edited."), code="comment_hidden"
            )
        window = comment_edit_window()
        age = timezone.now() - current.created_at
        if age > window:
            raise rule_error(
                "text",
                (
                    _(
                        "Comment rule: a comment can be edited for %(minutes)s after it is "
                        "posted; this one was posted %(minutes2)s ago. Add a new comment "
                        "instead."
                    )
                    % {"minutes": _minutes(window), "minutes2": _minutes(age)}
                ),
                code="edit_window_closed",
            )
        if current.text == text:
            return current
        current.text = text
        current.edited_at = timezone.now()
        current.full_clean()
        current._history_user = actor
        current.save()
    return current


def comment_hide(*, comment: Comment, actor: AbstractBaseUser | None, reason: str = "") -> Comment:
    """Hide a comment from the discussion (moderation); it stays on record."""
    return _set_hidden(comment=comment, actor=actor, hidden=True, reason=reason)


def comment_unhide(
    *, comment: Comment, actor: AbstractBaseUser | None, reason: str = ""
) -> Comment:
    """Show a hidden comment again."""
    return _set_hidden(comment=comment, actor=actor, hidden=False, reason=reason)


def _set_hidden(
    *, comment: Comment, actor: AbstractBaseUser | None, hidden: bool, reason: str
) -> Comment:
    if actor is None or not user_can_moderate(actor):
        raise PermissionDenied(
            _(
                "Role rule: hiding and unhiding comments needs the editor role "
                "(%(moderate_comment)s)."
            )
            % {"moderate_comment": MODERATE_COMMENT}
        )
    with transaction.atomic():
        current = (
            Comment.objects.select_for_update(of=("self",))
            .select_related("hidden_by")
            .get(pk=comment.pk)
        )
        if current.hidden == hidden:
            state = "hidden" if hidden else "visible"
            shown_state = _("hidden") if hidden else _("visible")
            by = (
                _(" (hidden by %(name)s)") % {"name": current.hidden_by.get_username()}
                if current.hidden_by
                else ""
            )
            raise rule_error(
                "hidden",
                (
                    _("Moderation rule: the comment is already %(state)s%(by)s.")
                    % {"state": shown_state, "by": by}
                ),
                code="already_" + state,
            )
        current.hidden = hidden
        current.hidden_by = actor if hidden else None
        current.hidden_at = timezone.now() if hidden else None
        current.full_clean()
        current._history_user = actor
        # The reason lands in the comment's history, next to who hid it and when.
        current._change_reason = (reason or "").strip()[:100] or None
        current.save()
    return current


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise rule_error("text", _("The comment is empty."), code="empty")
    if len(text) > MAX_COMMENT_LENGTH:
        raise rule_error(
            "text",
            (
                _("A comment is at most %(max_comment_length)s characters; this one is %(count)s.")
                % {"max_comment_length": MAX_COMMENT_LENGTH, "count": len(text)}
            ),
            code="too_long",
        )
    return text


def _minutes(delta: datetime.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        seconds = int(delta.total_seconds())
        return ngettext("%(count)s second", "%(count)s seconds", seconds) % {"count": seconds}
    return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
