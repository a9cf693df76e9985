"""The claim page's context and rendering, shared by every form posted from it."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from annotations import selectors, workflow_rules
from annotations.forms import (
    ClaimEditForm,
    CommentForm,
    EvidenceForm,
    VerdictForm,
)
from annotations.models import (
    Claim,
    ReviewAction,
    VerdictRole,
)
from annotations.selectors.queues import changes_requested
from annotations.similar import similar_published_claims
from annotations.workflow_rules import COMMENT_REQUIRED


def claim_context(
    request: HttpRequest, claim: Claim, forms: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Return the claim page's context: the claim, its forms, verdicts, evidence and trail."""
    user = request.user
    current = selectors.review_round(claim)
    abilities = workflow_rules.claim_abilities(claim=claim, user=user, current=current)
    verdicts = selectors.verdicts_visible_to(claim=claim, user=user)
    proposal_scale = next(
        (v.rating.scale for v in verdicts if v.role == VerdictRole.PROPOSAL), None
    )
    ratings = selectors.scale_ratings(proposal_scale)
    proposal = next(
        (v for v in reversed(verdicts) if v.role == VerdictRole.PROPOSAL and v.approved_at is None),
        None,
    )
    forms = forms or {}
    edit_form = forms.get("edit") or ClaimEditForm(
        initial={
            "claim_text": claim.claim_text,
            "claimant": claim.claimant,
            "claimant_type": claim.claimant_type,
            "claim_date": claim.claim_date,
            "tags": ", ".join(tag.name for tag in claim.tags.all()),
            "version": claim.version,
        }
    )
    evidence_form = forms.get("evidence") or EvidenceForm(sources=selectors.reusable_sources())
    if forms.get("evidence") is not None:
        evidence_form.fields["source"].queryset = selectors.reusable_sources()
    verdict_form = forms.get("verdict") or VerdictForm(
        ratings=ratings,
        initial={
            "rating": proposal.rating_id if proposal else None,
            "explanation": proposal.explanation if proposal else "",
            "role": VerdictRole.PROPOSAL,
        },
    )
    review_form = forms.get("review") or VerdictForm(
        ratings=ratings,
        initial={"role": VerdictRole.REVIEW, "version": claim.version},
        prefix="review",
    )
    sealed = (
        len(current.reviews) - sum(1 for v in verdicts if v.role == VerdictRole.REVIEW)
        if current.blind
        else 0
    )
    text = claim.article.text
    return {
        "claim": claim,
        "article": claim.article,
        "before": text[max(0, claim.start - 240) : claim.start],
        "after": text[claim.end : claim.end + 240],
        "abilities": abilities,
        "actions": [
            {
                "value": action,
                "label": ReviewAction(action).label,
                "needs_comment": action in COMMENT_REQUIRED,
                "hint": COMMENT_REQUIRED.get(action, ""),
            }
            for action in abilities.actions
        ],
        "verdicts": verdicts,
        "final_verdict": selectors.final_among(verdicts),
        "sealed_reviews": max(sealed, 0),
        "review_round": current,
        "evidence": list(selectors.claim_evidence(claim=claim)),
        "comments": list(selectors.comments_for(claim=claim, user=user)),
        "trail": readable_trail(selectors.claim_audit_trail(claim=claim, viewer=user)),
        "edit_form": edit_form,
        "evidence_form": evidence_form,
        "verdict_form": verdict_form,
        "review_form": review_form,
        "comment_form": forms.get("comment") or CommentForm(),
        "conflict": forms.get("conflict"),
        "verdict_conflict": forms.get("verdict_conflict"),
        "transition_error": forms.get("transition_error"),
        "ratings": ratings,
        "similar": similar_published_claims(claim=claim),
        "returned": changes_requested(claim=claim),
    }


def readable_trail(trail: list) -> list[dict[str, Any]]:
    """Return the audit trail with action labels and without empty field values."""
    entries = []
    for entry in trail:
        changes = [
            change
            for change in entry.changes
            if change.before not in (None, "") or change.after not in (None, "")
        ]
        entries.append(
            {
                "entry": entry,
                "label": entry.label,
                "changes": changes,
            }
        )
    return entries


def claim_or_404(pk: int) -> Claim:
    """Return the claim with what its page reads, or answer 404."""
    try:
        return selectors.claim_for_page(pk=pk)
    except Claim.DoesNotExist:
        raise Http404(_("No such claim.")) from None


def render_claim(
    request: HttpRequest, claim: Claim, forms: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    """Render the claim page, with any posted forms kept as they were typed."""
    return render(
        request,
        "annotations/claim_detail.html",
        claim_context(request, claim, forms),
        status=status,
    )
