"""Verdicts posted from the claim page: proposal, blind review, adjudication."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from annotations import services
from annotations.errors import ConflictError
from annotations.forms import (
    VerdictForm,
)
from annotations.models import (
    Rating,
    VerdictRole,
)
from annotations.views.claim_page import claim_or_404, render_claim
from annotations.views.common import refusal_on_form


@login_required
@require_POST
def verdict_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Propose a verdict, give a blind reviewer's verdict, or adjudicate two of them."""
    claim = claim_or_404(pk)
    role = request.POST.get("review-role") or request.POST.get("role") or VerdictRole.PROPOSAL
    prefix = "review" if "review-role" in request.POST else None
    form = VerdictForm(request.POST, ratings=Rating.objects.filter(retired=False), prefix=prefix)
    key = "review" if prefix else "verdict"
    if not form.is_valid():
        return render_claim(request, claim, {key: form}, status=400)
    data = form.cleaned_data
    try:
        with refusal_on_form(form) as refusal:
            services.verdict_set(
                claim=claim,
                actor=request.user,
                rating=data["rating"],
                explanation=data["explanation"],
                role=role,
                comment=data["comment"],
                expected_version=data.get("version") or None,
            )
    except ConflictError as error:
        # The page again at 409, with what was typed kept in the form and the conflict named.
        return render_claim(
            request, claim_or_404(pk), {key: form, "verdict_conflict": error}, status=409
        )
    if refusal.status:
        return render_claim(request, claim, {key: form}, status=refusal.status)
    messages.success(request, _("Verdict saved."))
    return HttpResponseRedirect(reverse("claim-detail", args=[claim.pk]) + "#verdict")
