"""The article page: the text with its claims, triage (sort, filter, bulk actions), marking."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from annotations import selectors, services
from annotations.forms import ClaimSpanForm
from annotations.models import Article, Claim, ClaimStatus, ReviewAction
from annotations.permissions import RESEARCH_CLAIM
from annotations.rating_labels import shipped_text
from annotations.splitting.checkworthiness import threshold
from annotations.views.common import (
    json_for_script,
    message_of,
    refusal_as_message,
    report_triage,
)

# Reasons offered when dismissing candidates from the article page (the workflow wants one);
# the chosen one is stored as written, in the dismissing person's language, like a typed note.
DISMISS_REASONS = (
    gettext_lazy("Not a factual claim"),
    gettext_lazy("Not worth checking"),
    gettext_lazy("Duplicate of another claim"),
    gettext_lazy("Opinion or prediction"),
)
DONE = {
    ReviewAction.START: gettext_lazy("research started"),
    ReviewAction.DISMISS: gettext_lazy("dismissed"),
    ReviewAction.RESTORE: gettext_lazy("restored to candidates"),
}


@login_required
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show an article's text with its claims highlighted and the triage panel beside it."""
    # The possible-duplicate link is shown in the header; joined here, not queried there.
    article = get_object_or_404(
        Article.objects.select_related("possible_duplicate__duplicate_of"), pk=pk
    )
    claims = selectors.article_page_claims(article=article)
    user = request.user
    can_research = user.has_perm(RESEARCH_CLAIM)
    cut = threshold()
    return render(
        request,
        "annotations/article_detail.html",
        {
            "article": article,
            "claim_total": len(claims),
            "claims_json": json_for_script([_claim_data(claim, cut) for claim in claims]),
            "ratings": selectors.all_ratings(),
            "can_mark": user.has_perm("annotations.add_claim"),
            "can_research": can_research,
            "dismiss_reasons": DISMISS_REASONS,
            "statuses": ClaimStatus.choices,
            "status_counts": selectors.status_counts(claims),
            "threshold": cut,
        },
    )


def _claim_data(claim: Claim, cut: float) -> dict:
    # Plain values the page's script draws the panel from: it lists thousands, a page at a time,
    # and cuts each quote from the text itself, so the page carries no text twice.
    verdict = claim.shown_verdict
    final = verdict is not None and verdict.is_final
    return {
        "id": claim.pk,
        "start": claim.start,
        "end": claim.end,
        "highlight": f"rating-{verdict.rating_id}" if final else f"claim-{claim.status}",
        "shown": selectors.highlighted_by_default(claim, cut),
        "version": claim.version,
        "status": claim.status,
        "score": claim.checkworthiness,
        "reasons": [[reason.text, reason.pulls_down] for reason in selectors.reasons_of(claim)],
        "verdict": shipped_text(verdict.rating.label) if verdict else "",
        "colour": verdict.rating.colour if verdict else "",
        "proposed": verdict is not None and not final,
        "assignee": claim.assignee.get_username() if claim.assignee else "",
    }


@login_required
@require_POST
def claim_mark(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the selected span as a claim, starting its research when the person may."""
    article = get_object_or_404(Article, pk=pk)
    form = ClaimSpanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The selection could not be read; select the text again."))
        return redirect(article)
    if not request.user.has_perm("annotations.add_claim"):
        raise PermissionDenied(_("Marking claims needs the annotator or editor role."))
    data = form.cleaned_data
    with refusal_as_message(request, _("No claim was created: "), (ValidationError,)) as refusal:
        claim = services.claim_mark(
            article=article,
            actor=request.user,
            start=data["start"],
            end=data["end"],
            quote=data["quote"],
            claim_text=request.POST.get("claim_text", ""),
            claim_date=request.POST.get("claim_date", "").strip() or None,
        )
    if refusal.status:
        return redirect(article)
    if claim.status == ClaimStatus.RESEARCHING:
        messages.success(request, _("Claim marked; research started."))
    else:
        messages.success(request, _("Claim marked as a candidate."))
    return HttpResponseRedirect(f"{article.get_absolute_url()}?claim={claim.pk}")


@login_required
@require_POST
def article_act(request: HttpRequest, pk: int) -> HttpResponse:
    """Start, dismiss or restore the selected claims; report what happened to each."""
    article = get_object_or_404(Article, pk=pk)
    action = request.POST.get("action", "")
    try:
        picked = [_claim_and_version(value) for value in request.POST.getlist("claim")]
    except ValueError:
        messages.error(request, _("The selected claims could not be read; select them again."))
        return redirect(article)
    comment = request.POST.get("reason", "") if action == ReviewAction.DISMISS else ""
    try:
        results = services.claims_triage(
            article=article, actor=request.user, action=action, claims=picked, comment=comment
        )
    except ValidationError as error:
        messages.error(
            request, (_("Nothing was changed: %(message_of)s") % {"message_of": message_of(error)})
        )
        return redirect(article)
    report_triage(request, results, done=DONE[action])
    return HttpResponseRedirect(f"{article.get_absolute_url()}?claim={results[0].claim_id}")


def _claim_and_version(value: str) -> tuple[int, int]:
    claim_id, _sep, version = value.partition(":")
    return int(claim_id), int(version)
