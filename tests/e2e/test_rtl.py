"""Right-to-left text in real Chromium: each paragraph in its own direction, offsets exact.

The article is Arabic with one English paragraph and numbers in both. Each paragraph must
run in its own direction (the English one left to right with its full stop at the end, the
Arabic ones right to left), a span selected with the mouse in each must come back as its
exact code point offsets, and the claims panel must show each quote in its own direction.
"""

import pytest

from annotations.services import SYSTEM, article_import
from tests.e2e.test_keyboard_selection import assert_span, mark, open_article

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Our own text: an electricity shortage, in Arabic, with one English paragraph.
ARABIC_1 = "قالت وزارة الكهرباء إن الانقطاع استمر 9 ساعات يوميا في الأسبوع الماضي."
ENGLISH = "The hospital in Zarqa ran on generators for 14 hours on Monday."
ARABIC_2 = "هل سيستمر الانقطاع؟ يتوقع مهندسون أن يرتفع الطلب بنسبة 12% في الصيف."
MIXED = f"{ARABIC_1}\n\n{ENGLISH}\n\n{ARABIC_2}"


def boxes(page, needle: str) -> list[dict]:
    """Return the on-screen box of each character of the first `needle` in the text."""
    return page.evaluate(
        """(needle) => {
            const node = document.querySelector('[data-article-text]').firstChild;
            const at = node.data.indexOf(needle);
            if (at < 0) throw new Error('not in the text: ' + needle);
            const found = [];
            for (let i = at; i < at + needle.length; i += 1) {
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                const box = range.getBoundingClientRect();
                found.push({left: box.left, right: box.right, top: box.top, bottom: box.bottom});
            }
            return found;
        }""",
        needle,
    )


def text_box(page) -> dict:
    return page.evaluate(
        """() => {
            const box = document.querySelector('[data-article-text]').getBoundingClientRect();
            const style = getComputedStyle(document.querySelector('[data-article-text]'));
            return {left: box.left + parseFloat(style.paddingLeft),
                    right: box.right - parseFloat(style.paddingRight)};
        }"""
    )


def drag_select(page, needle: str, *, rtl: bool) -> None:
    """Select `needle` with the mouse, from its first letter's start edge to its last's end."""
    page.wait_for_selector("html[data-workspace-ready]", state="attached")
    chars = boxes(page, needle)
    first, last = chars[0], chars[-1]
    middle = (first["top"] + first["bottom"]) / 2
    if rtl:
        start_x, end_x = first["right"] - 1, last["left"] + 1
    else:
        start_x, end_x = first["left"] + 1, last["right"] - 1
    page.mouse.move(start_x, middle)
    page.mouse.down()
    page.mouse.move(end_x, middle, steps=8)
    page.mouse.up()
    assert page.evaluate("() => getSelection().toString()") == needle
    page.wait_for_selector("#mark-button:not([disabled])")


def test_each_paragraph_runs_in_its_own_direction(open_as, annotator):
    article = article_import(actor=SYSTEM, text=MIXED, title="الكهرباء", language="ar")
    page = open_article(open_as, annotator, article)
    edges = text_box(page)

    # English: left to right, starting at the left edge, the full stop after "Monday".
    english = boxes(page, ENGLISH)
    assert english[0]["left"] == pytest.approx(edges["left"], abs=2)
    monday = boxes(page, "Monday.")
    assert monday[-1]["left"] > monday[0]["left"]  # "." is right of "M": at the end
    assert english[1]["left"] > english[0]["left"]

    # Arabic: right to left, starting at the right edge; a question mark ends its sentence
    # on the left of it.
    for paragraph in (ARABIC_1, ARABIC_2):
        arabic = boxes(page, paragraph)
        assert arabic[0]["right"] == pytest.approx(edges["right"], abs=2)
        assert arabic[1]["right"] < arabic[0]["right"]
    question = boxes(page, "الانقطاع؟")
    assert question[-1]["right"] <= question[0]["left"] + 1

    page.screenshot(path="/tmp/rtl-mixed-article.png", full_page=True)


def test_mouse_selections_in_each_direction_give_exact_offsets(open_as, annotator):
    article = article_import(actor=SYSTEM, text=MIXED, title="الكهرباء", language="ar")
    page = open_article(open_as, annotator, article)

    drag_select(page, "ran on generators for 14 hours", rtl=False)
    assert_span(mark(page), "ran on generators for 14 hours")

    drag_select(page, "وزارة الكهرباء", rtl=True)
    assert_span(mark(page), "وزارة الكهرباء")

    drag_select(page, "يتوقع مهندسون", rtl=True)
    assert_span(mark(page), "يتوقع مهندسون")

    # The highlights cover exactly the claims' text.
    painted = page.evaluate(
        """() => [...CSS.highlights.values()].flatMap((h) => [...h]).map((r) => r.toString())"""
    )
    assert {"ran on generators for 14 hours", "وزارة الكهرباء", "يتوقع مهندسون"} <= set(painted)


def test_the_claims_panel_shows_each_quote_in_its_direction(open_as, annotator):
    article = article_import(actor=SYSTEM, text=MIXED, title="الكهرباء", language="ar")
    page = open_article(open_as, annotator, article)
    drag_select(page, "استمر 9 ساعات يوميا", rtl=True)
    mark(page)
    drag_select(page, "for 14 hours on Monday.", rtl=False)
    mark(page)

    quotes = page.evaluate(
        """() => [...document.querySelectorAll('.claim-select q')].map((q) => {
            const range = document.createRange();
            const node = q.firstChild;
            const box = (i) => {
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                return range.getBoundingClientRect();
            };
            const last = node.data.length - 1;
            return {text: node.data, dir: q.getAttribute('dir'),
                    firstLeft: box(0).left, lastLeft: box(last).left};
        })"""
    )
    by_text = {quote["text"]: quote for quote in quotes}
    arabic = by_text["استمر 9 ساعات يوميا"]
    english = by_text["for 14 hours on Monday."]
    assert arabic["dir"] == english["dir"] == "auto"
    assert arabic["firstLeft"] > arabic["lastLeft"]  # right to left
    assert english["firstLeft"] < english["lastLeft"]  # the full stop at the end, on the right
    page.locator(".claims-panel").screenshot(path="/tmp/rtl-claims-panel.png")


def test_an_arabic_interface_lays_the_page_out_right_to_left(open_as, annotator):
    article = article_import(actor=SYSTEM, text=MIXED, title="الكهرباء", language="ar")
    page = open_as(annotator)
    page.goto("/")
    page.select_option("#interface-language", "ar")
    page.click(".language-form button[type=submit]")
    page.goto(article.get_absolute_url())
    page.wait_for_selector("html[data-workspace-ready]", state="attached")
    assert page.evaluate("() => [document.documentElement.lang, document.dir]") == ["ar", "rtl"]
    # The English paragraph still reads left to right inside the right-to-left page.
    english = boxes(page, ENGLISH)
    assert english[1]["left"] > english[0]["left"]
    drag_select(page, "generators", rtl=False)
    assert_span(mark(page), "generators")
    page.screenshot(path="/tmp/rtl-arabic-interface.png", full_page=True)
