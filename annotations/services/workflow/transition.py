"""The workflow's transition: the only code that changes a claim's status or assignee.

Every action locks the claim row, refuses a stale request (ConflictError), checks the actor's
role (PermissionDenied), the transition table and the guards (ValidationError), then hands the
claim to the action's handler (`handlers.py`), which changes it and records the step
(`effects.py`). A refused action changes nothing. The tables live in
`annotations.workflow_rules`; docs/workflow.md has the states, roles and guards in prose.
"""

from typing import TypedDict, Unpack

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from annotations.errors import ConflictError, rule_error
from annotations.models import Claim, ClaimStatus, Rating, ReviewAction, ReviewEvent
from annotations.selectors.review import claim_researcher_ids
from annotations.services.workflow.effects import Step
from annotations.services.workflow.handlers import HANDLERS
from annotations.workflow_rules import (
    ACTION_PERMISSIONS,
    ALLOWED_TRANSITIONS,
    COMMENT_REQUIRED,
    FOUR_EYES_ACTIONS,
    ROLE_NAMES,
    VERBS,
)


def claim_transition(
    *,
    claim: Claim,
    actor: AbstractBaseUser | None,
    action: str,
    expected_status: str | None = None,
    expected_version: int | None = None,
    comment: str = "",
    assignee: AbstractBaseUser | None = None,
    rating: Rating | None = None,
    explanation: str = "",
    correction: str = "",
) -> Claim:
    """Move a claim through the workflow by `action` and return it as saved.

    `expected_status`/`expected_version` are what the caller saw; if the claim has changed
    since, raise ConflictError. Raise PermissionDenied when the actor's role may not take the
    action (or the four-eyes rule forbids it), ValidationError naming the rule when the
    transition or a guard refuses it. `assignee` is for `assign`; `rating` and `explanation`
    for `review` and `adjudicate`; `correction` is the public note of a `reopen` (default: the
    comment). Nothing changes when an error is raised.
    """
    action = _parse_action(action)
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(_("Role rule: only a signed-in person can change a claim's status."))
    comment = (comment or "").strip()
    with transaction.atomic():
        current = (
            Claim.objects.select_for_update(of=("self",))
            .select_related("assignee", "researcher")
            .get(pk=claim.pk)
        )
        _check_fresh(
            current,
            actor=actor,
            expected_status=expected_status,
            expected_version=expected_version,
        )
        _check_role(actor, action)
        _check_transition(current, action)
        step = Step(
            claim=current,
            actor=actor,
            action=action,
            from_status=current.status,
            comment=comment,
            options={
                "assignee": assignee,
                "rating": rating,
                "explanation": (explanation or "").strip(),
                "correction": (correction or "").strip(),
            },
        )
        if action in FOUR_EYES_ACTIONS:
            _check_four_eyes(step)
        if action in COMMENT_REQUIRED and not comment:
            raise rule_error(
                "comment",
                (
                    _("Comment rule: %(comment_required)s")
                    % {"comment_required": COMMENT_REQUIRED[action]}
                ),
                code="comment_required",
            )
        event = HANDLERS[action](step)
    return event.claim


class Seen(TypedDict, total=False):
    """What the caller saw of the claim: `claim_transition` refuses a claim changed since."""

    expected_status: str | None
    expected_version: int | None


def claim_assign(
    *,
    claim: Claim,
    actor: AbstractBaseUser | None,
    assignee: AbstractBaseUser,
    comment: str = "",
    **seen: Unpack[Seen],
) -> Claim:
    """Assign the claim to `assignee` (yourself, or anyone if you are an editor)."""
    return claim_transition(
        claim=claim,
        actor=actor,
        action=ReviewAction.ASSIGN,
        assignee=assignee,
        comment=comment,
        **seen,
    )


def claim_unassign(
    *, claim: Claim, actor: AbstractBaseUser | None, comment: str = "", **seen: Unpack[Seen]
) -> Claim:
    """Take the claim off its assignee's queue (the assignee themselves, or an editor)."""
    return claim_transition(
        claim=claim, actor=actor, action=ReviewAction.UNASSIGN, comment=comment, **seen
    )


# Checks shared by every action.


def _parse_action(action: str) -> str:
    if action not in ALLOWED_TRANSITIONS:
        raise rule_error(
            "action",
            (
                _("Unknown action %(action)r; use one of %(join)s.")
                % {"action": action, "join": ", ".join(ALLOWED_TRANSITIONS)}
            ),
            code="unknown_action",
        )
    return ReviewAction(action).value


def _check_fresh(
    claim: Claim,
    *,
    actor: AbstractBaseUser,
    expected_status: str | None,
    expected_version: int | None,
) -> None:
    stale_status = expected_status is not None and claim.status != expected_status
    stale_version = expected_version is not None and claim.version != expected_version
    if not (stale_status or stale_version):
        return
    changed_by = _last_actor(claim)
    if stale_status:
        seen = (
            ClaimStatus(expected_status).label.lower()
            if expected_status in ClaimStatus.values
            else expected_status
        )
        detail = _("it is now %(status)s, not %(seen)s as you saw it") % {
            "status": claim.get_status_display().lower(),
            "seen": seen,
        }
    else:
        detail = _("you saw version %(seen)s, it is now version %(version)s") % {
            "seen": expected_version,
            "version": claim.version,
        }
    if changed_by == actor.get_username():
        # Back to a page served before one's own step, then the step again: say so plainly.
        message = _(
            "You already changed claim %(pk)s, in another window or an earlier request: "
            "%(detail)s. Reload it to see where it stands."
        ) % {"pk": claim.pk, "detail": detail}
    else:
        message = _(
            "Claim %(pk)s was changed by %(name)s meanwhile: %(detail)s. Reload it and decide "
            "again."
        ) % {"pk": claim.pk, "name": changed_by, "detail": detail}
    raise ConflictError(
        message,
        current_version=claim.version,
        current_status=claim.status,
        changed_by=changed_by,
    )


def _last_actor(claim: Claim) -> str:
    event = (
        ReviewEvent.objects.filter(claim=claim)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    record = claim.history.select_related("history_user").order_by("-history_date").first()
    candidates = [
        (event.at, event.actor) if event else None,
        (record.history_date, record.history_user) if record else None,
    ]
    latest = max((item for item in candidates if item), key=lambda item: item[0], default=None)
    return latest[1].get_username() if latest and latest[1] else "someone"


def _check_role(actor: AbstractBaseUser, action: str) -> None:
    permission = ACTION_PERMISSIONS.get(action)
    if permission is None or actor.has_perm(permission):
        return
    raise PermissionDenied(
        _(
            "Role rule: to %(verbs)s a claim you need the %(role_names)s role "
            "(%(permission)s); %(name)s does not have it."
        )
        % {
            "verbs": VERBS[action],
            "role_names": ROLE_NAMES[permission],
            "permission": permission,
            "name": actor.get_username(),
        }
    )


def _check_transition(claim: Claim, action: str) -> None:
    sources = ALLOWED_TRANSITIONS[action]
    if claim.status in sources:
        return
    allowed = ", ".join(ClaimStatus(status).label.lower() for status in sources)
    raise rule_error(
        "status",
        (
            _(
                "Transition rule: cannot %(verbs)s a claim that is %(status)s; only "
                "a claim that is %(allowed)s."
            )
            % {
                "verbs": VERBS[action],
                "status": claim.get_status_display().lower(),
                "allowed": allowed,
            }
        ),
        code="transition_not_allowed",
    )


def _check_four_eyes(step: Step) -> None:
    if step.actor.pk in claim_researcher_ids(step.claim):
        raise PermissionDenied(
            _(
                "Four-eyes rule: %(name)s researched this claim and so cannot "
                "%(verbs)s it; someone else must."
            )
            % {"name": step.actor.get_username(), "verbs": VERBS[step.action]}
        )
