"""The claim pages: the search, the claim page, its wording, span and workflow steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from annotations import selectors, services
from annotations.anchoring import quote_matches
from annotations.api.filters import ClaimFilter
from annotations.errors import ConflictError
from annotations.forms import (
    ClaimEditForm,
    ClaimSpanForm,
    TransitionForm,
    apply_errors,
)
from annotations.models import (
    Claim,
    ClaimOrigin,
    ClaimStatus,
    ReviewAction,
)
from annotations.permissions import (
    user_can_research,
)
from annotations.views.claim_page import claim_or_404, render_claim
from annotations.views.common import message_of, refusal_as_message, safe_next

CLAIMS_PER_PAGE = 50


@login_required
def claim_list(request: HttpRequest) -> HttpResponse:
    """Find claims across articles by words, status, rating and origin (the API's filters)."""
    filters = ClaimFilter(request.GET, queryset=selectors.claim_search_list())
    valid = filters.is_valid()
    claims = filters.qs if valid else Claim.objects.none()
    page = Paginator(claims, CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    chosen = request.GET.copy()
    chosen.pop("page", None)
    return render(
        request,
        "annotations/claim_list.html",
        {
            "page": page,
            "errors": [] if valid else _filter_errors(filters),
            "query": request.GET.get("q", ""),
            "statuses": [
                (value, label, value in request.GET.getlist("status"))
                for value, label in ClaimStatus.choices
            ],
            "ratings": selectors.ratings_by_slug(),
            "origins": ClaimOrigin.choices,
            "chosen": chosen,
            "searched": any(chosen.values()),
        },
        status=200 if valid else 400,
    )


def _filter_errors(filters: ClaimFilter) -> list[str]:
    """Name each refused filter with its problem, in the words of the page's form."""
    names = {"q": "Words", "status": "Status", "rating": "Rating", "origin": "Origin", "tag": "Tag"}
    return [
        f"{names.get(field, field)}: {message}"
        for field, messages_ in filters.errors.items()
        for message in messages_
    ]


@login_required
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a claim: wording, evidence, verdicts, workflow buttons, discussion and history."""
    return render_claim(request, claim_or_404(pk))


@login_required
@require_POST
def claim_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the claim's wording, claimant, date and tags unless someone changed it meanwhile."""
    claim = claim_or_404(pk)
    form = ClaimEditForm(request.POST)
    if not form.is_valid():
        return render_claim(request, claim, {"edit": form}, status=400)
    if not user_can_research(request.user, claim):
        raise PermissionDenied(_("You may not edit this claim."))
    data = form.cleaned_data
    # A form from before these fields existed leaves the type and the tags as they are.
    optional = {name: data[name] for name in ("claimant_type", "tags") if name in request.POST}
    try:
        services.claim_update(
            claim=claim,
            actor=request.user,
            expected_version=data["version"],
            claim_text=data["claim_text"],
            claimant=data["claimant"],
            claim_date=data["claim_date"],
            **optional,
        )
    except ConflictError as error:
        claim = claim_or_404(pk)
        return render_claim(request, claim, {"edit": form, "conflict": error}, status=409)
    except ValidationError as error:
        apply_errors(form, error)
        return render_claim(request, claim, {"edit": form}, status=400)
    messages.success(request, _("Claim saved."))
    return redirect("claim-detail", pk=claim.pk)


@login_required
@require_POST
def claim_span(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a claim's edges to a new selection, refusing a stale edit."""
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=pk)
    form = ClaimSpanForm(request.POST)
    target = f"{claim.article.get_absolute_url()}?claim={claim.pk}"
    if not form.is_valid() or form.cleaned_data.get("version") is None:
        messages.error(request, _("The selection could not be read; select the text again."))
        return HttpResponseRedirect(target)
    data = form.cleaned_data
    if not quote_matches(claim.article.text, data["start"], data["end"], data["quote"]):
        messages.error(
            request, _("The selection does not match the article text; reload the page.")
        )
        return HttpResponseRedirect(target)
    with refusal_as_message(request, _("The span was not changed: ")) as refusal:
        services.claim_update(
            claim=claim,
            actor=request.user,
            expected_version=data["version"],
            start=data["start"],
            end=data["end"],
        )
    if not refusal.status:
        messages.success(request, _("Claim span adjusted."))
    return HttpResponseRedirect(target)


@login_required
@require_POST
def claim_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Take one workflow step on the claim."""
    claim = claim_or_404(pk)
    form = TransitionForm(request.POST)
    default = reverse("claim-detail", args=[claim.pk])
    if not form.is_valid():
        messages.error(request, _("That step could not be read; reload the page and try again."))
        return redirect(default)
    data = form.cleaned_data
    assignee = request.user if data["action"] == ReviewAction.ASSIGN else None
    try:
        services.claim_transition(
            claim=claim,
            actor=request.user,
            action=data["action"],
            expected_status=data["expected_status"],
            expected_version=data["expected_version"],
            comment=data["comment"],
            assignee=assignee,
        )
    except ConflictError as error:
        messages.error(request, error.message)
        return redirect(default)
    except (ValidationError, PermissionDenied) as error:
        return render_claim(request, claim, {"transition_error": message_of(error)}, status=400)
    messages.success(
        request, _("%(action)s: done.") % {"action": ReviewAction(data["action"]).label}
    )
    return redirect(safe_next(request, default))
