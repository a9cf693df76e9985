"""Browser pages: thin views over selectors."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from annotations import selectors
from annotations.models import Article


def home(request: HttpRequest) -> HttpResponse:
    """Show the workspace overview to signed-in users and a welcome to everyone else."""
    context = {}
    if request.user.is_authenticated:
        context = {
            "status_counts": selectors.claim_status_counts(),
            "articles": selectors.article_list_with_counts()[:20],
        }
    return render(request, "annotations/home.html", context)


@login_required
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show an article's text with its claims in text order."""
    article = get_object_or_404(Article, pk=pk)
    claims = selectors.claims_for_article(article=article)
    return render(
        request, "annotations/article_detail.html", {"article": article, "claims": claims}
    )
