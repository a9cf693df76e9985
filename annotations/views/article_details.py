"""An article's details page: annotators and editors correct its title, source and date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from annotations import services
from annotations.forms import ArticleDetailsForm
from annotations.models import Article
from annotations.services.articles import CHANGE_ARTICLE, METADATA_FIELDS
from annotations.views.common import refusal_on_form


@login_required
def article_details(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the article's details in a form and save them through the service."""
    article = get_object_or_404(Article.objects.defer("html", "original"), pk=pk)
    if not request.user.has_perm(CHANGE_ARTICLE):
        raise PermissionDenied(
            _("Editing an article's details needs the annotator or editor role.")
        )
    initial = {name: getattr(article, name) for name in METADATA_FIELDS}
    form = ArticleDetailsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            changed = {name: form.cleaned_data[name] for name in form.changed_data}
            with refusal_on_form(form) as refusal:
                services.article_update_metadata(article=article, actor=request.user, **changed)
            if not refusal.status:
                messages.success(request, _("Article details saved."))
                return redirect(article.get_absolute_url())
            status = refusal.status
            article.refresh_from_db()
        else:
            status = 400
    return render(
        request,
        "annotations/article_details.html",
        {"article": article, "form": form, "history": _changes(article)},
        status=status,
    )


def _changes(article: Article, limit: int = 20) -> list[dict]:
    """Return the article's recorded changes, newest first, each with the fields it changed."""
    records = list(
        article.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    changes = []
    for record, earlier in zip(records, [*records[1:], None], strict=False):
        fields = record.diff_against(earlier).changes if earlier is not None else []
        changes.append({"record": record, "fields": fields, "imported": earlier is None})
    return changes[:limit]
