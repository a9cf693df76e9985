import html
import io
import json
import re

from django.urls import reverse
from django.utils import timezone

from annotations import selectors, workflow_rules
from annotations.models import Article, Claim, ClaimStatus, Evidence, Rating, Source
from annotations.services import (
    SYSTEM,
    article_import,
    claim_create,
    claim_transition,
    claim_update,
)
from tests.factories import ArticleFactory, ClaimFactory, VerdictFactory
from tests.pages import BUDGET, budget_claim_researched, edit_claim, page_html, rating_of

TEXT = "Firefighters 👩🏽‍🚒 said 63 people were treated.\n\nשלום <b>not markup</b> & more."


# Dashboard and sign-in.


def test_home_welcomes_anonymous_visitors(client, db):
    page = page_html(client, "/")
    assert "Sign in" in page


def test_home_shows_counts_and_articles_to_signed_in_users(client, annotator):
    article = article_import(actor=SYSTEM, text=TEXT, title="Heat report")
    claim_create(article=article, actor=annotator, quote="63 people were treated")
    client.force_login(annotator)
    page = page_html(client, "/")
    assert "Heat report" in page
    assert re.search(r'status-candidate"><span class="n">1</span>', page)


def test_dashboard_lists_my_queues(client, annotator, reviewer, editor):
    claim = budget_claim_researched(annotator)
    client.force_login(annotator)
    page = page_html(client, "/")
    assert "My research queue" in page and f'data-claim-id="{claim.pk}"' in page
    assert "Ready to publish" not in page

    claim_transition(claim=claim, actor=annotator, action="submit")
    client.force_login(reviewer)
    page = page_html(client, "/")
    assert "Waiting for my review" in page and f'data-claim-id="{claim.pk}"' in page

    claim_transition(claim=claim, actor=reviewer, action="approve")
    client.force_login(editor)
    page = page_html(client, "/")
    assert "Ready to publish" in page and f'data-claim-id="{claim.pk}"' in page


def test_sign_in_page_has_labelled_fields(client, db):
    page = page_html(client, reverse("login"))
    assert '<label for="id_username"' in page and '<label for="id_password"' in page


# The article page.


def test_article_page_needs_sign_in(client, db):
    article = article_import(actor=SYSTEM, text=TEXT)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_article_text_element_holds_the_exact_text(client, annotator):
    article = article_import(actor=SYSTEM, text=TEXT)
    claim = claim_create(article=article, actor=annotator, quote="63 people were treated")
    client.force_login(annotator)
    page = page_html(client, article.get_absolute_url())

    match = re.search(r"<div [^>]*data-article-text[^>]*>(.*?)</div>", page, re.S)
    assert match is not None
    assert html.unescape(match.group(1)) == article.text
    assert "<b>" not in match.group(1)
    assert [entry["id"] for entry in _claims_data(page)] == [claim.pk]


def test_article_page_embeds_claim_spans_in_code_points(client, annotator):
    article = article_import(actor=SYSTEM, text=TEXT)
    claim = claim_create(article=article, actor=annotator, quote="63 people were treated")
    client.force_login(annotator)
    page = page_html(client, article.get_absolute_url())
    spans = _claims_data(page)
    keys = ("id", "start", "end", "highlight", "version")
    assert [{key: span[key] for key in keys} for span in spans] == [
        {
            "id": claim.pk,
            "start": claim.start,
            "end": claim.end,
            "highlight": "claim-candidate",
            "version": 1,
        }
    ]
    assert article.text[spans[0]["start"] : spans[0]["end"]] == "63 people were treated"


def _claims_data(page: str) -> list[dict]:
    data = re.search(r'<script type="application/json" id="claims-data">(.*?)</script>', page)
    return json.loads(data.group(1))


def test_article_page_runs_a_fixed_number_of_queries(client, annotator, django_assert_num_queries):
    sentences = [f"Claim number {n} says {n * 3} buses ran. " for n in range(300)]
    article = ArticleFactory(text="".join(sentences))
    rating = rating_of()
    start = 0
    for n, sentence in enumerate(sentences):
        status = ClaimStatus.values[n % len(ClaimStatus.values)]
        claim = ClaimFactory(
            article=article,
            start=start,
            end=start + len(sentence) - 1,
            status=status,
            published_at=timezone.now() if status == ClaimStatus.PUBLISHED else None,
        )
        if n % 5 == 0:
            VerdictFactory(claim=claim, rating=rating, author=annotator)
        start += len(sentence)
    client.force_login(annotator)
    client.get(article.get_absolute_url())  # warm the session and the content types
    # Eight for the page (its claims and their verdicts in one query each, however many),
    # one for the navigation's unread notifications count.
    with django_assert_num_queries(9):
        response = client.get(article.get_absolute_url())
    assert len(_claims_data(response.content.decode())) == 300


def test_article_page_offers_only_what_the_role_allows(client, annotator, reviewer, editor):
    article = article_import(actor=SYSTEM, text=BUDGET)
    claim_create(article=article, actor=annotator, quote="Fares fell by 10 cents.")
    triage = ('data-act="start"', 'data-act="dismiss"', 'data-bulk="dismiss"')
    for person in (annotator, editor):
        client.force_login(person)
        page = page_html(client, article.get_absolute_url())
        assert all(marker in page for marker in triage) and 'id="mark-button"' in page
    client.force_login(reviewer)
    page = page_html(client, article.get_absolute_url())
    assert not any(marker in page for marker in triage) and 'id="mark-button"' not in page


def test_mark_claim_creates_it_from_code_points(client, annotator):
    article = article_import(actor=SYSTEM, text=TEXT)
    client.force_login(annotator)
    start = article.text.index("said")
    response = client.post(
        reverse("claim-mark", args=[article.pk]),
        {"start": start, "end": start + 4, "quote": "said"},
    )
    claim = Claim.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}?claim={claim.pk}"
    assert (claim.quote, claim.start, claim.created_by) == ("said", start, annotator)


def test_mark_claim_with_a_stale_quote_creates_nothing(client, annotator):
    article = article_import(actor=SYSTEM, text=TEXT)
    client.force_login(annotator)
    response = client.post(
        reverse("claim-mark", args=[article.pk]),
        {"start": 0, "end": 4, "quote": "nope"},
        follow=True,
    )
    assert Claim.objects.count() == 0
    assert "No claim was created" in response.content.decode()


def test_reviewer_cannot_mark_claims(client, reviewer):
    article = article_import(actor=SYSTEM, text=TEXT)
    client.force_login(reviewer)
    response = client.post(
        reverse("claim-mark", args=[article.pk]), {"start": 0, "end": 4, "quote": "Fire"}
    )
    assert response.status_code == 403
    assert Claim.objects.count() == 0


def test_accept_and_dismiss_from_the_article_page(client, annotator, editor):
    article = article_import(actor=SYSTEM, text=BUDGET)
    first = claim_create(article=article, actor=annotator, quote="Fares fell by 10 cents.")
    second = claim_create(article=article, actor=annotator, quote="on Tuesday")
    act = reverse("article-act", args=[article.pk])
    client.force_login(annotator)
    client.post(act, {"action": "start", "claim": f"{first.pk}:1"})
    first.refresh_from_db()
    assert (first.status, first.assignee) == (ClaimStatus.RESEARCHING, annotator)
    client.force_login(editor)
    client.post(act, {"action": "dismiss", "claim": f"{second.pk}:1", "reason": "Not worth it"})
    second.refresh_from_db()
    assert second.status == ClaimStatus.DISMISSED


def test_adjust_span_from_a_selection(client, annotator):
    article = article_import(actor=SYSTEM, text=BUDGET)
    claim = claim_create(article=article, actor=annotator, quote="Fares fell")
    client.force_login(annotator)
    start = article.text.index("Fares")
    client.post(
        reverse("claim-span", args=[claim.pk]),
        {"start": start, "end": start + 23, "quote": "Fares fell by 10 cents.", "version": 1},
    )
    claim.refresh_from_db()
    assert (claim.quote, claim.version) == ("Fares fell by 10 cents.", 2)


def test_a_span_change_the_rules_refuse_is_reported_and_changes_nothing(
    client, annotator, other_annotator, reviewer, editor
):
    from django.contrib.messages import get_messages

    from annotations.services import claim_assign

    article = article_import(actor=SYSTEM, text=BUDGET)
    claim = claim_create(article=article, actor=annotator, quote="Fares fell")
    claim = claim_assign(claim=claim, actor=editor, assignee=annotator)
    version = claim.version
    start = article.text.index("Fares")
    span = {
        "start": start,
        "end": start + 23,
        "quote": "Fares fell by 10 cents.",
        "version": version,
    }
    for outsider, rule in (
        (other_annotator, "Assignment rule: claim"),
        (reviewer, "Role rule: to edit this claim you need the annotator or editor role"),
    ):
        client.force_login(outsider)
        response = client.post(reverse("claim-span", args=[claim.pk]), span)
        assert response.status_code == 302
        # Messages wait in the session until a page shows them: the newest is this refusal.
        *_, message = [str(m) for m in get_messages(response.wsgi_request)]
        assert message.startswith(f"The span was not changed: {rule}")
        claim.refresh_from_db()
        assert (claim.quote, claim.version) == ("Fares fell", version)


# Import.


def test_import_pasted_text_and_split_into_candidates(client, annotator):
    client.force_login(annotator)
    response = client.post(
        reverse("article-import"),
        {"text": BUDGET, "title": "Budget", "publisher": "Desk", "language": "en", "split": "on"},
    )
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    assert (article.title, article.publisher, article.created_by) == ("Budget", "Desk", annotator)
    assert article.claims.filter(origin="auto", status=ClaimStatus.CANDIDATE).exists()


def test_import_errors_are_shown_beside_the_field_and_nothing_is_saved(client, annotator):
    client.force_login(annotator)
    response = client.post(reverse("article-import"), {"text": BUDGET, "url": "not a url"})
    assert response.status_code == 400
    page = response.content.decode()
    # Django renders a field's errors inside its group, right before the input.
    assert re.search(r'id="id_url_error".*?valid URL.*?<input[^>]*name="url"', page, re.S)
    response = client.post(reverse("article-import"), {"text": BUDGET, "language": "english!"})
    assert re.search(
        r'id="id_language_error".*?not a language tag', response.content.decode(), re.S
    )
    assert Article.objects.count() == 0
    response = client.post(reverse("article-import"), {"text": "  "})
    assert "Paste the article text or choose a file." in response.content.decode()
    assert Article.objects.count() == 0


def test_import_an_html_file_strips_scripts(client, annotator):
    client.force_login(annotator)
    upload = io.BytesIO(
        b"<html><body><article><h1>Budget</h1><p onclick='x()'>The council met.</p>"
        b"<script>alert(1)</script></article></body></html>"
    )
    upload.name = "page.html"
    client.post(reverse("article-import"), {"file": upload})
    article = Article.objects.get()
    assert article.text == "Budget\n\nThe council met."
    assert "script" not in article.html and "onclick" not in article.html


def test_import_refuses_an_unknown_file_type(client, annotator):
    client.force_login(annotator)
    upload = io.BytesIO(b"%PDF-1.4")
    upload.name = "page.pdf"
    response = client.post(reverse("article-import"), {"file": upload})
    assert response.status_code == 400
    assert "unsupported file type" in response.content.decode()


def test_import_needs_a_role_that_may_add_articles(client, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("article-import")).status_code == 403


# The claim panel.


def test_claim_page_runs_a_fixed_number_of_queries(
    client, submitted, reviewer, blind, django_assert_num_queries, monkeypatch
):
    rounds = []
    for module in (selectors, workflow_rules):
        read = module.review_round
        monkeypatch.setattr(
            module, "review_round", lambda claim, read=read: rounds.append(1) or read(claim)
        )
    url = reverse("claim-detail", args=[submitted.pk])
    client.force_login(reviewer)
    client.get(url)  # warm the session and the content types
    rounds.clear()
    # Includes the navigation's unread notifications count, the claim's tags and the cited
    # sources' archived copies (one query each).
    with django_assert_num_queries(28):
        response = client.get(url)
    assert response.status_code == 200
    assert len(rounds) == 1, "the review round is read once and passed on"


def test_claim_page_shows_everything_and_only_allowed_buttons(client, annotator, reviewer):
    claim = budget_claim_researched(annotator)
    client.force_login(annotator)
    page = page_html(client, reverse("claim-detail", args=[claim.pk]))
    assert "Ridership 2025" in page and "It fell 9%." in page
    assert 'data-action="submit"' in page and 'data-action="approve"' not in page
    assert "History" in page and "Save claim" in page
    claim_transition(claim=claim, actor=annotator, action="submit")
    page = page_html(client, reverse("claim-detail", args=[claim.pk]))
    assert 'data-action="approve"' not in page  # four-eyes: never your own claim
    client.force_login(reviewer)
    page = page_html(client, reverse("claim-detail", args=[claim.pk]))
    assert 'data-action="approve"' in page and 'data-action="request_changes"' in page
    assert 'data-action="publish"' not in page and "Save claim" not in page


def test_edit_claim_saves_and_bumps_the_version(client, annotator):
    claim = budget_claim_researched(annotator)
    client.force_login(annotator)
    response = edit_claim(
        client,
        claim,
        claim_text="Ridership rose 12% in 2025.",
        claimant="Mayor Dana Ortiz",
        claim_date="2026-01-05",
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.claim_text, claim.claimant, str(claim.claim_date)) == (
        "Ridership rose 12% in 2025.",
        "Mayor Dana Ortiz",
        "2026-01-05",
    )


def test_stale_edit_shows_who_changed_it_and_overwrites_nothing(client, annotator, editor):
    claim = budget_claim_researched(annotator)
    seen = claim.version
    claim_update(claim=claim, actor=editor, expected_version=seen, claim_text="Edited by Edith.")
    client.force_login(annotator)
    response = edit_claim(
        client, claim, version=seen, claim_text="My version.", claimant="", claim_date=""
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "changed by edith meanwhile" in page
    assert f'href="{reverse("claim-detail", args=[claim.pk])}"' in page
    assert "My version." in page
    claim.refresh_from_db()
    assert claim.claim_text == "Edited by Edith."


def test_add_evidence_reuses_a_source_by_url(client, annotator):
    claim = budget_claim_researched(annotator)
    other = claim_create(article=claim.article, actor=annotator, quote="Fares fell by 10 cents.")
    client.force_login(annotator)
    response = client.post(
        reverse("evidence-add", args=[other.pk]),
        {"url": "http://www.stats.example.gov/ridership/?utm_source=x", "stance": "context"},
    )
    assert response.status_code == 302
    assert Source.objects.count() == 1
    assert Evidence.objects.get(claim=other).source.title == "Ridership 2025"


def test_add_evidence_with_a_new_source_and_a_known_one(client, annotator):
    claim = budget_claim_researched(annotator)
    client.force_login(annotator)
    client.post(
        reverse("evidence-add", args=[claim.pk]),
        {
            "url": "https://example.org/report",
            "title": "Annual report",
            "publisher": "Transit authority",
            "published_at": "2026-01-02",
            "kind": "report",
            "stance": "supports",
            "excerpt": "Up 3%",
        },
    )
    source = Source.objects.get(title="Annual report")
    assert (source.publisher, source.kind) == ("Transit authority", "report")
    second = claim_create(article=claim.article, actor=annotator, quote="on Tuesday")
    client.post(
        reverse("evidence-add", args=[second.pk]), {"source": source.pk, "stance": "context"}
    )
    assert Evidence.objects.get(claim=second).source == source


def test_evidence_errors_are_shown_and_nothing_is_saved(client, annotator):
    claim = budget_claim_researched(annotator)
    client.force_login(annotator)
    response = client.post(reverse("evidence-add", args=[claim.pk]), {"stance": "supports"})
    assert response.status_code == 400
    assert "Choose a known source" in response.content.decode()
    response = client.post(
        reverse("evidence-add", args=[claim.pk]),
        {"url": "https://stats.example.gov/ridership", "stance": "supports"},
    )
    assert "already cited" in response.content.decode()
    assert Evidence.objects.filter(claim=claim).count() == 1


def test_propose_verdict_shows_rating_descriptions(client, annotator):
    claim = budget_claim_researched(annotator)
    client.force_login(annotator)
    page = page_html(client, reverse("claim-detail", args=[claim.pk]))
    for rating in Rating.objects.filter(scale__is_default=True, retired=False):
        assert rating.label in page
        if rating.description:
            assert html.escape(rating.description) in page
    client.post(
        reverse("verdict-add", args=[claim.pk]),
        {"rating": rating_of("mostly-false").pk, "explanation": "Mostly not.", "role": "proposal"},
    )
    verdict = claim.verdicts.get()
    assert (verdict.rating.slug, verdict.explanation) == ("mostly-false", "Mostly not.")


def test_request_changes_needs_a_comment(client, annotator, reviewer):
    claim = budget_claim_researched(annotator)
    claim_transition(claim=claim, actor=annotator, action="submit")
    claim.refresh_from_db()
    client.force_login(reviewer)
    url = reverse("claim-transition", args=[claim.pk])
    fields = {"action": "request_changes", "expected_status": "in_review"}
    response = client.post(url, {**fields, "expected_version": claim.version})
    assert response.status_code == 400 and "needs a comment" in response.content.decode()
    client.post(url, {**fields, "expected_version": claim.version, "comment": "Source?"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.RESEARCHING


def test_stale_transition_is_refused_with_the_conflict(client, annotator, reviewer):
    claim = budget_claim_researched(annotator)
    client.force_login(annotator)
    response = client.post(
        reverse("claim-transition", args=[claim.pk]),
        {"action": "submit", "expected_status": "candidate", "expected_version": 1},
        follow=True,
    )
    # The annotator started the research themselves: the page says so rather than blame another.
    assert "You already changed claim" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.RESEARCHING


def test_comment_is_posted(client, annotator):
    claim = budget_claim_researched(annotator)
    client.force_login(annotator)
    client.post(reverse("comment-add", args=[claim.pk]), {"text": "Check 2023 too."})
    assert "Check 2023 too." in page_html(client, reverse("claim-detail", args=[claim.pk]))


def test_review_queue_is_for_reviewers_and_editors(client, annotator, reviewer, editor):
    claim = budget_claim_researched(annotator)
    claim_transition(claim=claim, actor=annotator, action="submit")
    client.force_login(annotator)
    assert client.get(reverse("review-queue")).status_code == 403
    client.force_login(reviewer)
    assert f'data-claim-id="{claim.pk}"' in page_html(client, reverse("review-queue"))
    client.force_login(editor)
    assert "Ready to publish" in page_html(client, reverse("review-queue"))
