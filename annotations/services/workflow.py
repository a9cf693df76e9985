"""The review workflow: the only code that changes a claim's status or assignee.

Every action locks the claim row, refuses a stale request (ConflictError), checks the actor's
role (PermissionDenied), the transition table and the guards (ValidationError), then changes
the claim, bumps its version, writes exactly one ReviewEvent and, once the transaction has
committed, sends `claim_transitioned` and logs the step. A refused action changes nothing.
See docs/workflow.md for the states, roles and guards in prose.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from annotations.errors import ConflictError
from annotations.models import (
    Claim,
    ClaimStatus,
    Correction,
    Evidence,
    Rating,
    RatingScale,
    ReviewAction,
    ReviewEvent,
    Verdict,
    VerdictRole,
)
from annotations.permissions import ASSIGN_CLAIM, PUBLISH_CLAIM, RESEARCH_CLAIM, REVIEW_CLAIM

logger = logging.getLogger("annotations.workflow")

S = ClaimStatus
A = ReviewAction

# Sent after the transaction commits, never for a refused action. Receivers get
# claim, event, actor, action, from_status and to_status as keyword arguments.
claim_transitioned = Signal()

# Statuses in which someone still has work to do on the claim, so it can be assigned.
WORK_STATUSES = (S.CANDIDATE, S.RESEARCHING, S.IN_REVIEW, S.APPROVED)

# action → {from status: to status}. Anything not listed is refused.
ALLOWED_TRANSITIONS: dict[str, dict[str, str]] = {
    A.START: {S.CANDIDATE: S.RESEARCHING},
    A.SUBMIT: {S.RESEARCHING: S.IN_REVIEW},
    A.APPROVE: {S.IN_REVIEW: S.APPROVED},
    A.REQUEST_CHANGES: {S.IN_REVIEW: S.RESEARCHING},
    A.PUBLISH: {S.APPROVED: S.PUBLISHED},
    A.DISMISS: {S.CANDIDATE: S.DISMISSED},
    A.RESTORE: {S.DISMISSED: S.CANDIDATE},
    A.REOPEN: {S.PUBLISHED: S.RESEARCHING},
    # Blind double review: a reviewer's verdict keeps the claim in review, except the second
    # one when both agree, which approves it (see `_review`).
    A.REVIEW: {S.IN_REVIEW: S.IN_REVIEW},
    A.ADJUDICATE: {S.IN_REVIEW: S.APPROVED},
    A.ASSIGN: {status: status for status in WORK_STATUSES},
    A.UNASSIGN: {status: status for status in WORK_STATUSES},
}

# The permission each action needs; assign/unassign depend on who is assigned (see `_assign`).
ACTION_PERMISSIONS: dict[str, str] = {
    A.START: RESEARCH_CLAIM,
    A.SUBMIT: RESEARCH_CLAIM,
    A.APPROVE: REVIEW_CLAIM,
    A.REQUEST_CHANGES: REVIEW_CLAIM,
    A.REVIEW: REVIEW_CLAIM,
    A.ADJUDICATE: PUBLISH_CLAIM,
    A.PUBLISH: PUBLISH_CLAIM,
    A.DISMISS: PUBLISH_CLAIM,
    A.RESTORE: PUBLISH_CLAIM,
    A.REOPEN: PUBLISH_CLAIM,
}

ROLE_NAMES: dict[str, str] = {
    RESEARCH_CLAIM: "annotator or editor",
    REVIEW_CLAIM: "reviewer or editor",
    PUBLISH_CLAIM: "editor",
    ASSIGN_CLAIM: "editor",
}

# What a person assigned to a claim in each status will do, and so must be allowed to do.
STATUS_WORK: dict[str, str] = {
    S.CANDIDATE: RESEARCH_CLAIM,
    S.RESEARCHING: RESEARCH_CLAIM,
    S.IN_REVIEW: REVIEW_CLAIM,
    S.APPROVED: PUBLISH_CLAIM,
}

COMMENT_REQUIRED: dict[str, str] = {
    A.REQUEST_CHANGES: "Requesting changes needs a comment saying what to change.",
    A.DISMISS: "Dismissing a claim needs a comment saying why.",
    A.REOPEN: "Reopening a published claim needs a comment saying what is being corrected.",
    A.ADJUDICATE: "Adjudicating needs a comment explaining the decision.",
}

# Actions the claim's researchers may not take: the four-eyes rule.
FOUR_EYES_ACTIONS = frozenset({A.APPROVE, A.REQUEST_CHANGES, A.REVIEW, A.ADJUDICATE})

_VERBS: dict[str, str] = {
    A.START: "start research on",
    A.SUBMIT: "submit",
    A.APPROVE: "approve",
    A.REQUEST_CHANGES: "request changes on",
    A.REVIEW: "review",
    A.ADJUDICATE: "adjudicate",
    A.PUBLISH: "publish",
    A.DISMISS: "dismiss",
    A.RESTORE: "restore",
    A.REOPEN: "reopen",
    A.ASSIGN: "assign",
    A.UNASSIGN: "unassign",
}


@dataclass(frozen=True)
class ReviewRound:
    """The reviewer verdicts given on a claim's latest submission."""

    blind: bool
    submission: ReviewEvent | None
    reviews: tuple[Verdict, ...] = ()
    adjudication: Verdict | None = None

    @property
    def complete(self) -> bool:
        return len(self.reviews) >= 2

    @property
    def agreed(self) -> bool:
        return self.complete and self.reviews[0].rating_id == self.reviews[1].rating_id

    @property
    def needs_adjudication(self) -> bool:
        return self.complete and not self.agreed and self.adjudication is None

    def reviewer_ids(self) -> set[int]:
        return {verdict.author_id for verdict in self.reviews if verdict.author_id}


@dataclass
class _Step:
    claim: Claim
    actor: AbstractBaseUser
    action: str
    from_status: str
    comment: str
    options: dict[str, Any] = field(default_factory=dict)


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
        _check_fresh(current, expected_status=expected_status, expected_version=expected_version)
        _check_role(actor, action)
        _check_transition(current, action)
        step = _Step(
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
        event = _HANDLERS[action](step)
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
        action=A.ASSIGN,
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
        action=A.UNASSIGN,
        expected_status=expected_status,
        expected_version=expected_version,
        comment=comment,
    )


def allowed_actions(*, claim: Claim, user: AbstractBaseUser) -> list[str]:
    """Return the status-changing actions the table and the user's role allow on the claim.

    Guards (evidence, comments, four-eyes) are checked only when the action is taken; this is
    for showing buttons.
    """
    if not user.is_authenticated:
        return []
    return [
        action
        for action, permission in ACTION_PERMISSIONS.items()
        if claim.status in ALLOWED_TRANSITIONS[action] and user.has_perm(permission)
    ]


def blind_review_required(claim: Claim) -> bool:
    """Return whether the claim needs two independent reviewer verdicts.

    On when `FACTCHECK_BLIND_REVIEW` is set, or when the scale of the claim's proposed verdict
    (the default scale when there is none) asks for it.
    """
    if getattr(settings, "FACTCHECK_BLIND_REVIEW", False):
        return True
    proposal = open_proposal(claim)
    if proposal is not None:
        return proposal.rating.scale.blind_review
    return RatingScale.objects.filter(is_default=True, blind_review=True).exists()


def review_round(claim: Claim) -> ReviewRound:
    """Return the reviewer verdicts given on the claim's latest submission, oldest first."""
    blind = blind_review_required(claim)
    submission = latest_submission(claim)
    if submission is None:
        return ReviewRound(blind=blind, submission=None)
    verdicts = list(
        Verdict.objects.filter(claim=claim, submission=submission)
        .select_related("rating", "author")
        .order_by("created_at", "id")
    )
    reviews = tuple(verdict for verdict in verdicts if verdict.role == VerdictRole.REVIEW)
    adjudication = next(
        (verdict for verdict in verdicts if verdict.role == VerdictRole.ADJUDICATION), None
    )
    return ReviewRound(
        blind=blind, submission=submission, reviews=reviews, adjudication=adjudication
    )


def latest_submission(claim: Claim) -> ReviewEvent | None:
    """Return the ReviewEvent of the claim's latest submit."""
    return ReviewEvent.objects.filter(claim=claim, action=A.SUBMIT).order_by("-at", "-id").first()


def open_proposal(claim: Claim) -> Verdict | None:
    """Return the researcher's proposed verdict that no one has approved yet."""
    return (
        Verdict.objects.filter(claim=claim, role=VerdictRole.PROPOSAL, approved_at__isnull=True)
        .select_related("rating__scale")
        .order_by("-created_at", "-id")
        .first()
    )


def claim_researcher_ids(claim: Claim) -> set[int]:
    """Return who researched the claim: everyone who ever submitted it or proposed its verdict.

    These people may not approve, request changes on, review or adjudicate it (four-eyes).
    """
    ids = set(
        ReviewEvent.objects.filter(claim=claim, action=A.SUBMIT, actor__isnull=False).values_list(
            "actor_id", flat=True
        )
    )
    ids.update(
        Verdict.objects.filter(
            claim=claim, role=VerdictRole.PROPOSAL, author__isnull=False
        ).values_list("author_id", flat=True)
    )
    if claim.researcher_id:
        ids.add(claim.researcher_id)
    return ids


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
    claim: Claim, *, expected_status: str | None, expected_version: int | None
) -> None:
    stale_status = expected_status is not None and claim.status != expected_status
    stale_version = expected_version is not None and claim.version != expected_version
    if not (stale_status or stale_version):
        return
    changed_by = _last_actor(claim)
    if stale_status:
        seen = S(expected_status).label.lower() if expected_status in S.values else expected_status
        detail = f"it is now {claim.get_status_display().lower()}, not {seen} as you saw it"
    else:
        detail = f"you saw version {expected_version}, it is now version {claim.version}"
    raise ConflictError(
        f"Claim {claim.pk} was changed by {changed_by} meanwhile: {detail}. "
        "Reload it and decide again.",
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
        f"Role rule: to {_VERBS[action]} a claim you need the {ROLE_NAMES[permission]} role "
        f"({permission}); {actor.get_username()} does not have it."
    )


def _check_transition(claim: Claim, action: str) -> None:
    sources = ALLOWED_TRANSITIONS[action]
    if claim.status in sources:
        return
    allowed = ", ".join(S(status).label.lower() for status in sources)
    raise rule_error(
        "status",
        f"Transition rule: cannot {_VERBS[action]} a claim that is "
        f"{claim.get_status_display().lower()}; only a claim that is {allowed}.",
        code="transition_not_allowed",
    )


def _check_four_eyes(step: _Step) -> None:
    if step.actor.pk in claim_researcher_ids(step.claim):
        raise PermissionDenied(
            f"Four-eyes rule: {step.actor.get_username()} researched this claim and so cannot "
            f"{_VERBS[step.action]} it; someone else must."
        )


def _check_assignment(step: _Step) -> None:
    claim, actor = step.claim, step.actor
    if claim.assignee_id in (None, actor.pk) or actor.has_perm(ASSIGN_CLAIM):
        return
    raise PermissionDenied(
        f"Assignment rule: claim {claim.pk} is assigned to {claim.assignee.get_username()}; "
        f"only they or an editor can {_VERBS[step.action]} it."
    )


def rule_error(field_name: str, message: str, *, code: str) -> ValidationError:
    """Return a ValidationError for one field whose message names the rule, with its code."""
    return ValidationError({field_name: ValidationError(message, code=code)})


def _refuse(message: str, *, code: str, field_name: str = NON_FIELD_ERRORS) -> NoReturn:
    raise rule_error(field_name, message, code=code)


# Recording a step.


def _record(step: _Step, to_status: str, data: dict[str, Any] | None = None) -> ReviewEvent:
    """Save the claim with its new status and bumped version, and write the step's event."""
    claim = step.claim
    claim.status = to_status
    claim.version += 1
    claim.full_clean()
    claim._history_user = step.actor
    claim.save()
    event = ReviewEvent(
        claim=claim,
        actor=step.actor,
        action=step.action,
        from_status=step.from_status,
        to_status=to_status,
        comment=step.comment,
        data=data or {},
    )
    event.full_clean()
    event.save()
    transaction.on_commit(lambda: _notify(claim, event, step.actor), robust=True)
    return event


def _notify(claim: Claim, event: ReviewEvent, actor: AbstractBaseUser) -> None:
    logger.info(
        "claim %s: %s by %s (%s → %s, version %s)",
        claim.pk,
        event.action,
        actor.get_username(),
        event.from_status,
        event.to_status,
        claim.version,
    )
    responses = claim_transitioned.send_robust(
        sender=Claim,
        claim=claim,
        event=event,
        actor=actor,
        action=event.action,
        from_status=event.from_status,
        to_status=event.to_status,
    )
    for receiver, response in responses:
        if isinstance(response, Exception):
            logger.error(
                "claim %s: receiver %r failed after %s",
                claim.pk,
                receiver,
                event.action,
                exc_info=response,
            )


def _save_verdict(verdict: Verdict, actor: AbstractBaseUser) -> None:
    verdict.full_clean()
    verdict._history_user = actor
    verdict.save()


def _make_final(verdict: Verdict, *, approved_by: AbstractBaseUser, at) -> None:
    """Make `verdict` the claim's final verdict, retiring the previous one (kept in history)."""
    for previous in Verdict.objects.filter(claim_id=verdict.claim_id, is_final=True).exclude(
        pk=verdict.pk
    ):
        previous.is_final = False
        _save_verdict(previous, approved_by)
    verdict.is_final = True
    verdict.approved_by = approved_by
    verdict.approved_at = at
    _save_verdict(verdict, approved_by)


def _check_rating(rating: Rating | None, *, proposal: Verdict | None) -> Rating:
    if rating is None:
        _refuse("Verdict rule: choose a rating.", code="rating_required", field_name="rating")
    if rating.retired:
        _refuse(
            f"Rating rule: {rating.label!r} is retired and can no longer be given.",
            code="rating_retired",
            field_name="rating",
        )
    if proposal is not None and rating.scale_id != proposal.rating.scale_id:
        _refuse(
            f"Rating rule: rate on the claim's scale ({proposal.rating.scale}), "
            f"not {rating.scale}.",
            code="rating_wrong_scale",
            field_name="rating",
        )
    return rating


# One handler per action: guards first, then changes, then `_record`.


def _start(step: _Step) -> ReviewEvent:
    _check_assignment(step)
    if step.claim.assignee_id is None:
        # Starting research is taking the claim: it lands in the starter's queue.
        step.claim.assignee = step.actor
    return _record(step, S.RESEARCHING)


def _submit(step: _Step) -> ReviewEvent:
    _check_assignment(step)
    claim = step.claim
    proposal = open_proposal(claim)
    if proposal is None:
        _refuse(
            "Submit rule: propose a verdict before submitting the claim for review.",
            code="verdict_required",
        )
    if proposal.rating.retired:
        _refuse(
            f"Submit rule: the proposed rating {proposal.rating.label!r} has been retired; "
            "choose another.",
            code="rating_retired",
        )
    if not Evidence.objects.filter(claim=claim).exists():
        _refuse(
            "Submit rule: add at least one piece of evidence before submitting the claim.",
            code="evidence_required",
        )
    claim.researcher = step.actor
    # The research is done; the claim waits in the review queue for anyone but its researcher.
    claim.assignee = None
    return _record(step, S.IN_REVIEW, {"proposal": proposal.pk})


def _approve(step: _Step) -> ReviewEvent:
    claim = step.claim
    if blind_review_required(claim):
        _refuse(
            "Blind review rule: this claim needs two independent reviewer verdicts; give "
            "yours as a review verdict. It is approved when both agree, or by an editor's "
            "adjudication when they do not.",
            code="blind_review",
        )
    proposal = open_proposal(claim)
    if proposal is None:
        _refuse("Approval rule: there is no proposed verdict to approve.", code="verdict_required")
    now = timezone.now()
    _make_final(proposal, approved_by=step.actor, at=now)
    claim.assignee = None
    return _record(step, S.APPROVED, {"verdict": proposal.pk})


def _request_changes(step: _Step) -> ReviewEvent:
    claim = step.claim
    # Send it back to whoever researched it, if they can still research.
    researcher = claim.researcher
    claim.assignee = (
        researcher
        if researcher is not None and researcher.is_active and researcher.has_perm(RESEARCH_CLAIM)
        else None
    )
    return _record(step, S.RESEARCHING)


def _review(step: _Step) -> ReviewEvent:
    claim = step.claim
    current = review_round(claim)
    if not current.blind:
        _refuse(
            "Blind review rule: blind double review is off for this claim; approve it or "
            "request changes instead.",
            code="blind_review_off",
        )
    if step.actor.pk in current.reviewer_ids():
        _refuse(
            "Blind review rule: you have already given your verdict on this submission.",
            code="already_reviewed",
        )
    if current.complete:
        _refuse("Blind review rule: both reviewer verdicts are already in.", code="review_complete")
    proposal = open_proposal(claim)
    rating = _check_rating(step.options["rating"], proposal=proposal)
    verdict = Verdict(
        claim=claim,
        rating=rating,
        explanation=step.options["explanation"],
        role=VerdictRole.REVIEW,
        author=step.actor,
        submission=current.submission,
    )
    _save_verdict(verdict, step.actor)
    # The event names the verdict but not its rating: the other reviewer may read the trail.
    data: dict[str, Any] = {"verdict": verdict.pk, "blind": True}
    if not current.reviews:
        return _record(step, S.IN_REVIEW, data)
    first = current.reviews[0]
    data["agreed"] = first.rating_id == verdict.rating_id
    if not data["agreed"]:
        # Leave it in review for an editor to adjudicate.
        return _record(step, S.IN_REVIEW, data)
    # Both reviewers agree: the first verdict in becomes final, approved by the second reviewer.
    _make_final(first, approved_by=step.actor, at=timezone.now())
    claim.assignee = None
    data["final_verdict"] = first.pk
    return _record(step, S.APPROVED, data)


def _adjudicate(step: _Step) -> ReviewEvent:
    claim = step.claim
    current = review_round(claim)
    if not current.needs_adjudication:
        _refuse(
            "Adjudication rule: only a claim whose two blind reviewer verdicts disagree can be "
            "adjudicated.",
            code="nothing_to_adjudicate",
        )
    if step.actor.pk in current.reviewer_ids():
        raise PermissionDenied(
            "Four-eyes rule: an editor who gave one of the disagreeing verdicts cannot "
            "adjudicate them; another editor must."
        )
    rating = _check_rating(step.options["rating"], proposal=open_proposal(claim))
    if not step.options["explanation"]:
        _refuse(
            "Verdict rule: an adjudicated verdict needs an explanation for readers.",
            code="explanation_required",
            field_name="explanation",
        )
    verdict = Verdict(
        claim=claim,
        rating=rating,
        explanation=step.options["explanation"],
        role=VerdictRole.ADJUDICATION,
        author=step.actor,
        submission=current.submission,
    )
    _save_verdict(verdict, step.actor)
    _make_final(verdict, approved_by=step.actor, at=timezone.now())
    claim.assignee = None
    return _record(
        step, S.APPROVED, {"verdict": verdict.pk, "reviews": [v.pk for v in current.reviews]}
    )


def _publish(step: _Step) -> ReviewEvent:
    claim = step.claim
    final = Verdict.objects.filter(claim=claim, is_final=True).first()
    if final is None:
        _refuse("Publish rule: the claim has no approved verdict.", code="verdict_required")
    # The first publication date stays: corrections carry their own dates.
    if claim.published_at is None:
        claim.published_at = timezone.now()
    claim.assignee = None
    return _record(step, S.PUBLISHED, {"verdict": final.pk})


def _dismiss(step: _Step) -> ReviewEvent:
    step.claim.assignee = None
    return _record(step, S.DISMISSED)


def _restore(step: _Step) -> ReviewEvent:
    return _record(step, S.CANDIDATE)


def _reopen(step: _Step) -> ReviewEvent:
    note = step.options["correction"] or step.comment
    step.claim.assignee = None
    event = _record(step, S.RESEARCHING)
    correction = Correction(claim=step.claim, note=note, author=step.actor, event=event)
    correction.full_clean()
    correction.save()
    return event


def _assign(step: _Step) -> ReviewEvent:
    claim, actor, assignee = step.claim, step.actor, step.options["assignee"]
    if assignee is None:
        _refuse(
            "Assignment rule: choose who to assign.",
            code="assignee_required",
            field_name="assignee",
        )
    work = STATUS_WORK[claim.status]
    if assignee.pk == actor.pk:
        if not actor.has_perm(work):
            raise PermissionDenied(
                f"Role rule: to take a claim that is {claim.get_status_display().lower()} you "
                f"need the {ROLE_NAMES[work]} role ({work}); {actor.get_username()} does not "
                "have it."
            )
    elif not actor.has_perm(ASSIGN_CLAIM):
        raise PermissionDenied(
            "Role rule: only editors assign claims to other people "
            f"({ASSIGN_CLAIM}); you may assign yourself."
        )
    if claim.assignee_id not in (None, assignee.pk) and not actor.has_perm(ASSIGN_CLAIM):
        raise PermissionDenied(
            f"Assignment rule: claim {claim.pk} is assigned to "
            f"{claim.assignee.get_username()}; ask an editor to reassign it."
        )
    if claim.assignee_id == assignee.pk:
        _refuse(
            f"Assignment rule: the claim is already assigned to {assignee.get_username()}.",
            code="already_assigned",
            field_name="assignee",
        )
    if not assignee.is_active or not assignee.has_perm(work):
        _refuse(
            f"Assignment rule: a claim that is {claim.get_status_display().lower()} needs "
            f"someone with the {ROLE_NAMES[work]} role; {assignee.get_username()} does not "
            "have it.",
            code="assignee_role",
            field_name="assignee",
        )
    if claim.status == S.IN_REVIEW and assignee.pk in claim_researcher_ids(claim):
        _refuse(
            f"Four-eyes rule: {assignee.get_username()} researched this claim and cannot "
            "review it.",
            code="four_eyes",
            field_name="assignee",
        )
    previous = claim.assignee
    claim.assignee = assignee
    return _record(
        step,
        claim.status,
        {
            "assignee": assignee.get_username(),
            "previous": previous.get_username() if previous else None,
        },
    )


def _unassign(step: _Step) -> ReviewEvent:
    claim, actor = step.claim, step.actor
    if claim.assignee_id is None:
        _refuse(
            "Assignment rule: the claim is not assigned to anyone.",
            code="not_assigned",
            field_name="assignee",
        )
    if claim.assignee_id != actor.pk and not actor.has_perm(ASSIGN_CLAIM):
        raise PermissionDenied(
            f"Assignment rule: only {claim.assignee.get_username()} or an editor can take "
            "this claim off their queue."
        )
    previous = claim.assignee
    claim.assignee = None
    return _record(step, claim.status, {"previous": previous.get_username()})


_HANDLERS: dict[str, Callable[[_Step], ReviewEvent]] = {
    A.START: _start,
    A.SUBMIT: _submit,
    A.APPROVE: _approve,
    A.REQUEST_CHANGES: _request_changes,
    A.REVIEW: _review,
    A.ADJUDICATE: _adjudicate,
    A.PUBLISH: _publish,
    A.DISMISS: _dismiss,
    A.RESTORE: _restore,
    A.REOPEN: _reopen,
    A.ASSIGN: _assign,
    A.UNASSIGN: _unassign,
}
