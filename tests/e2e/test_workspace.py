"""The workspace in real Chromium: from import to a published fact-check, and the sharp edges."""

import json
import re

import pytest
from django.urls import reverse

from annotations.models import Article, Claim, ClaimStatus
from annotations.services import (
    SYSTEM,
    article_import,
    claim_create,
    claim_transition,
    claim_update,
)
from tests.helpers import propose, research

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ARTICLE = (
    "The city council approved a transit budget of $4.2 billion on Tuesday. "
    "Mayor Dana Ortiz said ridership had returned to 94% of its 2019 level.\n\n"
    "Councillor Mark Feeney said fares rose from $2.50 to $2.75 in January. "
    "The transit authority expects 4,500 riders a night on the two new routes."
)


def select_text(page, needle: str, *, pad_before: int = 0, pad_after: int = 0) -> None:
    """Select the first occurrence of `needle` in the article text, as a person would."""
    page.evaluate(
        """([needle, before, after]) => {
            const node = document.querySelector('[data-article-text]').firstChild;
            const at = node.data.indexOf(needle);
            if (at < 0) throw new Error('not in the text: ' + needle);
            const range = document.createRange();
            range.setStart(node, at - before);
            range.setEnd(node, at + needle.length + after);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        [needle, pad_before, pad_after],
    )
    page.wait_for_selector("#mark-button:not([disabled])")


def ready(page) -> None:
    """Wait until the article page's script has highlighted the claims."""
    page.wait_for_selector("html[data-workspace-ready]", state="attached")


def claim_page(page, claim: Claim) -> None:
    page.goto(reverse("claim-detail", args=[claim.pk]))


def transition(page, action: str, comment: str = "") -> None:
    form = page.locator(f"form.action-{action}")
    if comment:
        form.locator("textarea").fill(comment)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_import_to_published_factcheck(open_as, annotator, reviewer, other_reviewer, editor):
    annie = open_as(annotator)

    # Import with splitting on.
    annie.goto(reverse("article-import"))
    annie.fill("#id_text", ARTICLE)
    annie.fill("#id_title", "Transit budget")
    annie.fill("#id_url", "https://news.example.org/transit-budget")
    annie.fill("#id_publisher", "Example News")
    if annie.locator("#id_split").count():
        annie.check("#id_split")
    annie.click("main form button[type=submit]")
    ready(annie)
    article = Article.objects.get()
    if not article.claims.exists():
        pytest.fail("splitting on import created no candidates")

    # Accept a candidate with the keyboard: next candidate, accept.
    annie.keyboard.press("n")
    active = annie.locator(".claim-item.active")
    accepted_id = int(active.get_attribute("data-claim-id"))
    annie.keyboard.press("a")
    annie.wait_for_selector(".message.success")
    assert Claim.objects.get(pk=accepted_id).status == ClaimStatus.RESEARCHING
    ready(annie)  # the next keys go to the reloaded page's script

    # The help lists the shortcuts.
    annie.keyboard.press("?")
    assert annie.locator("#shortcut-help").is_visible()
    annie.keyboard.press("?")

    # Mark a new claim by selecting text (with stray spaces, which are trimmed).
    quote = "fares rose from $2.50 to $2.75"
    select_text(annie, quote, pad_before=1)
    annie.click("#mark-button")
    annie.wait_for_selector(".message.success")
    claim = Claim.objects.get(article=article, quote=quote)
    assert article.text[claim.start : claim.end] == quote
    item = annie.locator(f'#claim-list [data-claim-id="{claim.pk}"]')
    assert "active" in item.get_attribute("class")
    assert annie.locator(f'[data-claim-id="{claim.pk}"]').count() >= 1

    # Marking it started its research in the same step: gather evidence, verdict, submit.
    assert claim.status == ClaimStatus.RESEARCHING
    item.locator("[data-open]").click()
    if not annie.is_visible("#id_url"):
        annie.click("details:has(form[action$='/evidence/']) summary")
    annie.fill("#id_url", "https://transit.example.gov/fares-2026")
    annie.fill("#id_title", "Fare table 2026")
    annie.check("input[name=stance][value=supports]")
    annie.fill("#id_excerpt", "Single fare: $2.75 from 1 January.")
    annie.click("form[action$='/evidence/'] button[type=submit]")
    annie.wait_for_selector(".message.success")
    assert claim.evidence.count() == 1

    if not annie.is_visible("form.verdict-form"):
        annie.click("details:has(form.verdict-form) summary")
    annie.locator("form.verdict-form .rating-choice", has_text="Mostly true").click()
    annie.fill("form.verdict-form textarea[name=explanation]", "The fare table shows $2.75.")
    annie.click("form.verdict-form button[type=submit]")
    annie.wait_for_selector(".message.success")
    transition(annie, "submit")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW
    # Four-eyes: the researcher is offered no review buttons.
    assert annie.locator("form.action-approve").count() == 0

    # A reviewer sends it back with a comment.
    rita = open_as(reviewer)
    claim_page(rita, claim)
    transition(rita, "request_changes", "Cite the fare table's page, please.")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.RESEARCHING

    # The researcher sees the comment in the history and submits again.
    claim_page(annie, claim)
    assert annie.locator("#history").get_by_text("Cite the fare table's page").count() == 1
    transition(annie, "submit")

    # Another reviewer approves; the editor publishes.
    ravi = open_as(other_reviewer)
    claim_page(ravi, claim)
    transition(ravi, "approve")
    edith = open_as(editor)
    claim_page(edith, claim)
    assert edith.locator("form.action-publish").count() == 1
    transition(edith, "publish")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLISHED

    # Anyone can read it, with valid ClaimReview JSON-LD.
    reader = open_as(None)
    reader.goto(reverse("factcheck-public", args=[claim.pk]))
    assert reader.locator("h1").inner_text().startswith("“fares rose")
    review = json.loads(reader.locator('script[type="application/ld+json"]').text_content())
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == quote
    assert re.fullmatch(rf"https?://.+/factchecks/{claim.pk}/", review["url"])
    assert review["reviewRating"]["alternateName"] == "Mostly true"
    rating = review["reviewRating"]
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert review["author"]["@type"] == "Organization" and review["author"]["name"]
    assert review["itemReviewed"]["appearance"]["url"] == "https://news.example.org/transit-budget"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"])


def test_selection_after_emoji_and_right_to_left_text(open_as, annotator):
    text = (
        "Firefighters 👩🏽‍🚒 and שלום עולם 🇵🇹 crews said 63 people were treated.\n"
        "Café owners (q\u0301) counted 12 visitors."
    )
    article = article_import(actor=SYSTEM, text=text, title="Heat")
    page = open_as(annotator)
    page.goto(article.get_absolute_url())
    ready(page)

    select_text(page, "crews said 63 people")
    page.click("#mark-button")
    page.wait_for_selector(".message.success")
    ready(page)
    claim = Claim.objects.get(article=article)
    assert claim.quote == "crews said 63 people"
    assert article.text[claim.start : claim.end] == claim.quote

    # A selection that starts inside an emoji or between a letter and its accent is snapped
    # to whole characters, so the server never sees half a character.
    page.evaluate(
        """() => {
            const node = document.querySelector('[data-article-text]').firstChild;
            const at = node.data.indexOf('🚒');
            const range = document.createRange();
            range.setStart(node, at + 1);  // between the two halves of the surrogate pair
            const accent = node.data.indexOf('\\u0301');
            range.setEnd(node, accent);  // between q and its combining accent
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }"""
    )
    page.wait_for_selector("#mark-button:not([disabled])")
    page.keyboard.press("m")
    page.wait_for_selector(".message.success")
    second = Claim.objects.exclude(pk=claim.pk).get()
    assert second.quote.startswith("👩🏽\u200d🚒 and שלום")
    assert second.quote.endswith("(q\u0301")
    assert article.text[second.start : second.end] == second.quote


def test_overlapping_claims_are_both_visible_and_clickable(open_as, annotator):
    article = article_import(actor=SYSTEM, text=ARTICLE, title="Transit")
    wide = claim_create(article=article, actor=annotator, quote="Mayor Dana Ortiz said ridership")
    narrow = claim_create(article=article, actor=annotator, quote="Dana Ortiz")
    page = open_as(annotator)
    page.goto(article.get_absolute_url())
    ready(page)
    names = page.evaluate("() => [...CSS.highlights.keys()]")
    assert "claim-candidate" in names and "claim-overlap" in names
    box = page.evaluate(
        """() => {
            const node = document.querySelector('[data-article-text]').firstChild;
            const at = node.data.indexOf('Ortiz');
            const range = document.createRange();
            range.setStart(node, at + 1);
            range.setEnd(node, at + 2);
            const rect = range.getBoundingClientRect();
            return {x: rect.left + rect.width / 2, y: rect.top + rect.height / 2};
        }"""
    )
    page.mouse.click(box["x"], box["y"])
    chooser = page.locator("#claim-chooser")
    assert chooser.is_visible()
    assert chooser.locator("button").count() == 2
    chooser.locator(f'button[data-claim-id="{wide.pk}"]').click()
    assert "active" in page.locator(f'#claim-list [data-claim-id="{wide.pk}"]').get_attribute(
        "class"
    )
    assert narrow.pk != wide.pk

    # Move the narrow claim's end one word right from the keyboard.
    page.locator(f'#claim-list [data-claim-id="{narrow.pk}"] [data-select]').click()
    page.keyboard.press("]")
    page.wait_for_selector(".message.success")
    narrow.refresh_from_db()
    assert narrow.quote == "Dana Ortiz said"


def test_stale_edit_shows_the_conflict(open_as, annotator, editor):
    article = article_import(actor=SYSTEM, text=ARTICLE, title="Transit")
    claim = claim_create(article=article, actor=annotator, quote="Dana Ortiz said ridership")
    page = open_as(annotator)
    claim_page(page, claim)
    page.fill("#id_claim_text", "Ridership is back to 94% of 2019.")
    # Meanwhile an editor changes the same claim.
    claim_update(claim=claim, actor=editor, expected_version=1, claim_text="Edited by the desk.")
    page.click("form[action$='/edit/'] button[type=submit]")
    conflict = page.locator(".conflict")
    assert "changed by edith meanwhile" in conflict.inner_text()
    claim.refresh_from_db()
    assert claim.claim_text == "Edited by the desk."
    conflict.get_by_role("link", name="Reload the claim").click()
    assert page.input_value("#id_claim_text") == "Edited by the desk."


def test_anonymous_visitor_cannot_reach_unpublished_claims(open_as, annotator, reviewer):
    article = article_import(actor=SYSTEM, text=ARTICLE, title="Transit")
    claims = {
        "candidate": claim_create(article=article, actor=annotator, quote="on Tuesday"),
        "in_review": claim_create(article=article, actor=annotator, quote="Dana Ortiz said"),
    }
    in_review = claims["in_review"]
    research(in_review, annotator, url="https://e.example/a")
    propose(in_review, annotator, "true", "Yes.")
    claim_transition(claim=in_review, actor=annotator, action="submit")
    reader = open_as(None)
    for claim in claims.values():
        response = reader.goto(reverse("factcheck-public", args=[claim.pk]))
        assert response.status == 404
        reader.goto(reverse("claim-detail", args=[claim.pk]))
        assert "/accounts/login/" in reader.url
    reader.goto(article.get_absolute_url())
    assert "/accounts/login/" in reader.url
    assert reader.locator("[data-article-text]").count() == 0
    reader.goto(reverse("factcheck-list"))
    assert "Nothing has been published yet." in reader.content()
