"""The review queue for reviewers and editors."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from annotations import selectors
from annotations.permissions import (
    PUBLISH_CLAIM,
    REVIEW_CLAIM,
)
from annotations.selectors.queues import returned_queue_for


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """List the claims waiting for this reviewer, and for editors what needs deciding."""
    user = request.user
    if not (user.has_perm(REVIEW_CLAIM) or user.has_perm(PUBLISH_CLAIM)):
        raise PermissionDenied(_("The review queue is for reviewers and editors."))
    return render(
        request,
        "annotations/review_queue.html",
        {
            "review_queue": list(selectors.review_queue_for(user=user)),
            "adjudication_queue": (
                list(selectors.adjudication_queue()) if user.has_perm(PUBLISH_CLAIM) else None
            ),
            "publish_queue": (
                list(selectors.publish_queue()) if user.has_perm(PUBLISH_CLAIM) else None
            ),
            "returned_queue": (
                list(returned_queue_for(user=user)) if user.has_perm(PUBLISH_CLAIM) else None
            ),
        },
    )
