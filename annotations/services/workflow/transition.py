"""The workflow's transition: the only code that changes a claim's status or assignee.

Every action locks the claim row, refuses a stale request (ConflictError), checks the actor's
role (PermissionDenied), the transition table and the guards (ValidationError), then hands the
claim to the action's handler (`handlers.py`), which changes it and records the step
(`effects.py`). A refused action changes nothing. The tables live in
`annotations.workflow_rules`; docs/workflow.md has the states, roles and guards in prose.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

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
        raise PermissionDenied("Role rule: only a signed-in person can change a claim's status.")
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
                "comment", f"Comment rule: {COMMENT_REQUIRED[action]}", code="comment_required"
            )
        event = HANDLERS[action](step)
    return event.claim


def claim_assign(
    *,
    claim: Claim,
    actor: AbstractBaseUser | None,
    assignee: AbstractBaseUser,
    expected_status: str | None = None,
    expected_version: int | None = None,
    comment: str = "",
) -> Claim:
    """Assign the claim to `assignee` (yourself, or anyone if you are an editor)."""
    return claim_transition(
        claim=claim,
        actor=actor,
        action=ReviewAction.ASSIGN,
        assignee=assignee,
        expected_status=expected_status,
        expected_version=expected_version,
        comment=comment,
    )


def claim_unassign(
    *,
    claim: Claim,
    actor: AbstractBaseUser | None,
    expected_status: str | None = None,
    expected_version: int | None = None,
    comment: str = "",
) -> Claim:
    """Take the claim off its assignee's queue (the assignee themselves, or an editor)."""
    return claim_transition(
        claim=claim,
        actor=actor,
        action=ReviewAction.UNASSIGN,
        expected_status=expected_status,
        expected_version=expected_version,
        comment=comment,
    )


# Checks shared by every action.


def _parse_action(action: str) -> str:
    if action not in ALLOWED_TRANSITIONS:
        raise rule_error(
            "action",
            f"Unknown action {action!r}; use one of {', '.join(ALLOWED_TRANSITIONS)}.",
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
        detail = f"it is now {claim.get_status_display().lower()}, not {seen} as you saw it"
    else:
        detail = f"you saw version {expected_version}, it is now version {claim.version}"
    if changed_by == actor.get_username():
        # Back to a page served before one's own step, then the step again: say so plainly.
        message = (
            f"You already changed claim {claim.pk}, in another window or an earlier request: "
            f"{detail}. Reload it to see where it stands."
        )
    else:
        message = f"Claim {claim.pk} was changed by {changed_by} meanwhile: {detail}. "
        message += "Reload it and decide again."
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
        f"Role rule: to {VERBS[action]} a claim you need the {ROLE_NAMES[permission]} role "
        f"({permission}); {actor.get_username()} does not have it."
    )


def _check_transition(claim: Claim, action: str) -> None:
    sources = ALLOWED_TRANSITIONS[action]
    if claim.status in sources:
        return
    allowed = ", ".join(ClaimStatus(status).label.lower() for status in sources)
    raise rule_error(
        "status",
        f"Transition rule: cannot {VERBS[action]} a claim that is "
        f"{claim.get_status_display().lower()}; only a claim that is {allowed}.",
        code="transition_not_allowed",
    )


def _check_four_eyes(step: Step) -> None:
    if step.actor.pk in claim_researcher_ids(step.claim):
        raise PermissionDenied(
            f"Four-eyes rule: {step.actor.get_username()} researched this claim and so cannot "
            f"{VERBS[step.action]} it; someone else must."
        )
