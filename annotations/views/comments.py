"""The claim page's discussion."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from annotations import services
from annotations.forms import (
    CommentForm,
)
from annotations.views.claim_page import claim_or_404, render_claim
from annotations.views.common import refusal_on_form


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Post a comment on the claim."""
    claim = claim_or_404(pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        with refusal_on_form(form):
            services.comment_add(claim=claim, actor=request.user, text=form.cleaned_data["text"])
    if form.errors:
        return render_claim(request, claim, {"comment": form}, status=400)
    return HttpResponseRedirect(reverse("claim-detail", args=[claim.pk]) + "#discussion")
