"""The desk day to day in Chromium: phone width, stale pages, returned claims, tags, exports,
claimant types, article details and the admin's published claims."""

import csv
import io

import pytest
from django.urls import reverse

from annotations.models import Claim, ClaimStatus
from annotations.services import (
    SYSTEM,
    article_import,
    claim_create,
    claim_transition,
)
from tests.e2e.test_workspace import ARTICLE
from tests.helpers import propose, publish, research

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PHONE = {"width": 390, "height": 844}


def _article():
    return article_import(
        actor=SYSTEM, text=ARTICLE, title="Transit budget approved after a long night of debate"
    )


def _researched(article, annotator, quote: str) -> Claim:
    claim = claim_create(article=article, actor=annotator, quote=quote, claimant="Mark Feeney")
    research(claim, annotator, stance="refutes", url="https://example.org/f", title="Fares")
    propose(claim, annotator, "false", "Fares rose to $2.60.")
    claim.refresh_from_db()
    return claim


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_main_pages_have_no_horizontal_scroll_at_phone_width(open_as, annotator, reviewer, editor):
    article = _article()
    claim = _researched(article, annotator, "fares rose from $2.50 to $2.75 in January")
    claim_create(article=article, actor=annotator, quote="4,500 riders a night", tags=["transit"])
    published = publish(
        claim_create(article=article, actor=annotator, quote="94% of its 2019 level"),
        annotator=annotator,
        reviewer=reviewer,
        editor=editor,
    )
    page = open_as(annotator)
    page.set_viewport_size(PHONE)
    pages = {
        "dashboard": reverse("home"),
        "articles": reverse("article-list"),
        "claims": reverse("claim-list"),
        "claim": reverse("claim-detail", args=[claim.pk]),
        "import": reverse("article-import"),
        "article": article.get_absolute_url(),
        "public": reverse("factcheck-list"),
        "factcheck": reverse("factcheck-public", args=[published.pk]),
    }
    wide = {}
    for name, url in pages.items():
        page.goto(url)
        width = _overflow(page)
        if width > PHONE["width"]:
            wide[name] = width
        page.screenshot(path=f"/tmp/shots/phone-{name}.png", full_page=True)
    assert wide == {}
    page.goto(reverse("article-import"))
    box = page.locator("input[type=file]").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def _submitted(article, annotator, quote: str) -> Claim:
    claim = _researched(article, annotator, quote)
    return claim_transition(claim=claim, actor=annotator, action="submit")


def test_back_after_a_step_shows_the_claim_as_it_is_now(open_as, annotator, reviewer):
    claim = _submitted(_article(), annotator, "fares rose from $2.50 to $2.75 in January")
    page = open_as(reviewer)
    page.goto(reverse("claim-detail", args=[claim.pk]))
    page.locator("form.action-approve button[type=submit]").click()
    page.wait_for_load_state()
    assert "Approve: done." in page.inner_text("body")
    page.go_back()
    page.wait_for_load_state()
    # The page came back from the server, not from the history cache: no stale Approve button.
    assert page.locator("form.action-approve").count() == 0
    assert "Approved" in page.inner_text(".claim-head")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


def test_a_second_click_from_an_old_page_says_the_person_did_it(open_as, annotator, reviewer):
    claim = _submitted(_article(), annotator, "fares rose from $2.50 to $2.75 in January")
    first = open_as(reviewer)
    first.goto(reverse("claim-detail", args=[claim.pk]))
    second = first.context.new_page()
    second.js_errors = []
    second.goto(reverse("claim-detail", args=[claim.pk]))
    first.locator("form.action-approve button[type=submit]").click()
    first.wait_for_load_state()
    second.locator("form.action-approve button[type=submit]").click()
    second.wait_for_load_state()
    text = second.inner_text("body")
    assert f"You already changed claim {claim.pk}" in text
    assert "rita meanwhile" not in text


def test_a_returned_claim_shows_a_banner_and_sits_in_the_queue(open_as, annotator, reviewer):
    claim = _submitted(_article(), annotator, "fares rose from $2.50 to $2.75 in January")
    page = open_as(reviewer)
    page.goto(reverse("claim-detail", args=[claim.pk]))
    form = page.locator("form.action-request_changes")
    form.locator("textarea").fill("Cite the fare table of January.")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    researcher = open_as(annotator)
    researcher.goto(reverse("home"))
    queue = researcher.locator(".returned-queue")
    assert "Cite the fare table of January." in queue.inner_text()
    researcher.screenshot(path="/tmp/shots/dashboard.png", full_page=True)
    queue.get_by_role("link").first.click()
    banner = researcher.locator("#changes-requested")
    assert "Changes requested by rita" in banner.inner_text()
    assert "Cite the fare table of January." in banner.inner_text()
    researcher.screenshot(path="/tmp/shots/claim-returned.png", full_page=True)


def test_tags_are_suggested_saved_and_filter_the_claims_list(open_as, annotator):
    article = _article()
    claim_create(article=article, actor=annotator, quote="4,500 riders a night", tags=["transit"])
    claim = claim_create(article=article, actor=annotator, quote="94% of its 2019 level")
    claim_transition(claim=claim, actor=annotator, action="start")
    page = open_as(annotator)
    page.goto(reverse("claim-detail", args=[claim.pk]))
    page.locator("#id_claimant").fill("Transit Authority")
    page.select_option("#id_claimant_type", "organization")
    page.locator("#id_tags").press_sequentially("Budget, tr")
    # The last tag typed is completed from the tags in use, the ones before it kept.
    page.wait_for_selector("#tag-suggestions option[value='Budget, transit']", state="attached")
    suggestion = "Budget, transit"
    page.locator("#id_tags").fill(suggestion)
    page.screenshot(path="/tmp/shots/claim-tags.png", full_page=True)
    page.click("form[action$='/edit/'] button[type=submit]")
    page.wait_for_load_state()
    claim.refresh_from_db()
    assert claim.claimant_type == "organization"
    assert sorted(claim.tags.values_list("name", flat=True)) == ["budget", "transit"]
    page.goto(reverse("claim-list") + "?tag=budget")
    rows = page.locator("tr[data-claim-id]")
    assert rows.count() == 1 and rows.first.get_attribute("data-claim-id") == str(claim.pk)


def test_the_claims_list_exports_its_published_claims_as_csv(open_as, annotator, reviewer, editor):
    article = _article()
    publish(
        claim_create(
            article=article,
            actor=annotator,
            quote="94% of its 2019 level",
            claimant="=Dana Ortiz",
            tags=["ridership"],
        ),
        annotator=annotator,
        reviewer=reviewer,
        editor=editor,
    )
    publish(
        claim_create(article=article, actor=annotator, quote="4,500 riders a night"),
        annotator=annotator,
        reviewer=reviewer,
        editor=editor,
    )
    page = open_as(annotator)
    page.goto(reverse("claim-list") + "?tag=ridership")
    page.screenshot(path="/tmp/shots/claims.png", full_page=True)
    with page.expect_download() as download:
        page.locator("[data-export-links]").get_by_role("link", name="CSV").click()
    with open(download.value.path(), encoding="utf-8") as saved:
        rows = list(csv.DictReader(io.StringIO(saved.read())))
    assert [row["quote"] for row in rows] == ["94% of its 2019 level"]
    assert rows[0]["claimant"] == "'=Dana Ortiz" and rows[0]["tags"] == "ridership"


def test_an_annotator_corrects_a_derived_title(open_as, annotator):
    article = article_import(actor=SYSTEM, text=ARTICLE.replace("\n\n", " "))
    assert article.title.endswith("Tuesday.")
    page = open_as(annotator)
    page.goto(reverse("article-details", args=[article.pk]))
    page.fill("#id_title", "Council approves the transit budget")
    page.click("main button[type=submit]")
    page.wait_for_url(f"**{article.get_absolute_url()}")
    article.refresh_from_db()
    assert article.title == "Council approves the transit budget"
    page.goto(reverse("article-details", args=[article.pk]))
    assert "Council approves the transit budget" in page.inner_text(".details-history")


def test_the_admin_shows_a_published_claim_read_only(open_as, annotator, reviewer, editor):
    claim = publish(
        claim_create(
            article=_article(),
            actor=annotator,
            quote="94% of its 2019 level",
            claimant="Israel Defense Forces",
            claimant_type="organization",
        ),
        annotator=annotator,
        reviewer=reviewer,
        editor=editor,
    )
    page = open_as(editor)
    page.goto(f"/admin/annotations/claim/{claim.pk}/change/")
    assert "This claim is published: its wording cannot change here." in page.inner_text("main")
    assert page.locator("textarea[name=claim_text]").count() == 0
    assert page.locator("input[name=_save]").count() == 0


def test_the_admin_claims_table_fits_at_1366_pixels(open_as, annotator, editor):
    article = _article()
    for quote in ("94% of its 2019 level", "4,500 riders a night", "fares rose from $2.50"):
        claim_create(article=article, actor=annotator, quote=quote, tags=["transit"])
    page = open_as(editor)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/admin/annotations/claim/")
    results = page.locator("#changelist .results")
    scroll, client = results.evaluate("el => [el.scrollWidth, el.clientWidth]")
    page.screenshot(path="/tmp/shots/admin-claims-1366.png")
    assert scroll <= client, (scroll, client)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
