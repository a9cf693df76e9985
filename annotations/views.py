"""Browser pages: parse the form, call one service, render or redirect."""

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from annotations import selectors, services, workflow_rules
from annotations.anchoring import quote_matches
from annotations.api.filters import ClaimFilter
from annotations.credits import Credits
from annotations.errors import ConflictError, error_message
from annotations.exports.claimreview import claim_review
from annotations.forms import (
    ArticleImportForm,
    ClaimEditForm,
    ClaimSpanForm,
    CommentForm,
    EvidenceForm,
    TransitionForm,
    VerdictForm,
    apply_errors,
)
from annotations.models import (
    Article,
    Claim,
    ClaimOrigin,
    ClaimStatus,
    Rating,
    ReviewAction,
    VerdictRole,
)
from annotations.permissions import (
    PUBLISH_CLAIM,
    RESEARCH_CLAIM,
    REVIEW_CLAIM,
    user_can_research,
    user_roles,
)
from annotations.similar import similar_published_claims
from annotations.workflow_rules import COMMENT_REQUIRED

# Rows per page of the lists, and the longest article search taken.
FACTCHECKS_PER_PAGE = 50
ARTICLES_PER_PAGE = 50
CLAIMS_PER_PAGE = 50
MAX_ARTICLE_QUERY = 200
# Reasons offered when dismissing a candidate from the article page (the workflow wants one).
DISMISS_REASONS = (
    "Not a factual claim",
    "Not worth checking",
    "Duplicate of another claim",
    "Opinion or prediction",
)
_HIGHLIGHT_STATUSES = tuple(ClaimStatus.values)


def _json_script(value: Any) -> SafeString:
    """Return JSON that is safe inside a <script> element (as Django's json_script escapes)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    # Safe: no character that could close the element or open a comment is left unescaped.
    return mark_safe(text)


def _message_of(error: Exception) -> str:
    return error_message(error, default="You may not do that.")


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# Dashboard and import.


def home(request: HttpRequest) -> HttpResponse:
    """Show the signed-in person's queues, recent articles and counts; a welcome otherwise."""
    if not request.user.is_authenticated:
        return render(
            request,
            "annotations/welcome.html",
            {"published": selectors.published_claims()[:10]},
        )
    user = request.user
    context = {
        "status_counts": [
            (status, ClaimStatus(status).label, count)
            for status, count in selectors.claim_status_counts().items()
        ],
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


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    """List every article, newest first, a page at a time, with a search over its metadata."""
    query = request.GET.get("q", "").strip()
    error = None
    if len(query) > MAX_ARTICLE_QUERY:
        error = f"The search is {len(query)} characters long; use at most {MAX_ARTICLE_QUERY}."
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
            "max_query": MAX_ARTICLE_QUERY,
            "can_import": request.user.has_perm("annotations.add_article"),
        },
        status=400 if error else 200,
    )


@login_required
def claim_list(request: HttpRequest) -> HttpResponse:
    """Find claims across articles by words, status, rating and origin (the API's filters)."""
    filters = ClaimFilter(request.GET, queryset=selectors.claim_search_list())
    valid = filters.is_valid()
    claims = filters.qs if valid else Claim.objects.none()
    page = Paginator(claims, CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    chosen = request.GET.copy()
    chosen.pop("page", None)
    return render(
        request,
        "annotations/claim_list.html",
        {
            "page": page,
            "errors": [] if valid else _filter_errors(filters),
            "query": request.GET.get("q", ""),
            "statuses": [
                (value, label, value in request.GET.getlist("status"))
                for value, label in ClaimStatus.choices
            ],
            "ratings": _ratings_by_slug(),
            "origins": ClaimOrigin.choices,
            "chosen": chosen,
            "searched": any(chosen.values()),
        },
        status=200 if valid else 400,
    )


def _ratings_by_slug() -> list[Rating]:
    """Return one rating per slug (the filter matches slugs), the default scale's first."""
    ratings: dict[str, Rating] = {}
    for rating in Rating.objects.select_related("scale").order_by(
        "-scale__is_default", "scale__name", "order"
    ):
        ratings.setdefault(rating.slug, rating)
    return list(ratings.values())


def _filter_errors(filters: ClaimFilter) -> list[str]:
    """Name each refused filter with its problem, in the words of the page's form."""
    names = {"q": "Words", "status": "Status", "rating": "Rating", "origin": "Origin"}
    return [
        f"{names.get(field, field)}: {message}"
        for field, messages_ in filters.errors.items()
        for message in messages_
    ]


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


# The article page.


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
            {"id": claim.pk, "s": claim.start, "e": claim.end, "h": highlight, "v": claim.version}
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
            "claims_json": _json_script(highlight_data),
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
    try:
        claim = services.claim_create(
            article=article,
            actor=request.user,
            start=data["start"],
            end=data["end"],
            quote=data["quote"],
        )
    except ValidationError as error:
        messages.error(request, f"No claim was created: {_message_of(error)}")
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
    try:
        services.claim_transition(
            claim=claim,
            actor=request.user,
            action=action,
            expected_version=version,
            comment=request.POST.get("reason", "") if action == ReviewAction.DISMISS else "",
        )
    except (ValidationError, PermissionDenied, ConflictError) as error:
        messages.error(request, _message_of(error))
    else:
        done = "accepted: research started" if action == ReviewAction.START else "dismissed"
        messages.success(request, f"Claim {done}.")
    return HttpResponseRedirect(f"{article.get_absolute_url()}?claim={claim.pk}")


@login_required
@require_POST
def claim_span(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a claim's edges to a new selection, refusing a stale edit."""
    claim = get_object_or_404(Claim.objects.select_related("article"), pk=pk)
    form = ClaimSpanForm(request.POST)
    target = f"{claim.article.get_absolute_url()}?claim={claim.pk}"
    if not form.is_valid() or form.cleaned_data.get("version") is None:
        messages.error(request, "The selection could not be read; select the text again.")
        return HttpResponseRedirect(target)
    data = form.cleaned_data
    if not quote_matches(claim.article.text, data["start"], data["end"], data["quote"]):
        messages.error(request, "The selection does not match the article text; reload the page.")
        return HttpResponseRedirect(target)
    try:
        services.claim_update(
            claim=claim,
            actor=request.user,
            expected_version=data["version"],
            start=data["start"],
            end=data["end"],
        )
    except (ValidationError, ConflictError, PermissionDenied) as error:
        messages.error(request, f"The span was not changed: {_message_of(error)}")
    else:
        messages.success(request, "Claim span adjusted.")
    return HttpResponseRedirect(target)


# The claim panel.


def _claim_context(
    request: HttpRequest, claim: Claim, forms: dict[str, Any] | None = None
) -> dict[str, Any]:
    user = request.user
    current = selectors.review_round(claim)
    abilities = workflow_rules.claim_abilities(claim=claim, user=user, current=current)
    verdicts = selectors.verdicts_visible_to(claim=claim, user=user)
    proposal_scale = next(
        (v.rating.scale for v in verdicts if v.role == VerdictRole.PROPOSAL), None
    )
    ratings = selectors.scale_ratings(proposal_scale)
    proposal = next(
        (v for v in reversed(verdicts) if v.role == VerdictRole.PROPOSAL and v.approved_at is None),
        None,
    )
    forms = forms or {}
    edit_form = forms.get("edit") or ClaimEditForm(
        initial={
            "claim_text": claim.claim_text,
            "claimant": claim.claimant,
            "claim_date": claim.claim_date,
            "version": claim.version,
        }
    )
    evidence_form = forms.get("evidence") or EvidenceForm(sources=selectors.reusable_sources())
    if forms.get("evidence") is not None:
        evidence_form.fields["source"].queryset = selectors.reusable_sources()
    verdict_form = forms.get("verdict") or VerdictForm(
        ratings=ratings,
        initial={
            "rating": proposal.rating_id if proposal else None,
            "explanation": proposal.explanation if proposal else "",
            "role": VerdictRole.PROPOSAL,
        },
    )
    review_form = forms.get("review") or VerdictForm(
        ratings=ratings,
        initial={"role": VerdictRole.REVIEW, "version": claim.version},
        prefix="review",
    )
    sealed = (
        len(current.reviews) - sum(1 for v in verdicts if v.role == VerdictRole.REVIEW)
        if current.blind
        else 0
    )
    text = claim.article.text
    return {
        "claim": claim,
        "article": claim.article,
        "before": text[max(0, claim.start - 240) : claim.start],
        "after": text[claim.end : claim.end + 240],
        "abilities": abilities,
        "actions": [
            {
                "value": action,
                "label": ReviewAction(action).label,
                "needs_comment": action in COMMENT_REQUIRED,
                "hint": COMMENT_REQUIRED.get(action, ""),
            }
            for action in abilities.actions
        ],
        "verdicts": verdicts,
        "final_verdict": selectors.final_among(verdicts),
        "sealed_reviews": max(sealed, 0),
        "review_round": current,
        "evidence": list(selectors.claim_evidence(claim=claim)),
        "comments": list(selectors.comments_for(claim=claim, user=user)),
        "trail": _readable_trail(selectors.claim_audit_trail(claim=claim, viewer=user)),
        "edit_form": edit_form,
        "evidence_form": evidence_form,
        "verdict_form": verdict_form,
        "review_form": review_form,
        "comment_form": forms.get("comment") or CommentForm(),
        "conflict": forms.get("conflict"),
        "verdict_conflict": forms.get("verdict_conflict"),
        "transition_error": forms.get("transition_error"),
        "ratings": ratings,
        "similar": similar_published_claims(claim=claim),
    }


def _readable_trail(trail: list) -> list[dict[str, Any]]:
    """Return the audit trail with action labels and without empty field values."""
    labels = dict(ReviewAction.choices)
    entries = []
    for entry in trail:
        changes = [
            change
            for change in entry.changes
            if change.before not in (None, "") or change.after not in (None, "")
        ]
        entries.append(
            {
                "entry": entry,
                "label": labels.get(entry.action, entry.action)
                if entry.kind == "transition"
                else f"{entry.action} {entry.kind}",
                "changes": changes,
            }
        )
    return entries


def _claim_or_404(pk: int) -> Claim:
    try:
        return selectors.claim_for_page(pk=pk)
    except Claim.DoesNotExist:
        raise Http404("No such claim.") from None


def _render_claim(
    request: HttpRequest, claim: Claim, forms: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "annotations/claim_detail.html",
        _claim_context(request, claim, forms),
        status=status,
    )


@login_required
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a claim: wording, evidence, verdicts, workflow buttons, discussion and history."""
    return _render_claim(request, _claim_or_404(pk))


@login_required
@require_POST
def claim_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the claim's wording, claimant and date unless someone changed it meanwhile."""
    claim = _claim_or_404(pk)
    form = ClaimEditForm(request.POST)
    if not form.is_valid():
        return _render_claim(request, claim, {"edit": form}, status=400)
    if not user_can_research(request.user, claim):
        raise PermissionDenied("You may not edit this claim.")
    data = form.cleaned_data
    try:
        services.claim_update(
            claim=claim,
            actor=request.user,
            expected_version=data["version"],
            claim_text=data["claim_text"],
            claimant=data["claimant"],
            claim_date=data["claim_date"],
        )
    except ConflictError as error:
        claim = _claim_or_404(pk)
        return _render_claim(request, claim, {"edit": form, "conflict": error}, status=409)
    except ValidationError as error:
        apply_errors(form, error)
        return _render_claim(request, claim, {"edit": form}, status=400)
    messages.success(request, "Claim saved.")
    return redirect("claim-detail", pk=claim.pk)


@login_required
@require_POST
def claim_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Take one workflow step on the claim."""
    claim = _claim_or_404(pk)
    form = TransitionForm(request.POST)
    default = reverse("claim-detail", args=[claim.pk])
    if not form.is_valid():
        messages.error(request, "That step could not be read; reload the page and try again.")
        return redirect(default)
    data = form.cleaned_data
    assignee = request.user if data["action"] == ReviewAction.ASSIGN else None
    try:
        services.claim_transition(
            claim=claim,
            actor=request.user,
            action=data["action"],
            expected_status=data["expected_status"],
            expected_version=data["expected_version"],
            comment=data["comment"],
            assignee=assignee,
        )
    except ConflictError as error:
        messages.error(request, error.message)
        return redirect(default)
    except (ValidationError, PermissionDenied) as error:
        return _render_claim(request, claim, {"transition_error": _message_of(error)}, status=400)
    messages.success(request, f"{ReviewAction(data['action']).label}: done.")
    return redirect(_safe_next(request, default))


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Cite a source (known or new) for the claim."""
    claim = _claim_or_404(pk)
    form = EvidenceForm(request.POST, sources=selectors.source_choices())
    if not form.is_valid():
        return _render_claim(request, claim, {"evidence": form}, status=400)
    try:
        # The form's fields are the service's: a known source, or a new one to create.
        services.evidence_add(claim=claim, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        apply_errors(form, error)
        return _render_claim(request, claim, {"evidence": form}, status=400)
    except PermissionDenied as error:
        form.add_error(None, _message_of(error))
        return _render_claim(request, claim, {"evidence": form}, status=403)
    messages.success(request, "Evidence added.")
    return HttpResponseRedirect(reverse("claim-detail", args=[claim.pk]) + "#evidence")


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    """Remove a piece of evidence from the claim (its history keeps it)."""
    claim = _claim_or_404(pk)
    evidence = get_object_or_404(claim.evidence.all(), pk=evidence_pk)
    try:
        services.evidence_remove(evidence=evidence, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _message_of(error))
    else:
        messages.success(request, "Evidence removed.")
    return HttpResponseRedirect(reverse("claim-detail", args=[claim.pk]) + "#evidence")


@login_required
@require_POST
def verdict_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Propose a verdict, give a blind reviewer's verdict, or adjudicate two of them."""
    claim = _claim_or_404(pk)
    role = request.POST.get("review-role") or request.POST.get("role") or VerdictRole.PROPOSAL
    prefix = "review" if "review-role" in request.POST else None
    form = VerdictForm(request.POST, ratings=Rating.objects.filter(retired=False), prefix=prefix)
    key = "review" if prefix else "verdict"
    if not form.is_valid():
        return _render_claim(request, claim, {key: form}, status=400)
    data = form.cleaned_data
    try:
        services.verdict_set(
            claim=claim,
            actor=request.user,
            rating=data["rating"],
            explanation=data["explanation"],
            role=role,
            comment=data["comment"],
            expected_version=data.get("version") or None,
        )
    except ConflictError as error:
        # The page again at 409, with what was typed kept in the form and the conflict named.
        return _render_claim(
            request, _claim_or_404(pk), {key: form, "verdict_conflict": error}, status=409
        )
    except ValidationError as error:
        apply_errors(form, error)
        return _render_claim(request, claim, {key: form}, status=400)
    except PermissionDenied as error:
        form.add_error(None, _message_of(error))
        return _render_claim(request, claim, {key: form}, status=403)
    messages.success(request, "Verdict saved.")
    return HttpResponseRedirect(reverse("claim-detail", args=[claim.pk]) + "#verdict")


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Post a comment on the claim."""
    claim = _claim_or_404(pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_add(claim=claim, actor=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, _message_of(error))
    if form.errors:
        return _render_claim(request, claim, {"comment": form}, status=400)
    return HttpResponseRedirect(reverse("claim-detail", args=[claim.pk]) + "#discussion")


# Review queues.


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """List the claims waiting for this reviewer, and for editors what needs deciding."""
    user = request.user
    if not (user.has_perm(REVIEW_CLAIM) or user.has_perm(PUBLISH_CLAIM)):
        raise PermissionDenied("The review queue is for reviewers and editors.")
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
        },
    )


# Public pages: published claims only, for everyone.


def factcheck_list(request: HttpRequest) -> HttpResponse:
    """List the published fact-checks, newest first, a page at a time."""
    page = Paginator(selectors.published_claims(), FACTCHECKS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "annotations/factcheck_list.html", {"page": page})


def factcheck_public(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a published fact-check with its ClaimReview; anything unpublished is not found."""
    try:
        claim = selectors.published_claim(pk=pk)
    except Claim.DoesNotExist:
        raise Http404("No published fact-check here.") from None
    verdict = selectors.final_verdict(claim)
    if verdict is None:
        raise Http404("No published fact-check here.")
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
            "claimreview_json": _json_script(claim_review(claim)),
        },
    )
