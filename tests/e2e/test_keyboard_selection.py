"""Marking claims with the keyboard alone: no mouse and no caret browsing, in real Chromium."""

import unicodedata

import pytest

from annotations.anchoring import is_character_boundary
from annotations.models import Article, Claim
from annotations.services import SYSTEM, article_import, claim_create

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

HARBOUR = (
    "The harbour board approved a dredging budget of $3.1 million on Monday. "
    "Its chair, Ines Okafor, said cargo volumes had reached 87% of the 2019 level.\n\n"
    "Board member Tom Reyes said fees rose from $12 to $15 per tonne in March. "
    "The port expects 2,300 ships a year once the works are done."
)
# An emoji with a skin tone joined to another, a flag, and a Yoruba name whose last letter
# carries a combining grave accent that has no precomposed form.
FIRE = unicodedata.normalize(
    "NFC",
    "Crews 👩🏽\u200d🚒 reached Faro 🇵🇹 at dawn.\n"
    "Councillor Adébáyọ\u0300 Ṣọlá said 12 homes burned overnight.",
)
# Hebrew, then Arabic with its short vowels (combining marks).
BUSES = unicodedata.normalize(
    "NFC",
    "ראש העירייה אמר כי 40% מהתושבים נוסעים באוטובוס. זה נכון?\n"
    "قالَ الوزيرُ إنَّ الأسعارَ ارتفعت ٣٠٪ هذا العام.",
)


def open_article(open_as, user, article: Article):
    page = open_as(user)
    page.goto(article.get_absolute_url())
    page.wait_for_selector("html[data-workspace-ready]", state="attached")
    return page


def press(page, *keys: str) -> None:
    for key in keys:
        page.keyboard.press(key)


def selected(page) -> str:
    return page.evaluate("() => getSelection().toString()")


def announced(page) -> str:
    return page.locator("#selection-info").text_content()


def focused(page) -> str:
    return page.evaluate(
        "() => document.activeElement.id || document.activeElement.getAttribute('aria-label')"
    )


def tab_to(page, element_id: str, key: str = "Tab", limit: int = 20) -> None:
    """Press Tab (or Shift+Tab) until the element with this id has the focus."""
    for _ in range(limit):
        if focused(page) == element_id:
            return
        page.keyboard.press(key)
    pytest.fail(f"{key} never reached #{element_id}; the focus is on {focused(page)}")


def mark(page, key: str = "m") -> Claim:
    """Mark the selection as a claim and return the claim the server created."""
    before = set(Claim.objects.values_list("pk", flat=True))
    page.keyboard.press(key)
    page.wait_for_selector(".message.success")
    # The next keys go to the reloaded page's script, so wait until it listens.
    page.wait_for_selector("html[data-workspace-ready]", state="attached")
    return Claim.objects.exclude(pk__in=before).get()


def assert_span(claim: Claim, quote: str) -> None:
    """The claim holds exactly `quote`, at its code point offsets, cutting no character."""
    text = claim.article.text
    assert claim.quote == quote
    assert text.count(quote) == 1, "the expected quote must be unambiguous"
    assert (claim.start, claim.end) == (text.index(quote), text.index(quote) + len(quote))
    assert text[claim.start : claim.end] == quote
    assert is_character_boundary(text, claim.start) and is_character_boundary(text, claim.end)


def test_mark_a_claim_with_the_keyboard_alone(open_as, annotator):
    article = article_import(actor=SYSTEM, text=HARBOUR, title="Harbour")
    page = open_article(open_as, annotator, article)

    # The toolbar's "Select text" button is reachable with Tab; it selects the first word
    # and hands the keyboard to the text.
    tab_to(page, "select-button")
    press(page, "Enter")
    assert selected(page) == "The"
    assert focused(page) == "Article text"

    press(page, "Shift+ArrowRight", "Shift+ArrowRight")
    assert selected(page) == "The harbour board"
    press(page, "Shift+ArrowLeft")
    assert selected(page) == "The harbour"
    press(page, "ArrowRight", "ArrowRight", "ArrowRight")
    assert selected(page) == "approved a"
    press(page, "Alt+Shift+ArrowLeft")
    assert selected(page) == "board approved a"
    press(page, "Alt+Shift+ArrowRight")
    assert selected(page) == "approved a"
    press(page, *["Shift+ArrowRight"] * 6)  # "$" is a step of its own
    assert selected(page) == "approved a dredging budget of $3.1 million"

    claim = mark(page)
    assert_span(claim, "approved a dredging budget of $3.1 million")
    assert claim.created_by == annotator

    # Back on the page the new claim is selected, so "v" starts right after it. Move to the
    # next sentence, take it to its end (the "%" and the full stop included) and mark it with
    # the toolbar button, reached with Shift+Tab: the selection survives the focus moving.
    assert "active" in page.locator(f'[data-claim-id="{claim.pk}"]').get_attribute("class")
    press(page, "v")
    assert selected(page) == "on"
    press(page, "ArrowRight", "ArrowRight", "ArrowRight")
    assert selected(page) == "Its"
    press(page, "Shift+ArrowDown")
    sentence = "Its chair, Ines Okafor, said cargo volumes had reached 87% of the 2019 level."
    assert selected(page) == sentence
    tab_to(page, "mark-button", key="Shift+Tab")
    assert selected(page) == sentence
    assert_span(mark(page, "Enter"), sentence)

    # Shift+ArrowUp takes the start back to the start of the sentence.
    press(page, "v", "Shift+ArrowRight", "Shift+ArrowRight")
    assert selected(page) == "Board member Tom"
    press(page, "ArrowRight", "ArrowRight", "Shift+ArrowUp")
    assert selected(page) == "Board member Tom Reyes said"
    assert_span(mark(page), "Board member Tom Reyes said")


def test_keyboard_steps_keep_emoji_flags_and_accents_whole(open_as, annotator):
    article = article_import(actor=SYSTEM, text=FIRE, title="Fire")
    assert article.text == FIRE
    page = open_article(open_as, annotator, article)

    press(page, "v", "Shift+ArrowRight")
    assert selected(page) == "Crews 👩🏽\u200d🚒"
    assert announced(page) == "Selected “Crews 👩🏽\u200d🚒”, 7 characters"
    press(page, "ArrowRight", "ArrowRight", "ArrowRight")
    assert selected(page) == "Faro 🇵🇹"
    press(page, "Alt+Shift+ArrowRight")
    assert selected(page) == "🇵🇹"
    assert announced(page) == "Selected “🇵🇹”, 1 character"
    press(page, "Shift+ArrowLeft")  # would leave nothing selected: refused
    assert selected(page) == "🇵🇹"
    press(page, "Shift+ArrowDown")
    assert selected(page) == "🇵🇹 at dawn."
    claim = mark(page)
    # Offsets count code points: the firefighter emoji before it is 4 of them, 7 UTF-16 units.
    assert_span(claim, "🇵🇹 at dawn.")

    press(page, "v", "Shift+ArrowRight")
    assert selected(page) == "Councillor Adébáyọ\u0300"
    claim = mark(page)
    assert_span(claim, "Councillor Adébáyọ\u0300")
    assert claim.quote.endswith("\u0300")


def test_keyboard_selection_in_right_to_left_text(open_as, annotator):
    article = article_import(actor=SYSTEM, text=BUSES, title="Buses", language="he")
    assert article.text == BUSES
    page = open_article(open_as, annotator, article)
    text = page.locator("[data-article-text]")
    assert text.evaluate("element => getComputedStyle(element).direction") == "rtl"

    # In right-to-left text the left arrow goes forward, as the caret does there.
    press(page, "v", *["Shift+ArrowLeft"] * 4)
    assert selected(page) == "ראש העירייה אמר כי 40"
    press(page, "Shift+ArrowLeft")
    assert selected(page) == "ראש העירייה אמר כי 40%"
    press(page, "Shift+ArrowRight", "Shift+ArrowLeft", "Alt+Shift+ArrowLeft")
    assert selected(page) == "העירייה אמר כי 40%"
    assert announced(page) == "Selected “העירייה אמר כי 40%”, 18 characters"
    assert_span(mark(page), "העירייה אמר כי 40%")

    # On into the Arabic paragraph; its short vowels stay on their letters.
    press(page, "v")
    assert selected(page) == "מהתושבים"
    press(page, *["ArrowLeft"] * 7)
    assert selected(page) == "قالَ"
    press(page, "Shift+ArrowLeft", "Shift+ArrowLeft")
    expected = unicodedata.normalize("NFC", "قالَ الوزيرُ إنَّ")
    assert selected(page) == expected
    claim = mark(page)
    assert_span(claim, expected)
    assert unicodedata.combining(claim.quote[-1])


def test_escape_clears_the_selection_and_fields_keep_their_keys(open_as, annotator):
    article = article_import(actor=SYSTEM, text=HARBOUR, title="Harbour")
    page = open_article(open_as, annotator, article)

    press(page, "v", "Shift+ArrowRight")
    assert selected(page) == "The harbour"
    assert page.locator("#mark-button").is_enabled()
    press(page, "Escape")
    assert selected(page) == ""
    assert announced(page) == "Selection cleared"
    assert page.locator("#mark-button").is_disabled()
    # With nothing selected the arrows are the page's again and "m" marks nothing.
    press(page, "Shift+ArrowRight", "m")
    assert selected(page) == ""
    assert not Claim.objects.exists()

    # A field on the page (a note, say) takes every key typed into it.
    page.evaluate(
        """() => {
            const label = document.createElement('label');
            label.textContent = 'Note ';
            const field = document.createElement('input');
            field.id = 'note';
            label.append(field);
            document.querySelector('[data-article-text]').after(label);
        }"""
    )
    press(page, "v")
    assert selected(page) == "The"
    press(page, "Tab")
    assert focused(page) == "note"
    page.keyboard.type("vjm")
    press(page, "Shift+ArrowLeft", "Alt+Shift+ArrowLeft", "ArrowRight", "s", "Escape")
    page.keyboard.type("?")
    assert page.input_value("#note") == "vjms?"
    assert focused(page) == "note"
    assert not page.locator("#shortcut-help").is_visible()
    assert page.locator(".claim-item.active").count() == 0
    assert "The" not in announced(page)
    assert not Claim.objects.exists()


def test_live_region_announces_the_selection(open_as, annotator):
    article = article_import(actor=SYSTEM, text=HARBOUR, title="Harbour")
    claim_create(article=article, actor=annotator, quote="on Monday.")
    page = open_article(open_as, annotator, article)
    region = page.locator("#selection-info")
    assert region.get_attribute("aria-live") == "polite"
    assert region.get_attribute("aria-atomic") == "true"

    # With a claim selected ("j"), "v" starts at the word after it.
    press(page, "j", "v")
    assert announced(page) == "Selected “Its”, 3 characters"
    press(page, "Shift+ArrowRight", "Shift+ArrowRight")
    assert announced(page) == "Selected “Its chair,”, 10 characters"

    # A long passage is read out by its two ends, so the edge that moved is heard at once.
    press(page, "Shift+ArrowDown", "Shift+ArrowDown", "Shift+ArrowDown")
    assert announced(page) == (
        "Selected “Its chair, Ines Okafor, said cargo volumes had reached 87% of the … "
        "March. The port expects 2,300 ships a year once the works are done.”, 213 characters"
    )
    assert selected(page).endswith(
        "in March. The port expects 2,300 ships a year once the works are done."
    )

    press(page, "Escape")
    assert announced(page) == "Selection cleared"


def test_keys_take_over_a_passage_selected_with_the_mouse(open_as, annotator):
    article = article_import(actor=SYSTEM, text=HARBOUR, title="Harbour")
    page = open_article(open_as, annotator, article)
    page.evaluate(
        """() => {
            const node = document.querySelector('[data-article-text]').firstChild;
            const at = node.data.indexOf('cargo volumes');
            getSelection().setBaseAndExtent(node, at, node, at + 'cargo volumes'.length);
        }"""
    )
    page.wait_for_selector("#mark-button:not([disabled])")
    press(page, "v", "Shift+ArrowRight", "Shift+ArrowRight")
    assert selected(page) == "cargo volumes had reached"
    assert_span(mark(page), "cargo volumes had reached")


def select_quote(page, quote: str) -> None:
    """Select the quote in the article text as a mouse would."""
    page.evaluate(
        """(quote) => {
          const node = document.querySelector("[data-article-text]").firstChild;
          const start = node.textContent.indexOf(quote);
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, start + quote.length);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
        }""",
        quote,
    )


def _boxes(page) -> dict:
    return page.evaluate(
        """async () => {
          // The page places the button on the frame after the selection changes.
          for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
          const rects = getSelection().getRangeAt(0).getClientRects();
          const box = (r) => ({top: r.top, bottom: r.bottom, left: r.left, right: r.right});
          return {
            first: box(rects[0]),
            last: box(rects[rects.length - 1]),
            button: box(document.getElementById("float-mark").getBoundingClientRect()),
            bars: Math.max(...Array.from(document.querySelectorAll(".topbar, .toolbar"),
                                         (bar) => bar.getBoundingClientRect().bottom)),
            width: document.documentElement.clientWidth,
          };
        }"""
    )


def test_the_floating_mark_button_leaves_the_text_after_the_selection_visible(open_as, annotator):
    # Long enough to scroll.
    notes = (f"At meeting {n} the board heard {n + 3} more objections." for n in range(60))
    article = article_import(actor=SYSTEM, text=HARBOUR + "\n\n" + " ".join(notes), title="Harbour")
    page = open_article(open_as, annotator, article)
    select_quote(page, "Board member Tom Reyes said fees rose")
    page.wait_for_selector("#float-mark:not([hidden])")
    boxes = _boxes(page)
    # Above the first line of the selection, below the sticky bars, inside the window.
    assert boxes["button"]["bottom"] <= boxes["first"]["top"]
    assert boxes["button"]["top"] >= boxes["bars"]
    assert boxes["button"]["left"] >= 0
    assert boxes["button"]["right"] <= boxes["width"]

    # Scrolled so that the selection sits just under the sticky bars: no room above, so the
    # button goes below the last line instead of under the bars.
    page.evaluate(
        """async () => {
          const firstTop = () => getSelection().getRangeAt(0).getClientRects()[0].top;
          const bars = () => Math.max(...Array.from(
            document.querySelectorAll(".topbar, .toolbar"),
            (bar) => bar.getBoundingClientRect().bottom));
          window.scrollBy(0, firstTop() - 300);  // the toolbar now sticks to the top
          await new Promise(requestAnimationFrame);
          window.scrollBy(0, firstTop() - bars() - 2);
        }"""
    )
    select_quote(page, "Board member Tom Reyes said fees rose from")
    boxes = _boxes(page)
    assert boxes["button"]["top"] >= boxes["last"]["bottom"]
