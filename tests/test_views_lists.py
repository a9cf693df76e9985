"""Public pages, the article list and finding claims across articles."""

import html
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from annotations.models import Claim, ClaimStatus, Verdict
from annotations.services import claim_create, claim_transition
from tests.factories import ArticleFactory, ClaimFactory
from tests.pages import budget_claim_published, budget_claim_researched, page_html, rating_of

# Public pages.


def test_public_page_of_a_published_claim_embeds_claimreview(
    client, annotator, reviewer, editor, settings
):
    settings.FACTCHECK_PUBLIC_BASE_URL = "https://checks.example.org"
    claim = budget_claim_published(annotator, reviewer, editor)
    page = page_html(client, reverse("factcheck-public", args=[claim.pk]))
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    review = json.loads(match.group(1))
    assert review["@type"] == "ClaimReview"
    assert review["url"] == f"https://checks.example.org/factchecks/{claim.pk}/"
    assert review["reviewRating"]["alternateName"] == "False"
    assert "It fell 9%." in page and "Ridership 2025" in page
    assert claim.claim_text in page_html(client, reverse("factcheck-list"))


def test_json_ld_cannot_close_its_script_element(client, annotator, reviewer, editor):
    claim = budget_claim_published(annotator, reviewer, editor)
    Claim.objects.filter(pk=claim.pk).update(claim_text="</script><script>alert(1)</script>")
    page = page_html(client, reverse("factcheck-public", args=[claim.pk]))
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert "<" not in script.group(1)
    assert json.loads(script.group(1))["claimReviewed"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize("status", ["candidate", "researching", "in_review", "approved"])
def test_nothing_unpublished_is_visible_anonymously(client, annotator, reviewer, editor, status):
    claim = budget_claim_researched(annotator)
    if status in ("in_review", "approved"):
        claim_transition(claim=claim, actor=annotator, action="submit")
    if status == "approved":
        claim_transition(claim=claim, actor=reviewer, action="approve")
    if status == "candidate":
        claim = claim_create(article=claim.article, actor=annotator, quote="on Tuesday")
    claim.refresh_from_db()
    assert claim.status == status
    assert client.get(reverse("factcheck-public", args=[claim.pk])).status_code == 404
    for url in (claim.article.get_absolute_url(), reverse("claim-detail", args=[claim.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert claim.claim_text not in page_html(client, reverse("factcheck-list"))
    assert claim.claim_text not in page_html(client, "/")


def test_public_list_pages_through_every_fact_check(client, db, django_assert_num_queries):
    from annotations.views.public import FACTCHECKS_PER_PAGE

    now = timezone.now()
    for n in range(FACTCHECKS_PER_PAGE + 2):
        ClaimFactory(
            published=True,
            published_at=now - timezone.timedelta(minutes=n),
            claim_text=f"Claim number {n} of the list.",
        )
    url = reverse("factcheck-list")
    # The count, the page of claims with their articles, their final verdicts.
    with django_assert_num_queries(3):
        first = page_html(client, url)
    assert first.count('class="factcheck-link"') == FACTCHECKS_PER_PAGE
    assert first.index("Claim number 0 ") < first.index("Claim number 1 ")
    assert "Claim number 50 " not in first
    assert 'rel="next"' in first and "Page 1 of 2" in first
    second = page_html(client, url + "?page=2")
    assert second.count('class="factcheck-link"') == 2
    assert "Claim number 51 " in second
    assert 'rel="prev"' in second and 'rel="next"' not in second
    # A page that is not a number shows the first; one past the end, the last.
    assert page_html(client, url + "?page=abc") == first
    assert page_html(client, url + "?page=99") == second


def test_atom_feed_holds_published_fact_checks_only(client, annotator, reviewer, editor):
    claim = budget_claim_published(annotator, reviewer, editor)
    candidate = claim_create(article=claim.article, actor=annotator, quote="on Tuesday")
    response = client.get(reverse("factcheck-feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    assert f"<title>False: {html.escape(claim.claim_text)}</title>" in feed
    assert f"/factchecks/{claim.pk}/" in feed
    assert "Claimed by Dana Ortiz. It fell 9%." in feed
    assert "<name>Factcheck Desk</name>" in feed  # the desk wrote it, not the claimant
    assert candidate.quote not in feed
    assert reverse("factcheck-feed") in page_html(client, reverse("factcheck-list"))


def test_blind_review_hides_the_other_verdict_until_both_are_in(
    client, annotator, reviewer, other_reviewer, settings
):
    settings.FACTCHECK_BLIND_REVIEW = True
    claim = budget_claim_researched(annotator)
    claim_transition(claim=claim, actor=annotator, action="submit")
    url = reverse("claim-detail", args=[claim.pk])
    client.force_login(reviewer)
    page = page_html(client, url)
    assert "Your independent review" in page and 'data-action="approve"' not in page
    client.post(
        reverse("verdict-add", args=[claim.pk]),
        {
            "review-rating": rating_of("mostly-false").pk,
            "review-explanation": "Rita's reading: mostly false.",
            "review-role": "review",
        },
    )
    assert "Rita&#x27;s reading" in page_html(client, url)

    client.force_login(other_reviewer)
    page = page_html(client, url)
    assert "Rita&#x27;s reading" not in page
    assert "1 independent review sealed" in page
    client.post(
        reverse("verdict-add", args=[claim.pk]),
        {
            "review-rating": rating_of("mostly-false").pk,
            "review-explanation": "Ravi agrees.",
            "review-role": "review",
        },
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    page = page_html(client, url)
    assert "Rita&#x27;s reading" in page and "Ravi agrees." in page


def test_favicon_is_served_for_every_page(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("/annotations/favicon.svg")
    from django.contrib.staticfiles import finders

    assert "<svg" in Path(finders.find("annotations/favicon.svg")).read_text(encoding="utf-8")
    assert 'rel="icon"' in client.get("/accounts/login/").content.decode()


# The article list.


def test_article_list_needs_sign_in(client, db):
    response = client.get(reverse("article-list"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_article_list_pages_through_every_article_newest_first(
    client, annotator, django_assert_num_queries
):
    from annotations.views.articles import ARTICLES_PER_PAGE

    for n in range(ARTICLES_PER_PAGE + 1):
        ArticleFactory(title=f"Report number {n} on budgets")
    client.force_login(annotator)
    url = reverse("article-list")
    # Session, user, the count, the user's permissions (own and by group, once a request), the
    # page of articles, their claim counts, and the unread notifications count: the same for
    # 1 article or 50.
    with django_assert_num_queries(8):
        first = page_html(client, url)
    assert first.count("Report number") == ARTICLES_PER_PAGE
    newest = f"Report number {ARTICLES_PER_PAGE} on budgets"
    assert first.index(newest) < first.index("Report number 49 on")
    assert "Report number 0 on" not in first and 'rel="next"' in first
    assert "Report number 0 on" in page_html(client, url + "?page=2")
    assert reverse("article-list") in page_html(client, reverse("home"))


def test_article_search_matches_every_word_in_the_metadata(client, annotator):
    ArticleFactory(title="Transit budget approved", publisher="Alder Valley News")
    ArticleFactory(title="Heat wave", author="Mira Costa", url="https://levant.example/heat")
    ArticleFactory(title="Transit strike ends", publisher="Coast Herald")
    client.force_login(annotator)
    url = reverse("article-list")

    def titles(query: str) -> list[str]:
        page = client.get(url, {"q": query}).context["page"]
        return sorted(article.title for article in page.object_list)

    assert titles("transit") == ["Transit budget approved", "Transit strike ends"]
    assert titles("TRANSIT alder") == ["Transit budget approved"]
    assert titles("costa") == titles("levant.example") == ["Heat wave"]
    assert titles("transit costa") == []
    assert "No article matches “transit costa”" in page_html(client, url + "?q=transit+costa")


def test_article_search_keeps_its_query_across_pages(client, annotator):
    from annotations.views.articles import ARTICLES_PER_PAGE

    for n in range(ARTICLES_PER_PAGE + 1):
        ArticleFactory(title=f"Flood report {n}")
    ArticleFactory(title="Unrelated")
    client.force_login(annotator)
    first = page_html(client, reverse("article-list") + "?q=flood")
    assert 'href="?q=flood&amp;page=2"' in first
    second = client.get(reverse("article-list"), {"q": "flood", "page": 2}).context["page"]
    assert [a.title for a in second.object_list] == ["Flood report 0"]


def test_an_overlong_article_search_is_refused_with_its_length(client, annotator):
    ArticleFactory(title="Transit budget approved")
    client.force_login(annotator)
    response = client.get(reverse("article-list"), {"q": "x" * 201})
    assert response.status_code == 400
    assert "The search is 201 characters long; use at most 200." in response.content.decode()
    assert [a.title for a in response.context["page"].object_list] == ["Transit budget approved"]


# Finding claims across articles.


def test_claim_list_needs_sign_in(client, db):
    response = client.get(reverse("claim-list"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_claims_are_found_by_words_status_rating_and_origin(
    client, annotator, reviewer, editor, django_assert_num_queries
):
    # "ridership rose 12% in 2025", rated False
    published = budget_claim_published(annotator, reviewer, editor)
    other = claim_create(article=published.article, actor=annotator, quote="on Tuesday")
    client.force_login(reviewer)
    url = reverse("claim-list")

    def found(**params) -> list[int]:
        response = client.get(url, params)
        assert response.status_code == 200
        return [claim.pk for claim in response.context["page"].object_list]

    assert found(q="ridership 2025") == [published.pk]
    assert found(q="ridership tuesday") == []
    assert found(status=["candidate"]) == [other.pk]
    assert sorted(found(status=["candidate", "published"])) == sorted([published.pk, other.pk])
    assert found(rating="false") == [published.pk]
    assert found(rating="true") == []
    assert found(origin="manual", q="tuesday") == [other.pk]
    # Session, user, permissions (own and by group), the count, the page, the final verdicts,
    # the tags, the ratings offered in the form, and the unread notifications count: the same
    # for one claim or fifty.
    with django_assert_num_queries(10):
        page = page_html(client, url + "?status=published")
    assert '<span class="badge verdict"' in page and ">False</span>" in page


def test_claim_filters_refuse_bad_values_by_name_and_list_nothing(client, annotator):
    budget_claim_researched(annotator)
    client.force_login(annotator)
    response = client.get(reverse("claim-list"), {"status": "lost", "origin": "robot"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Status: Select a valid choice. lost is not one of the available choices." in page
    assert "Origin: Select a valid choice. robot is not one of the available choices." in page
    assert list(response.context["page"].object_list) == []


def test_claim_pages_keep_their_filters(client, annotator, django_assert_num_queries):
    from annotations.views.claims import CLAIMS_PER_PAGE

    article = ArticleFactory(text=" ".join(f"Claim {n} holds." for n in range(60)))
    for n in range(CLAIMS_PER_PAGE + 1):
        start = article.text.index(f"Claim {n} holds.")
        claim_create(article=article, actor=annotator, start=start, end=start + 7 + len(str(n)))
    client.force_login(annotator)
    with django_assert_num_queries(10):  # as many as for one claim
        first = page_html(client, reverse("claim-list") + "?status=candidate&q=claim")
    assert 'href="?status=candidate&amp;q=claim&amp;page=2"' in first
    second = client.get(reverse("claim-list"), {"status": "candidate", "q": "claim", "page": 2})
    assert len(second.context["page"].object_list) == 1


def test_feed_summaries_are_text_not_markup(client, annotator, reviewer, editor):
    claim = budget_claim_published(annotator, reviewer, editor)
    Verdict.objects.filter(claim=claim, is_final=True).update(
        explanation='Rose <b>9%</b> & "fell" <script>alert(1)</script>'
    )
    feed = client.get(reverse("factcheck-feed")).content.decode()
    # Escaped once for HTML, once more for the XML that carries it: no markup survives.
    assert "<script>" not in feed and "&lt;script&gt;" not in feed
    assert "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;" in feed


def test_no_claims_matching_says_so(client, annotator):
    budget_claim_researched(annotator)
    client.force_login(annotator)
    assert "No claim matches." in page_html(client, reverse("claim-list") + "?q=volcano")


def test_an_overlong_claim_search_is_refused_by_the_page_and_the_api(client, annotator):
    from rest_framework.test import APIClient

    client.force_login(annotator)
    response = client.get(reverse("claim-list"), {"q": "word " * 41})  # stripped: 204
    assert response.status_code == 400
    assert "Words: Ensure this value has at most 200 characters (it has 204)." in (
        response.content.decode()
    )
    api = APIClient()
    api.force_authenticate(annotator)
    refused = api.get("/api/v1/claims/", {"q": "word " * 41})
    assert refused.status_code == 400
    assert "at most 200 characters" in refused.json()["fields"]["q"][0]


def test_article_list_counts_each_articles_claims_by_status(client, annotator):
    claim = budget_claim_researched(annotator)  # one claim, in research
    claim_create(article=claim.article, actor=annotator, quote="on Tuesday")  # a candidate
    ArticleFactory(title="Nothing marked yet")
    client.force_login(annotator)
    rows = {a.title: a for a in client.get(reverse("article-list")).context["page"].object_list}
    counted = rows[claim.article.title]
    assert (counted.claims_total, counted.claims_candidate, counted.claims_researching) == (2, 1, 1)
    assert rows["Nothing marked yet"].claims_total == 0
