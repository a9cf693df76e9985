"""One handler per workflow action: its guards first, then its changes, then `record`."""

from collections.abc import Callable
from typing import Any, NoReturn

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from annotations.errors import rule_error
from annotations.models import (
    ClaimStatus,
    Correction,
    Evidence,
    Rating,
    ReviewAction,
    ReviewEvent,
    Verdict,
    VerdictRole,
)
from annotations.permissions import ASSIGN_CLAIM, RESEARCH_CLAIM
from annotations.rating_labels import shipped_text
from annotations.selectors.review import (
    blind_review_required,
    claim_researcher_ids,
    open_proposal,
    review_round,
)
from annotations.selectors.verdicts import final_verdict
from annotations.services.workflow.effects import Step, make_final, record, save_verdict
from annotations.workflow_rules import ROLE_NAMES, STATUS_WORK, VERBS


def _refuse(message: str, *, code: str, field_name: str = NON_FIELD_ERRORS) -> NoReturn:
    raise rule_error(field_name, message, code=code)


def _check_rating(rating: Rating | None, *, proposal: Verdict | None) -> Rating:
    if rating is None:
        _refuse(_("Verdict rule: choose a rating."), code="rating_required", field_name="rating")
    if rating.retired:
        _refuse(
            (
                _("Rating rule: %(label)r is retired and can no longer be given.")
                % {"label": shipped_text(rating.label)}
            ),
            code="rating_retired",
            field_name="rating",
        )
    if proposal is not None and rating.scale_id != proposal.rating.scale_id:
        _refuse(
            (
                _("Rating rule: rate on the claim's scale (%(scale)s), not %(scale2)s.")
                % {"scale": proposal.rating.scale, "scale2": rating.scale}
            ),
            code="rating_wrong_scale",
            field_name="rating",
        )
    return rating


def _check_assignment(step: Step) -> None:
    claim, actor = step.claim, step.actor
    if claim.assignee_id in (None, actor.pk) or actor.has_perm(ASSIGN_CLAIM):
        return
    raise PermissionDenied(
        _(
            "Assignment rule: claim %(claim_pk)s is assigned to %(name)s; only "
            "they or an editor can %(verbs)s it."
        )
        % {"claim_pk": claim.pk, "name": claim.assignee.get_username(), "verbs": VERBS[step.action]}
    )


def _round_verdict(
    step: Step, rating: Rating, role: str, submission: ReviewEvent | None
) -> Verdict:
    """Save the actor's verdict of `role` on the submission under review."""
    verdict = Verdict(
        claim=step.claim,
        rating=rating,
        explanation=step.options["explanation"],
        role=role,
        author=step.actor,
        submission=submission,
    )
    save_verdict(verdict, step.actor)
    return verdict


# The handlers.


def _start(step: Step) -> ReviewEvent:
    _check_assignment(step)
    if step.claim.assignee_id is None:
        # Starting research is taking the claim: it lands in the starter's queue.
        step.claim.assignee = step.actor
    return record(step, ClaimStatus.RESEARCHING)


def _submit(step: Step) -> ReviewEvent:
    _check_assignment(step)
    claim = step.claim
    proposal = open_proposal(claim)
    if proposal is None:
        _refuse(
            _("Submit rule: propose a verdict before submitting the claim for review."),
            code="verdict_required",
        )
    if proposal.rating.retired:
        _refuse(
            (
                _("Submit rule: the proposed rating %(label)r has been retired; choose another.")
                % {"label": shipped_text(proposal.rating.label)}
            ),
            code="rating_retired",
        )
    if not Evidence.objects.filter(claim=claim).exists():
        _refuse(
            _("Submit rule: add at least one piece of evidence before submitting the claim."),
            code="evidence_required",
        )
    claim.researcher = step.actor
    # The research is done; the claim waits in the review queue for anyone but its researcher.
    claim.assignee = None
    return record(step, ClaimStatus.IN_REVIEW, {"proposal": proposal.pk})


def _approve(step: Step) -> ReviewEvent:
    claim = step.claim
    if blind_review_required(claim):
        _refuse(
            _(
                "Blind review rule: this claim needs two independent reviewer "
                "verdicts; give yours as a review verdict. It is approved when both "
                "agree, or by an editor's adjudication when they do not."
            ),
            code="blind_review",
        )
    proposal = open_proposal(claim)
    if proposal is None:
        _refuse(
            _("Approval rule: there is no proposed verdict to approve."), code="verdict_required"
        )
    now = timezone.now()
    make_final(proposal, approved_by=step.actor, at=now)
    claim.assignee = None
    return record(step, ClaimStatus.APPROVED, {"verdict": proposal.pk})


def _request_changes(step: Step) -> ReviewEvent:
    claim = step.claim
    # Send it back to whoever researched it, if they can still research.
    researcher = claim.researcher
    claim.assignee = (
        researcher
        if researcher is not None and researcher.is_active and researcher.has_perm(RESEARCH_CLAIM)
        else None
    )
    return record(step, ClaimStatus.RESEARCHING)


def _review(step: Step) -> ReviewEvent:
    claim = step.claim
    current = review_round(claim)
    if not current.blind:
        _refuse(
            _(
                "Blind review rule: blind double review is off for this claim; "
                "approve it or request changes instead."
            ),
            code="blind_review_off",
        )
    if step.actor.pk in current.reviewer_ids():
        _refuse(
            _("Blind review rule: you have already given your verdict on this submission."),
            code="already_reviewed",
        )
    if current.complete:
        _refuse(
            _("Blind review rule: both reviewer verdicts are already in."), code="review_complete"
        )
    proposal = open_proposal(claim)
    rating = _check_rating(step.options["rating"], proposal=proposal)
    verdict = _round_verdict(step, rating, VerdictRole.REVIEW, current.submission)
    # The event names the verdict but not its rating: the other reviewer may read the trail.
    data: dict[str, Any] = {"verdict": verdict.pk, "blind": True}
    if not current.reviews:
        return record(step, ClaimStatus.IN_REVIEW, data)
    first = current.reviews[0]
    data["agreed"] = first.rating_id == verdict.rating_id
    if not data["agreed"]:
        # Leave it in review for an editor to adjudicate.
        return record(step, ClaimStatus.IN_REVIEW, data)
    # Both reviewers agree: the first verdict in becomes final, approved by the second reviewer.
    make_final(first, approved_by=step.actor, at=timezone.now())
    claim.assignee = None
    data["final_verdict"] = first.pk
    return record(step, ClaimStatus.APPROVED, data)


def _adjudicate(step: Step) -> ReviewEvent:
    claim = step.claim
    current = review_round(claim)
    if not current.needs_adjudication:
        _refuse(
            _(
                "Adjudication rule: only a claim whose two blind reviewer verdicts "
                "disagree can be adjudicated."
            ),
            code="nothing_to_adjudicate",
        )
    if step.actor.pk in current.reviewer_ids():
        raise PermissionDenied(
            _(
                "Four-eyes rule: an editor who gave one of the disagreeing verdicts "
                "cannot adjudicate them; another editor must."
            )
        )
    rating = _check_rating(step.options["rating"], proposal=open_proposal(claim))
    if not step.options["explanation"]:
        _refuse(
            _("Verdict rule: an adjudicated verdict needs an explanation for readers."),
            code="explanation_required",
            field_name="explanation",
        )
    verdict = _round_verdict(step, rating, VerdictRole.ADJUDICATION, current.submission)
    make_final(verdict, approved_by=step.actor, at=timezone.now())
    claim.assignee = None
    return record(
        step,
        ClaimStatus.APPROVED,
        {"verdict": verdict.pk, "reviews": [v.pk for v in current.reviews]},
    )


def _publish(step: Step) -> ReviewEvent:
    claim = step.claim
    final = final_verdict(claim)
    if final is None:
        _refuse(_("Publish rule: the claim has no approved verdict."), code="verdict_required")
    # The first publication date stays: corrections carry their own dates.
    if claim.published_at is None:
        claim.published_at = timezone.now()
    claim.assignee = None
    return record(step, ClaimStatus.PUBLISHED, {"verdict": final.pk})


def _dismiss(step: Step) -> ReviewEvent:
    # Annotators may dismiss too: a candidate someone has taken is theirs to set aside.
    _check_assignment(step)
    step.claim.assignee = None
    return record(step, ClaimStatus.DISMISSED)


def _restore(step: Step) -> ReviewEvent:
    return record(step, ClaimStatus.CANDIDATE)


def _reopen(step: Step) -> ReviewEvent:
    note = step.options["correction"] or step.comment
    step.claim.assignee = None
    event = record(step, ClaimStatus.RESEARCHING)
    correction = Correction(claim=step.claim, note=note, author=step.actor, event=event)
    correction.full_clean()
    correction.save()
    return event


def _assign(step: Step) -> ReviewEvent:
    claim, actor, assignee = step.claim, step.actor, step.options["assignee"]
    if assignee is None:
        _refuse(
            _("Assignment rule: choose who to assign."),
            code="assignee_required",
            field_name="assignee",
        )
    work = STATUS_WORK[claim.status]
    if assignee.pk == actor.pk:
        if not actor.has_perm(work):
            raise PermissionDenied(
                _(
                    "Role rule: to take a claim that is %(status)s you need the "
                    "%(role_names)s role (%(work)s); %(name)s does not have it."
                )
                % {
                    "status": claim.get_status_display().lower(),
                    "role_names": ROLE_NAMES[work],
                    "work": work,
                    "name": actor.get_username(),
                }
            )
    elif not actor.has_perm(ASSIGN_CLAIM):
        raise PermissionDenied(
            _(
                "Role rule: only editors assign claims to other people "
                "(%(assign_claim)s); you may assign yourself."
            )
            % {"assign_claim": ASSIGN_CLAIM}
        )
    if claim.assignee_id not in (None, assignee.pk) and not actor.has_perm(ASSIGN_CLAIM):
        raise PermissionDenied(
            _(
                "Assignment rule: claim %(claim_pk)s is assigned to %(name)s; ask an "
                "editor to reassign it."
            )
            % {"claim_pk": claim.pk, "name": claim.assignee.get_username()}
        )
    if claim.assignee_id == assignee.pk:
        _refuse(
            (
                _("Assignment rule: the claim is already assigned to %(name)s.")
                % {"name": assignee.get_username()}
            ),
            code="already_assigned",
            field_name="assignee",
        )
    if not assignee.is_active or not assignee.has_perm(work):
        _refuse(
            (
                _(
                    "Assignment rule: a claim that is %(status)s needs someone with the "
                    "%(role_names)s role; %(name)s does not have it."
                )
                % {
                    "status": claim.get_status_display().lower(),
                    "role_names": ROLE_NAMES[work],
                    "name": assignee.get_username(),
                }
            ),
            code="assignee_role",
            field_name="assignee",
        )
    if claim.status == ClaimStatus.IN_REVIEW and assignee.pk in claim_researcher_ids(claim):
        _refuse(
            (
                _("Four-eyes rule: %(name)s researched this claim and cannot review it.")
                % {"name": assignee.get_username()}
            ),
            code="four_eyes",
            field_name="assignee",
        )
    previous = claim.assignee
    claim.assignee = assignee
    return record(
        step,
        claim.status,
        {
            "assignee": assignee.get_username(),
            "previous": previous.get_username() if previous else None,
        },
    )


def _unassign(step: Step) -> ReviewEvent:
    claim, actor = step.claim, step.actor
    if claim.assignee_id is None:
        _refuse(
            _("Assignment rule: the claim is not assigned to anyone."),
            code="not_assigned",
            field_name="assignee",
        )
    if claim.assignee_id != actor.pk and not actor.has_perm(ASSIGN_CLAIM):
        raise PermissionDenied(
            _("Assignment rule: only %(name)s or an editor can take this claim off their queue.")
            % {"name": claim.assignee.get_username()}
        )
    previous = claim.assignee
    claim.assignee = None
    return record(step, claim.status, {"previous": previous.get_username()})


HANDLERS: dict[str, Callable[[Step], ReviewEvent]] = {
    ReviewAction.START: _start,
    ReviewAction.SUBMIT: _submit,
    ReviewAction.APPROVE: _approve,
    ReviewAction.REQUEST_CHANGES: _request_changes,
    ReviewAction.REVIEW: _review,
    ReviewAction.ADJUDICATE: _adjudicate,
    ReviewAction.PUBLISH: _publish,
    ReviewAction.DISMISS: _dismiss,
    ReviewAction.RESTORE: _restore,
    ReviewAction.REOPEN: _reopen,
    ReviewAction.ASSIGN: _assign,
    ReviewAction.UNASSIGN: _unassign,
}
