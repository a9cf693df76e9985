"""Evidence posted from the claim page: citing a source and removing a citation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from annotations import selectors, services
from annotations.forms import (
    EvidenceForm,
)
from annotations.views.claim_page import claim_or_404, render_claim
from annotations.views.common import refusal_as_message, refusal_on_form


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Cite a source (known or new) for the claim."""
    claim = claim_or_404(pk)
    form = EvidenceForm(request.POST, sources=selectors.source_choices())
    if not form.is_valid():
        return render_claim(request, claim, {"evidence": form}, status=400)
    with refusal_on_form(form) as refusal:
        # The form's fields are the service's: a known source, or a new one to create.
        services.evidence_add(claim=claim, actor=request.user, **form.cleaned_data)
    if refusal.status:
        return render_claim(request, claim, {"evidence": form}, status=refusal.status)
    messages.success(request, _("Evidence added."))
    return HttpResponseRedirect(reverse("claim-detail", args=[claim.pk]) + "#evidence")


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    """Remove a piece of evidence from the claim (its history keeps it)."""
    claim = claim_or_404(pk)
    evidence = get_object_or_404(claim.evidence.all(), pk=evidence_pk)
    with refusal_as_message(request, refusals=(ValidationError, PermissionDenied)) as refusal:
        services.evidence_remove(evidence=evidence, actor=request.user)
    if not refusal.status:
        messages.success(request, _("Evidence removed."))
    return HttpResponseRedirect(reverse("claim-detail", args=[claim.pk]) + "#evidence")
