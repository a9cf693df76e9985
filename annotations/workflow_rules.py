"""The workflow's rules: the transition tables, who may take each action, and what to offer.

The workflow service (`annotations.services.workflow`) enforces these tables when an action is
taken; `actions_offered` reads the same tables to decide which actions the pages, the admin and
the API offer, so no surface keeps a table of its own. See docs/workflow.md for the prose.
"""

from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.translation import gettext_lazy as _

from annotations.models import Claim, ClaimStatus, ReviewAction
from annotations.permissions import (
    ASSIGN_CLAIM,
    PUBLISH_CLAIM,
    RESEARCH_CLAIM,
    REVIEW_CLAIM,
    user_can_research,
)
from annotations.selectors.review import ReviewRound, claim_researcher_ids, review_round

# Statuses in which someone still has work to do on the claim, so it can be assigned.
WORK_STATUSES = (
    ClaimStatus.CANDIDATE,
    ClaimStatus.RESEARCHING,
    ClaimStatus.IN_REVIEW,
    ClaimStatus.APPROVED,
)

# action → {from status: to status}. Anything not listed is refused.
ALLOWED_TRANSITIONS: dict[str, dict[str, str]] = {
    ReviewAction.START: {ClaimStatus.CANDIDATE: ClaimStatus.RESEARCHING},
    ReviewAction.SUBMIT: {ClaimStatus.RESEARCHING: ClaimStatus.IN_REVIEW},
    ReviewAction.APPROVE: {ClaimStatus.IN_REVIEW: ClaimStatus.APPROVED},
    ReviewAction.REQUEST_CHANGES: {ClaimStatus.IN_REVIEW: ClaimStatus.RESEARCHING},
    ReviewAction.PUBLISH: {ClaimStatus.APPROVED: ClaimStatus.PUBLISHED},
    ReviewAction.DISMISS: {ClaimStatus.CANDIDATE: ClaimStatus.DISMISSED},
    ReviewAction.RESTORE: {ClaimStatus.DISMISSED: ClaimStatus.CANDIDATE},
    ReviewAction.REOPEN: {ClaimStatus.PUBLISHED: ClaimStatus.RESEARCHING},
    # Blind double review: a reviewer's verdict keeps the claim in review, except the second
    # one when both agree, which approves it (see `_review`).
    ReviewAction.REVIEW: {ClaimStatus.IN_REVIEW: ClaimStatus.IN_REVIEW},
    ReviewAction.ADJUDICATE: {ClaimStatus.IN_REVIEW: ClaimStatus.APPROVED},
    ReviewAction.ASSIGN: {status: status for status in WORK_STATUSES},
    ReviewAction.UNASSIGN: {status: status for status in WORK_STATUSES},
}

# The permission each action needs; assign/unassign depend on who is assigned (see `_assign`).
ACTION_PERMISSIONS: dict[str, str] = {
    ReviewAction.START: RESEARCH_CLAIM,
    ReviewAction.SUBMIT: RESEARCH_CLAIM,
    ReviewAction.APPROVE: REVIEW_CLAIM,
    ReviewAction.REQUEST_CHANGES: REVIEW_CLAIM,
    ReviewAction.REVIEW: REVIEW_CLAIM,
    ReviewAction.ADJUDICATE: PUBLISH_CLAIM,
    ReviewAction.PUBLISH: PUBLISH_CLAIM,
    # Triage is the researchers' work: whoever may start research on a candidate may also set
    # it aside, and bring it back; the dismissal is audited like every step.
    ReviewAction.DISMISS: RESEARCH_CLAIM,
    ReviewAction.RESTORE: RESEARCH_CLAIM,
    ReviewAction.REOPEN: PUBLISH_CLAIM,
}

ROLE_NAMES: dict[str, str] = {
    RESEARCH_CLAIM: _("annotator or editor"),
    REVIEW_CLAIM: _("reviewer or editor"),
    PUBLISH_CLAIM: _("editor"),
    ASSIGN_CLAIM: _("editor"),
}

# What a person assigned to a claim in each status will do, and so must be allowed to do.
STATUS_WORK: dict[str, str] = {
    ClaimStatus.CANDIDATE: RESEARCH_CLAIM,
    ClaimStatus.RESEARCHING: RESEARCH_CLAIM,
    ClaimStatus.IN_REVIEW: REVIEW_CLAIM,
    ClaimStatus.APPROVED: PUBLISH_CLAIM,
}

COMMENT_REQUIRED: dict[str, str] = {
    ReviewAction.REQUEST_CHANGES: _("Requesting changes needs a comment saying what to change."),
    ReviewAction.DISMISS: _("Dismissing a claim needs a comment saying why."),
    ReviewAction.REOPEN: (
        _("Reopening a published claim needs a comment saying what is being corrected.")
    ),
    ReviewAction.ADJUDICATE: _("Adjudicating needs a comment explaining the decision."),
}

# Actions only someone who may research this claim may take (it is not someone else's).
_RESEARCHER_ACTIONS = frozenset({ReviewAction.START, ReviewAction.SUBMIT, ReviewAction.DISMISS})

# Actions the claim's researchers may not take: the four-eyes rule.
FOUR_EYES_ACTIONS = frozenset(
    {
        ReviewAction.APPROVE,
        ReviewAction.REQUEST_CHANGES,
        ReviewAction.REVIEW,
        ReviewAction.ADJUDICATE,
    }
)

VERBS: dict[str, str] = {
    ReviewAction.START: _("start research on"),
    ReviewAction.SUBMIT: _("submit"),
    ReviewAction.APPROVE: _("approve"),
    ReviewAction.REQUEST_CHANGES: _("request changes on"),
    ReviewAction.REVIEW: _("review"),
    ReviewAction.ADJUDICATE: _("adjudicate"),
    ReviewAction.PUBLISH: _("publish"),
    ReviewAction.DISMISS: _("dismiss"),
    ReviewAction.RESTORE: _("restore"),
    ReviewAction.REOPEN: _("reopen"),
    ReviewAction.ASSIGN: _("assign"),
    ReviewAction.UNASSIGN: _("unassign"),
}


# Statuses in which the research (wording, evidence, proposed verdict) may still change: once
# a claim is submitted, its wording is what the reviewer saw; it changes only after changes are
# requested (back to researching) or a reopen.
EDITABLE_STATUSES = frozenset({ClaimStatus.CANDIDATE, ClaimStatus.RESEARCHING})

# The order in which actions are offered: the usual next step first.
ACTION_ORDER = (
    ReviewAction.START,
    ReviewAction.SUBMIT,
    ReviewAction.APPROVE,
    ReviewAction.REQUEST_CHANGES,
    ReviewAction.PUBLISH,
    ReviewAction.REOPEN,
    ReviewAction.DISMISS,
    ReviewAction.RESTORE,
    ReviewAction.REVIEW,
    ReviewAction.ADJUDICATE,
    ReviewAction.ASSIGN,
    ReviewAction.UNASSIGN,
)
# Actions a page shows as plain buttons; the others have forms or controls of their own.
BUTTON_ACTIONS = ACTION_ORDER[:8]


def user_can_review(user: AbstractBaseUser | AnonymousUser, claim: Claim) -> bool:
    """Return whether the user holds a reviewing role and did not research the claim."""
    return (
        user.is_authenticated
        and user.has_perm(REVIEW_CLAIM)
        and user.pk not in claim_researcher_ids(claim)
    )


class _Viewer:
    """One user looking at one claim; the round and the researchers are read only if needed."""

    def __init__(self, user: AbstractBaseUser, claim: Claim, current: ReviewRound | None) -> None:
        self.user = user
        self.claim = claim
        self._current = current

    @cached_property
    def researchers(self) -> set[int]:
        return claim_researcher_ids(self.claim)

    @cached_property
    def current(self) -> ReviewRound:
        return self._current if self._current is not None else review_round(self.claim)

    @cached_property
    def can_research(self) -> bool:
        return user_can_research(self.user, self.claim)

    def researched(self) -> bool:
        return self.user.pk in self.researchers

    def may_take(self) -> bool:
        """Return whether the user may assign the claim to themselves."""
        work = STATUS_WORK.get(self.claim.status)
        return (
            work is not None
            and self.claim.assignee_id is None
            and self.user.has_perm(work)
            and not (self.claim.status == ClaimStatus.IN_REVIEW and self.researched())
        )

    def may(self, action: str) -> bool:
        """Return whether offering `action` is not certain to be refused."""
        claim, user = self.claim, self.user
        if claim.status not in ALLOWED_TRANSITIONS[action]:
            return False
        if action == ReviewAction.ASSIGN:
            return user.has_perm(ASSIGN_CLAIM) or self.may_take()
        if action == ReviewAction.UNASSIGN:
            return claim.assignee_id is not None and (
                claim.assignee_id == user.pk or user.has_perm(ASSIGN_CLAIM)
            )
        if not user.has_perm(ACTION_PERMISSIONS[action]):
            return False
        if action in _RESEARCHER_ACTIONS and not self.can_research:
            return False
        if action in FOUR_EYES_ACTIONS and self.researched():
            return False
        if action == ReviewAction.APPROVE:
            return not self.current.blind
        if action == ReviewAction.REVIEW:
            current = self.current
            return current.blind and not current.complete and user.pk not in current.reviewer_ids()
        if action == ReviewAction.ADJUDICATE:
            current = self.current
            return current.needs_adjudication and user.pk not in current.reviewer_ids()
        return True


def actions_offered(
    *, user: AbstractBaseUser | AnonymousUser, claim: Claim, current: ReviewRound | None = None
) -> tuple[str, ...]:
    """Return the actions to offer the user on the claim now, in `ACTION_ORDER`.

    Leaves out what the workflow would certainly refuse (the table, the role, the assignment,
    four-eyes and blind review rules); the service checks everything again, guards included,
    when an action is taken. `current` is the claim's review round when the caller has it.
    """
    if not user.is_authenticated:
        return ()
    viewer = _Viewer(user, claim, current)
    return tuple(action for action in ACTION_ORDER if viewer.may(action))


@dataclass(frozen=True)
class ClaimAbilities:
    """What the person looking at a claim may do with it now (buttons, not guarantees)."""

    actions: tuple[str, ...]
    can_edit: bool
    can_research: bool
    can_review_blind: bool
    can_adjudicate: bool
    can_assign_self: bool
    can_unassign: bool
    can_comment: bool


def claim_abilities(
    *, claim: Claim, user: AbstractBaseUser | AnonymousUser, current: ReviewRound | None
) -> ClaimAbilities:
    """Return the buttons and forms to offer this user on this claim, from `actions_offered`."""
    if not user.is_authenticated:
        return ClaimAbilities((), False, False, False, False, False, False, False)
    viewer = _Viewer(user, claim, current)
    offered = tuple(action for action in ACTION_ORDER if viewer.may(action))
    editable = viewer.can_research and claim.status in EDITABLE_STATUSES
    return ClaimAbilities(
        actions=tuple(action for action in offered if action in BUTTON_ACTIONS),
        can_edit=editable,
        can_research=editable,
        can_review_blind=ReviewAction.REVIEW in offered,
        can_adjudicate=ReviewAction.ADJUDICATE in offered,
        can_assign_self=viewer.may_take(),
        can_unassign=ReviewAction.UNASSIGN in offered,
        can_comment=user.has_perm("annotations.add_comment"),
    )
