"""Public pages: published fact-checks only, for everyone."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from annotations import selectors
from annotations.credits import Credits
from annotations.exports.claimreview import claim_review, public_base
from annotations.models import (
    Claim,
)
from annotations.public_cache import cached_public_page
from annotations.views.common import (
    json_for_script,
)

FACTCHECKS_PER_PAGE = 50


@cached_public_page
def factcheck_list(request: HttpRequest) -> HttpResponse:
    """List the published fact-checks, newest first, a page at a time."""
    page = Paginator(selectors.published_claims(), FACTCHECKS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "annotations/factcheck_list.html", {"page": page})


@cached_public_page
def factcheck_public(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a published fact-check with its ClaimReview; anything unpublished is not found."""
    try:
        claim = selectors.published_claim(pk=pk)
    except Claim.DoesNotExist:
        raise Http404(_("No published fact-check here.")) from None
    verdict = selectors.final_verdict(claim)
    if verdict is None:
        raise Http404(_("No published fact-check here."))
    return render(
        request,
        "annotations/factcheck_public.html",
        {
            "claim": claim,
            "article": claim.article,
            "verdict": verdict,
            "evidence": list(selectors.public_evidence(claim=claim)),
            "corrections": list(claim.corrections.all()),
            # The organisation, or the researcher by the public name they chose: never a login.
            "credit": Credits.for_public().name_by_id(claim.researcher_id),
            "claimreview_json": json_for_script(claim_review(claim, base=public_base(request))),
        },
    )
