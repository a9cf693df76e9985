"""The archived copy of a cited page, and the button that archives a source again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from annotations.models import Source
from annotations.selectors.archives import archived_copy
from annotations.services.archives import source_archive_request
from annotations.views.common import refusal_as_message, safe_next


def source_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Show an archived copy: to the desk, and to anyone once a published claim cites it."""
    archive = archived_copy(pk=pk, user=request.user)
    if archive is None:
        raise Http404(_("No archived copy with this number."))
    return render(request, "annotations/source_archive.html", {"archive": archive})


@require_POST
@login_required
def source_archive_again(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive a source's page again; the new copy appears once it has been fetched."""
    source = get_object_or_404(Source, pk=pk)
    with refusal_as_message(request, "Not archived: ") as refusal:
        source_archive_request(source=source, actor=request.user)
    if not refusal.status:
        messages.success(
            request,
            (
                _("Archiving “%(title)s” again; the copy appears here soon.")
                % {"title": source.title}
            ),
        )
    return redirect(safe_next(request, "/"))
