"""Verdicts: the researcher's proposal, blind reviewer verdicts and an editor's adjudication.

Only the workflow decides which verdict is final; these functions write proposals and hand
reviews and adjudications to `claim_transition`, which records them as workflow steps.
"""

from typing import Any, Unpack

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from annotations.errors import ConflictError, rule_error
from annotations.models import Claim, Rating, ReviewAction, ReviewEvent, Verdict, VerdictRole
from annotations.rating_labels import shipped_text
from annotations.selectors.review import open_proposal
from annotations.services.common import check_length
from annotations.services.research import claim_lock_for_research, require_in_research
from annotations.services.workflow import claim_transition
from annotations.services.workflow.transition import Seen

# The change reason on the claim's history row when only a verdict bumped its version.
VERDICT_CHANGE_REASON = "verdict proposed"


def verdict_propose(
    *,
    claim: Claim,
    actor: AbstractBaseUser | None,
    rating: Rating,
    explanation: str,
    expected_version: int | None = None,
) -> Verdict:
    """Set the researcher's proposed verdict, replacing the open proposal if there is one.

    Proposals change only while the claim is a candidate or in research. A retired rating is
    refused; readers need the explanation, so it may not be empty. Edits are kept in history.
    `expected_version` is the claim version the caller saw: when the claim (its proposal
    included) has changed since, raise ConflictError naming who changed what, and save nothing.
    Every saved proposal bumps the claim's version, so a second proposal from the same page
    state is refused instead of silently replacing the first. Pages and the API always send it.
    """
    explanation = check_length((explanation or "").strip(), field="explanation")
    with transaction.atomic():
        current = claim_lock_for_research(claim, actor, doing=_("propose its verdict"))
        if expected_version is not None and current.version != expected_version:
            raise _stale(current, seen=expected_version, actor=actor)
        require_in_research(
            current,
            _(
                "Research rule: a verdict can be proposed only while the claim is a "
                "candidate or in research; this one is %(status)s."
            ),
        )
        _check_rating(rating)
        if not explanation:
            raise rule_error(
                "explanation",
                _("Verdict rule: explain the rating for readers."),
                code="explanation_required",
            )
        verdict = open_proposal(current) or Verdict(claim=current, role=VerdictRole.PROPOSAL)
        verdict.rating = rating
        verdict.explanation = explanation
        verdict.author = actor
        verdict.full_clean()
        verdict._history_user = actor
        verdict.save()
        current.version += 1
        current._history_user = actor
        current._change_reason = VERDICT_CHANGE_REASON
        current.save(update_fields=["version", "updated_at"])
    claim.version = current.version
    return verdict


def verdict_review(
    *,
    claim: Claim,
    actor: AbstractBaseUser | None,
    rating: Rating,
    explanation: str = "",
    **seen: Unpack[Seen],
) -> Verdict:
    """Give a reviewer's independent verdict on a claim in blind double review.

    The other reviewer cannot see it until both are in (see `selectors.verdicts_visible_to`).
    When the second verdict agrees with the first the claim is approved; when it does not,
    the claim waits for an editor's adjudication.
    """
    _verdict_step(ReviewAction.REVIEW, claim, actor, rating, explanation, "", seen)
    return (
        Verdict.objects.filter(claim=claim, author=actor, role=VerdictRole.REVIEW)
        .order_by("-created_at", "-id")
        .first()
    )


def verdict_adjudicate(
    *,
    claim: Claim,
    actor: AbstractBaseUser | None,
    rating: Rating,
    explanation: str,
    comment: str,
    **seen: Unpack[Seen],
) -> Verdict:
    """Settle two disagreeing blind reviews with an editor's final verdict and approve the claim.

    `comment` tells the reviewers why; `explanation` is for readers.
    """
    _verdict_step(ReviewAction.ADJUDICATE, claim, actor, rating, explanation, comment, seen)
    return Verdict.objects.get(claim=claim, is_final=True)


def _verdict_step(action, claim, actor, rating, explanation, comment, seen: Seen) -> None:
    # Reviews and adjudications are workflow steps: the transition records their verdicts.
    claim_transition(
        claim=claim,
        actor=actor,
        action=action,
        rating=rating,
        explanation=explanation,
        comment=comment,
        **seen,
    )


def verdict_set(
    *,
    claim: Claim,
    actor: AbstractBaseUser | None,
    rating: Rating,
    explanation: str = "",
    role: str = VerdictRole.PROPOSAL,
    comment: str = "",
    expected_status: str | None = None,
    expected_version: int | None = None,
) -> Verdict:
    """Record a verdict in the given role: a proposal, a blind review or an adjudication."""
    given: dict[str, Any] = {
        "claim": claim,
        "actor": actor,
        "rating": rating,
        "explanation": explanation,
        "expected_version": expected_version,
    }
    if role == VerdictRole.PROPOSAL:
        return verdict_propose(**given)
    if role == VerdictRole.REVIEW:
        return verdict_review(**given, expected_status=expected_status)
    if role == VerdictRole.ADJUDICATION:
        return verdict_adjudicate(**given, expected_status=expected_status, comment=comment)
    raise rule_error(
        "role",
        (
            _("Unknown verdict role %(role)r; use one of %(join)s.")
            % {"role": role, "join": ", ".join(VerdictRole.values)}
        ),
        code="unknown_role",
    )


def _check_rating(rating: Rating | None) -> None:
    if rating is None:
        raise rule_error("rating", _("Verdict rule: choose a rating."), code="rating_required")
    if rating.retired:
        raise rule_error(
            "rating",
            (
                _("Rating rule: %(label)r is retired and can no longer be given.")
                % {"label": shipped_text(rating.label)}
            ),
            code="rating_retired",
        )


def _stale(claim: Claim, *, seen: int, actor: AbstractBaseUser | None) -> ConflictError:
    """Return the conflict for a proposal made on an old version, naming who changed what."""
    who, what = _latest_change(claim)
    changed_by = who.get_username() if who else _("someone")
    by = _("you, in another window or an earlier request,") if who and who == actor else changed_by
    return ConflictError(
        (
            _(
                "Claim %(claim_pk)s was changed by %(by)s meanwhile: %(what)s (you "
                "saw version %(seen)s, it is now version %(version)s). Your verdict "
                "was not saved; reload the claim, read what changed and propose "
                "again."
            )
            % {"claim_pk": claim.pk, "by": by, "what": what, "seen": seen, "version": claim.version}
        ),
        current_version=claim.version,
        current_status=claim.status,
        changed_by=changed_by,
    )


def _latest_change(claim: Claim) -> tuple[AbstractBaseUser | None, str]:
    """Return who made the claim's latest change and what it was, in words."""
    candidates = []
    proposal = (
        Verdict.history.filter(claim_id=claim.pk, role=VerdictRole.PROPOSAL)
        .select_related("history_user", "rating")
        .order_by("-history_date", "-history_id")
        .first()
    )
    if proposal is not None:
        label = shipped_text(proposal.rating.label) if proposal.rating else _("no rating")
        candidates.append(
            (
                proposal.history_date,
                proposal.history_user,
                _("proposed the verdict “%(label)s”") % {"label": label},
            )
        )
    event = (
        ReviewEvent.objects.filter(claim=claim)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    if event is not None:
        candidates.append(
            (
                event.at,
                event.actor,
                _("took the step “%(action)s”") % {"action": event.get_action_display().lower()},
            )
        )
    edit = (
        claim.history.exclude(history_change_reason=VERDICT_CHANGE_REASON)
        .exclude(history_type="+")
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
    if edit is not None:
        candidates.append((edit.history_date, edit.history_user, _("edited the claim")))
    if not candidates:
        return None, _("it changed")
    _when, who, what = max(candidates, key=lambda item: item[0])
    return who, what
