"""The article pages: the list, the import, the text with its claims, marking and acting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from annotations import selectors, services
from annotations.forms import (
    ArticleImportForm,
    ClaimSpanForm,
    apply_errors,
)
from annotations.models import (
    Article,
    Claim,
    ClaimStatus,
    ReviewAction,
)
from annotations.permissions import (
    PUBLISH_CLAIM,
    RESEARCH_CLAIM,
)
from annotations.search import MAX_SEARCH_LENGTH, search_length_error
from annotations.views.common import json_for_script, refusal_as_message

ARTICLES_PER_PAGE = 50


# Reasons offered when dismissing a candidate from the article page (the workflow wants one).
DISMISS_REASONS = (
    "Not a factual claim",
    "Not worth checking",
    "Duplicate of another claim",
    "Opinion or prediction",
)


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


@login_required
def article_import(request: HttpRequest) -> HttpResponse:
    """Import an article from pasted text or a file; optionally suggest candidate claims."""
    if not request.user.has_perm("annotations.add_article"):
        raise PermissionDenied("Importing articles needs the annotator or editor role.")
    form = ArticleImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
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
        try:
            if data.get("split"):
                article, result = services.article_import_split(**arguments)
                note = f" with {len(result.created)} candidate claims"
            else:
                article, note = services.article_import(**arguments), ""
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Imported “{article.title}”{note}.")
            return redirect(article)
    status = 400 if request.method == "POST" else 200
    return render(request, "annotations/article_import.html", {"form": form}, status=status)


@login_required
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show an article's text with every claim highlighted and listed in text order."""
    article = get_object_or_404(Article, pk=pk)
    claims = selectors.article_claims(article=article)
    user = request.user
    can_research = user.has_perm(RESEARCH_CLAIM)
    can_publish = user.has_perm(PUBLISH_CLAIM)
    ratings = selectors.all_ratings()
    highlight_data = []
    rows = []
    # One claim page URL pattern, filled in per claim: reversing 300 times costs more.
    claim_url = reverse("claim-detail", args=[0]).replace("/0/", "/{}/")
    status_labels = dict(ClaimStatus.choices)
    for claim in claims:
        verdict = claim.shown_verdict
        final = verdict is not None and verdict.is_final
        highlight = f"rating-{verdict.rating_id}" if final else f"claim-{claim.status}"
        highlight_data.append(
            {
                "id": claim.pk,
                "start": claim.start,
                "end": claim.end,
                "highlight": highlight,
                "version": claim.version,
            }
        )
        # Plain values keep the template's work per claim small: this page lists hundreds.
        rows.append(
            {
                "id": claim.pk,
                "status": claim.status,
                "status_label": status_labels[claim.status],
                "quote": claim.quote if len(claim.quote) <= 180 else claim.quote[:179] + "…",
                "verdict": verdict.rating.label if verdict else "",
                "verdict_colour": verdict.rating.colour if verdict else "",
                "proposed": verdict is not None and not final,
                "score": (
                    f"{claim.checkworthiness:.2f}" if claim.checkworthiness is not None else ""
                ),
                "assignee": claim.assignee.get_username() if claim.assignee else "",
                "version": claim.version,
                "url": claim_url.format(claim.pk),
            }
        )
    return render(
        request,
        "annotations/article_detail.html",
        {
            "article": article,
            "claims": rows,
            "claims_json": json_for_script(highlight_data),
            "ratings": ratings,
            "can_mark": user.has_perm("annotations.add_claim") and can_research,
            "can_research": can_research,
            "can_publish": can_publish,
            "dismiss_reasons": DISMISS_REASONS,
            "statuses": ClaimStatus.choices,
            "status_counts": _count_statuses(rows),
        },
    )


def _count_statuses(claims: list[dict]) -> list[tuple[str, str, int]]:
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim["status"]] = counts.get(claim["status"], 0) + 1
    return [
        (value, label, counts[value]) for value, label in ClaimStatus.choices if value in counts
    ]


@login_required
@require_POST
def claim_mark(request: HttpRequest, pk: int) -> HttpResponse:
    """Create a claim from a span the person selected in the article text."""
    article = get_object_or_404(Article, pk=pk)
    form = ClaimSpanForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The selection could not be read; select the text again.")
        return redirect(article)
    if not request.user.has_perm("annotations.add_claim"):
        raise PermissionDenied("Marking claims needs the annotator or editor role.")
    data = form.cleaned_data
    with refusal_as_message(request, "No claim was created: ", (ValidationError,)) as refusal:
        claim = services.claim_create(
            article=article,
            actor=request.user,
            start=data["start"],
            end=data["end"],
            quote=data["quote"],
        )
    if refusal.status:
        return redirect(article)
    messages.success(request, "Claim marked.")
    return HttpResponseRedirect(f"{article.get_absolute_url()}?claim={claim.pk}")


@login_required
@require_POST
def article_act(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or dismiss a candidate from the article page (one form serves every claim)."""
    article = get_object_or_404(Article, pk=pk)
    try:
        action, claim_pk, version = request.POST.get("do", "").split(":")
        claim = get_object_or_404(Claim, pk=int(claim_pk), article=article)
        version = int(version)
    except ValueError:
        messages.error(request, "That action could not be read; try again.")
        return redirect(article)
    if action not in (ReviewAction.START, ReviewAction.DISMISS):
        messages.error(request, "Only accepting and dismissing are done from the article page.")
        return redirect(article)
    with refusal_as_message(request) as refusal:
        services.claim_transition(
            claim=claim,
            actor=request.user,
            action=action,
            expected_version=version,
            comment=request.POST.get("reason", "") if action == ReviewAction.DISMISS else "",
        )
    if not refusal.status:
        done = "accepted: research started" if action == ReviewAction.START else "dismissed"
        messages.success(request, f"Claim {done}.")
    return HttpResponseRedirect(f"{article.get_absolute_url()}?claim={claim.pk}")
