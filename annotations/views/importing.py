"""The import page: paste text, upload a file, or give the URL of the page to fetch."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _

from annotations import services
from annotations.errors import DuplicateArticleError
from annotations.forms import ArticleImportForm, apply_errors
from annotations.models import Article


@login_required
def article_import(request: HttpRequest) -> HttpResponse:
    """Import an article from pasted text, a file or a URL; optionally suggest candidate claims."""
    if not request.user.has_perm("annotations.add_article"):
        raise PermissionDenied(_("Importing articles needs the annotator or editor role."))
    form = ArticleImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                article, note = _import(request, form.cleaned_data)
            except DuplicateArticleError as duplicate:
                _say_already_here(request, duplicate.article, duplicate.summary)
                status = 409
            except ValidationError as error:
                apply_errors(form, _on_fetch_field(error, form.cleaned_data))
            else:
                messages.success(request, f"Imported “{article.title}”{note}.")
                flag = getattr(article, "possible_duplicate", None)
                if flag is not None:
                    _say_possible_duplicate(request, flag.duplicate_of)
                return redirect(article)
    return render(request, "annotations/article_import.html", {"form": form}, status=status)


def _import(request: HttpRequest, data: dict) -> tuple[Article, str]:
    """Call the import service the form asks for; return the article and a note on its claims."""
    if data.get("fetch_url"):
        article = services.article_import_url(
            actor=request.user,
            url=data["fetch_url"],
            split=bool(data.get("split")),
            language=data["language"] or None,
        )
        count = article.claims.count() if data.get("split") else None
        return article, "" if count is None else f" with {count} candidate claims"
    upload = data.get("file")
    source = {"file": upload, "filename": upload.name} if upload else {"text": data["text"]}
    arguments = {
        **source,
        "title": data["title"],
        "url": data["url"],
        "publisher": data["publisher"],
        "author": data["author"],
        "language": data["language"],
        "published_at": data["published_at"],
        "actor": request.user,
    }
    if data.get("split"):
        article, result = services.article_import_split(**arguments)
        return article, f" with {len(result.created)} candidate claims"
    return services.article_import(**arguments), ""


def _on_fetch_field(error: ValidationError, data: dict) -> ValidationError:
    """Show a URL import's errors on the field the URL was typed in."""
    if not data.get("fetch_url") or not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {
            ("fetch_url" if field == "url" else field): messages
            for field, messages in error.message_dict.items()
        }
    )


def _say_already_here(request: HttpRequest, article: Article, summary: str) -> None:
    messages.warning(
        request,
        format_html('{} <a href="{}">Open “{}”</a>', summary, article.get_absolute_url(), article),
    )


def _say_possible_duplicate(request: HttpRequest, earlier: Article) -> None:
    messages.warning(
        request,
        format_html(
            'This may be a rewrite of an earlier article: <a href="{}">“{}”</a>.',
            earlier.get_absolute_url(),
            earlier,
        ),
    )
