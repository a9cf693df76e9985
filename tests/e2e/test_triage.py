"""Triage on the article page in real Chromium: highlighting, sort, filter, bulk, one-step mark."""

import datetime
from itertools import accumulate

import pytest
from playwright.sync_api import expect

from annotations.models import Claim, ClaimStatus, ReviewAction, ReviewEvent
from annotations.services import SYSTEM, article_import
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

S = ClaimStatus
SENTENCES = (
    "The council approved a budget of $4.2 billion on Tuesday.",
    "It is a bold and welcome move.",
    "Fares fell by 10 cents in March.",
    "Ridership rose 12% in 2025.",
    "Officials said 120 drivers were hired.",
    "Many residents seem unsure about it.",
)
TEXT = " ".join(SENTENCES)
# (status, score) of each sentence's claim; the threshold is 0.5.
CLAIMS = (
    (S.CANDIDATE, 0.9),
    (S.CANDIDATE, 0.2),
    (S.CANDIDATE, None),
    (S.RESEARCHING, 0.1),
    (S.CANDIDATE, 0.7),
    (S.DISMISSED, 0.6),
)


@pytest.fixture
def triage_article(db, settings):
    settings.FACTCHECK_CHECKWORTHY_THRESHOLD = 0.5
    article = article_import(
        actor=SYSTEM, text=TEXT, title="Budget", published_at=datetime.date(2026, 3, 5)
    )
    claims = []
    for sentence, (status, score) in zip(SENTENCES, CLAIMS, strict=True):
        start = TEXT.index(sentence)
        claims.append(
            ClaimFactory(
                article=article,
                start=start,
                end=start + len(sentence),
                status=status,
                checkworthiness=score,
                reasons=["a number", "opinion"] if score and score < 0.5 else ["a number"],
            )
        )
    return article, claims


def open_article(open_as, user, article, *, width: int = 1280):
    page = open_as(user)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(article.get_absolute_url())
    page.wait_for_selector("html[data-workspace-ready]", state="attached")
    return page


def listed(page) -> list[int]:
    return [
        int(i)
        for i in page.eval_on_selector_all(
            "#claim-list [data-claim-id]", "items => items.map(i => i.dataset.claimId)"
        )
    ]


def lit(page) -> dict[str, int]:
    return page.evaluate(
        "() => Object.fromEntries([...CSS.highlights].filter(([n]) => n.startsWith('claim-')"
        " && n !== 'claim-active').map(([n, h]) => [n, h.size]))"
    )


def test_only_what_is_worth_checking_is_highlighted_until_show_all(
    open_as, annotator, triage_article
):
    article, claims = triage_article
    page = open_article(open_as, annotator, article)
    high, low, unscored, working, other, _dismissed = claims
    # Above the threshold, not scored, and in work: lit and listed; the rest one toggle away.
    assert lit(page) == {"claim-candidate": 3, "claim-researching": 1, "claim-overlap": 0}
    assert listed(page) == [high.pk, unscored.pk, working.pk, other.pk]
    assert "1 candidates below 0.50 hidden" in page.inner_text("#panel-summary")
    # Items off screen skip rendering (content-visibility), so read their text, not innerText.
    expect(page.locator(f'[data-claim-id="{unscored.pk}"]')).to_contain_text("not scored")
    # A click on a hidden candidate's words selects nothing: it is plain text.
    box = page.evaluate(
        """(quote) => { const node = document.querySelector('[data-article-text]').firstChild;
        const range = document.createRange(); const at = node.data.indexOf(quote);
        range.setStart(node, at + 2); range.setEnd(node, at + 3);
        const r = range.getBoundingClientRect(); return {x: r.x + 1, y: r.y + r.height / 2}; }""",
        SENTENCES[1],
    )
    page.mouse.click(box["x"], box["y"])
    assert page.locator(".claim-item.active").count() == 0

    page.check("#show-all")
    assert lit(page)["claim-candidate-below"] == 1
    assert lit(page)["claim-dismissed-below"] == 1
    assert listed(page) == [high.pk, low.pk, unscored.pk, working.pk, other.pk]
    reasons = page.locator(f'[data-claim-id="{low.pk}"] .reason.down')
    expect(reasons).to_have_text("↓ opinion")
    expect(page.locator(f'[data-claim-id="{low.pk}"]')).to_contain_text("below threshold")

    # Remembered by this browser.
    page.reload()
    page.wait_for_selector("html[data-workspace-ready]", state="attached")
    assert page.is_checked("#show-all")
    assert low.pk in listed(page)


def test_sort_filter_and_counts_that_add_up(open_as, annotator, triage_article):
    article, claims = triage_article
    high, low, unscored, working, other, dismissed = claims
    page = open_article(open_as, annotator, article)
    counts = page.eval_on_selector_all(
        ".status-chips [data-status] .count", "spans => spans.map(s => Number(s.textContent))"
    )
    assert sum(counts) == len(claims) == 6

    page.select_option("#claim-sort", "score")
    assert listed(page) == [high.pk, other.pk, working.pk, unscored.pk]
    page.select_option("#claim-sort", "status")
    assert listed(page) == [high.pk, unscored.pk, other.pk, working.pk]

    page.fill("#min-score", "0.6")
    assert listed(page) == [high.pk, other.pk]
    page.fill("#min-score", "")
    page.click('.status-chips [data-status="researching"]')
    assert listed(page) == [working.pk]
    assert page.get_attribute('[data-status="researching"]', "aria-pressed") == "true"
    page.click('.status-chips [data-status="candidate"]')
    # Asking for candidates by name lists them all, the ones below the threshold too.
    assert sorted(listed(page)) == sorted([high.pk, low.pk, unscored.pk, other.pk])
    page.click('.status-chips [data-status="dismissed"]')
    assert listed(page) == [dismissed.pk]
    assert page.locator(f'[data-claim-id="{dismissed.pk}"] [data-act="restore"]').count() == 1


def test_bulk_dismiss_with_shift_click_then_restore(open_as, annotator, triage_article):
    article, claims = triage_article
    high, _low, unscored, _working, other, dismissed = claims
    page = open_article(open_as, annotator, article)

    page.check(f'[data-claim-id="{high.pk}"] [data-pick]')
    page.click(f'[data-claim-id="{other.pk}"] [data-pick]', modifiers=["Shift"])
    assert page.inner_text("#picked-count") == "4 selected"
    # Of the four, the one in research cannot be dismissed: three are sent.
    assert page.get_attribute('[data-bulk="dismiss"]', "data-count") == "3"
    page.select_option("select[name=reason]", "Not worth checking")
    page.click('[data-bulk="dismiss"]')
    page.wait_for_selector(".message.success")
    assert "3 claims dismissed." in page.inner_text(".messages")
    assert {
        c.pk: c.status for c in Claim.objects.filter(pk__in=[high.pk, unscored.pk, other.pk])
    } == {
        high.pk: S.DISMISSED,
        unscored.pk: S.DISMISSED,
        other.pk: S.DISMISSED,
    }
    events = ReviewEvent.objects.filter(action=ReviewAction.DISMISS, actor=annotator)
    assert {event.comment for event in events} == {"Not worth checking"} and events.count() == 3

    page.wait_for_selector("html[data-workspace-ready]", state="attached")
    page.click('.status-chips [data-status="dismissed"]')
    assert sorted(listed(page)) == sorted([high.pk, unscored.pk, other.pk, dismissed.pk])
    page.click(f'[data-claim-id="{other.pk}"] [data-act="restore"]')
    page.wait_for_selector(".message.success")
    assert Claim.objects.get(pk=other.pk).status == S.CANDIDATE
    assert ReviewEvent.objects.filter(claim=other, action=ReviewAction.RESTORE).exists()


def test_accept_many_from_the_keyboard(open_as, annotator, triage_article):
    article, claims = triage_article
    high, *_between, other, _dismissed = claims
    page = open_article(open_as, annotator, article)
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("x")
    assert page.inner_text("#picked-count") == "2 selected"
    page.keyboard.press("a")
    page.wait_for_selector(".message.success")
    assert "2 claims research started." in page.inner_text(".messages")
    assert Claim.objects.get(pk=high.pk).status == S.RESEARCHING
    assert Claim.objects.get(pk=other.pk).status == S.RESEARCHING


def test_mark_with_edited_wording_starts_research_in_one_step(open_as, annotator, triage_article):
    article, _claims = triage_article
    page = open_article(open_as, annotator, article)
    assert page.locator("#float-mark").is_hidden()
    page.evaluate(
        """(quote) => { const node = document.querySelector('[data-article-text]').firstChild;
        const at = node.data.indexOf(quote); const range = document.createRange();
        range.setStart(node, at); range.setEnd(node, at + quote.length);
        getSelection().removeAllRanges(); getSelection().addRange(range); }""",
        "a budget of $4.2 billion",
    )
    page.wait_for_selector("#float-mark:not([hidden])")
    page.click("#float-mark [data-mark-edit]")
    assert page.input_value("#mark-claim-text") == "a budget of $4.2 billion"
    assert page.input_value("#mark-claim-date") == "2026-03-05"
    page.fill("#mark-claim-text", "The council approved a $4.2 billion budget.")
    page.fill("#mark-claim-date", "2026-03-03")
    page.click("#mark-dialog button[value=mark]")
    page.wait_for_selector(".message.success")
    claim = Claim.objects.get(quote="a budget of $4.2 billion")
    assert (claim.status, claim.assignee) == (S.RESEARCHING, annotator)
    assert claim.claim_text == "The council approved a $4.2 billion budget."
    assert claim.claim_date == datetime.date(2026, 3, 3)
    page.wait_for_selector("html[data-workspace-ready]", state="attached")
    assert "active" in page.get_attribute(f'#claim-list [data-claim-id="{claim.pk}"]', "class")
    page.screenshot(path="/tmp/triage-desktop.png", full_page=False)


def test_phone_width_has_no_sideways_scroll_and_a_jump_to_the_claims(
    open_as, annotator, triage_article
):
    article, _claims = triage_article
    page = open_article(open_as, annotator, article, width=390)
    widths = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1], widths
    # The stray mark button is gone: nothing selected, nothing to mark.
    assert page.locator("#float-mark").is_hidden()
    page.click("#jump-claims")
    assert page.evaluate("() => location.hash") == "#claims-panel"
    top = page.evaluate("() => document.getElementById('claims-panel').getBoundingClientRect().top")
    assert -1 <= top < 100
    page.screenshot(path="/tmp/triage-phone.png", full_page=False)
    # The sticky toolbar is opaque: no text shows through it.
    alpha = page.evaluate(
        "() => getComputedStyle(document.querySelector('.toolbar')).backgroundColor"
    )
    assert alpha.startswith("rgb(") and "rgba" not in alpha, alpha


def test_two_thousand_candidates_are_drawn_a_page_at_a_time(open_as, annotator, db, settings):
    settings.FACTCHECK_CHECKWORTHY_THRESHOLD = 0.5
    sentences = [f"Route {n} carried {n * 7} riders in 2025." for n in range(2000)]
    text = " ".join(sentences)
    article = article_import(actor=SYSTEM, text=text, title="Routes")
    starts = accumulate((len(sentence) + 1 for sentence in sentences), initial=0)
    Claim.objects.bulk_create(
        ClaimFactory.build(
            article=article, start=at, end=at + len(sentence), checkworthiness=n % 100 / 100
        )
        for n, (sentence, at) in enumerate(zip(sentences, starts, strict=False))
    )
    page = open_article(open_as, annotator, article)
    # A page of 60 (and the next, when the list's end is in view at once), never all 2,000.
    assert page.locator("#claim-list [data-claim-id]").count() in (60, 120)
    assert "Showing 1000 of 2000" in page.inner_text("#panel-summary")
    drawn = page.locator("#claim-list [data-claim-id]").count()
    page.click("#more-claims")
    assert page.locator("#claim-list [data-claim-id]").count() >= drawn + 60
    # The keyboard reaches past what is drawn: k from the top wraps to the last claim.
    page.keyboard.press("k")
    last = page.locator(".claim-item.active")
    assert last.get_attribute("data-claim-id") == str(Claim.objects.order_by("-start").first().pk)
