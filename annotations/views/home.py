"""The dashboard: a signed-in person's queues, recent articles and counts."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from annotations import selectors
from annotations.models import (
    ClaimStatus,
)
from annotations.permissions import (
    PUBLISH_CLAIM,
    user_roles,
)
from annotations.selectors.queues import returned_queue_for


def home(request: HttpRequest) -> HttpResponse:
    """Show the signed-in person's queues, recent articles and counts; a welcome otherwise."""
    if not request.user.is_authenticated:
        return render(
            request,
            "annotations/welcome.html",
            {"published": selectors.published_claims()[:10]},
        )
    user = request.user
    counts = selectors.claim_status_counts()
    context = {
        "status_counts": [
            (status, ClaimStatus(status).label, count) for status, count in counts.items()
        ],
        "claims_total": sum(counts.values()),
        "returned_queue": list(returned_queue_for(user=user)[:25]),
        "articles": selectors.article_list_with_counts()[:15],
        "research_queue": list(selectors.research_queue_for(user=user)[:25]),
        "review_queue": list(selectors.review_queue_for(user=user)[:25]),
        "publish_queue": (
            list(selectors.publish_queue()[:25]) if user.has_perm(PUBLISH_CLAIM) else None
        ),
        "adjudication_queue": (
            list(selectors.adjudication_queue()[:25]) if user.has_perm(PUBLISH_CLAIM) else None
        ),
        "roles": sorted(user_roles(user)),
        "can_import": user.has_perm("annotations.add_article"),
    }
    return render(request, "annotations/home.html", context)
