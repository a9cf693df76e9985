"""The article list (the import page: `importing`; the article page itself: `article_page`)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from annotations import selectors
from annotations.models import Article
from annotations.search import MAX_SEARCH_LENGTH, search_length_error

ARTICLES_PER_PAGE = 50


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    """List every article, newest first, a page at a time, with a search over its metadata."""
    query = request.GET.get("q", "").strip()
    error = None
    error = search_length_error(query)
    if error:
        query = ""
    # Page through bare rows, then count claims for this page's articles only: counting for
    # every article to show fifty grows with the whole table.
    articles = selectors.article_search(Article.objects.order_by("-created_at", "-id"), query)
    page = Paginator(articles.only("pk"), ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    shown = [article.pk for article in page.object_list]
    page.object_list = list(selectors.article_list_with_counts().filter(pk__in=shown))
    return render(
        request,
        "annotations/article_list.html",
        {
            "page": page,
            "query": query,
            "pager_params": {"q": query} if query else {},
            "error": error,
            "max_query": MAX_SEARCH_LENGTH,
            "can_import": request.user.has_perm("annotations.add_article"),
        },
        status=400 if error else 200,
    )
