"""Import by URL in real Chromium: the page's URL field, the article it makes, a duplicate."""

import re

import pytest

from annotations.models import Article
from tests.test_intake_import import STORY, page

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("loopback_only", "allow_local"),
]
TITLE = "Reservoirs at their lowest since 2017"


def test_import_by_url_then_the_same_url_again(open_as, annotator, page_server):
    url = page_server.html("/water", page(TITLE, STORY))
    browser_page = open_as(annotator)
    browser_page.goto("/articles/import/")
    browser_page.fill("#id_fetch_url", url)
    browser_page.screenshot(path="/tmp/intake-import-form.png", full_page=True)
    browser_page.click("main button[type=submit]")
    browser_page.wait_for_url(re.compile(r"/articles/\d+/$"))
    article = Article.objects.get()
    assert browser_page.locator("#article-title").inner_text() == TITLE
    assert "reservoir levels fell to 41 percent" in browser_page.inner_text("[data-article-text]")
    assert "candidate claims" in browser_page.inner_text(".messages")
    browser_page.screenshot(path="/tmp/intake-imported.png")

    browser_page.goto("/articles/import/")
    browser_page.fill("#id_fetch_url", url)
    browser_page.click("main button[type=submit]")
    warning = browser_page.locator(".messages .warning")
    assert "already exists" in warning.inner_text()
    browser_page.screenshot(path="/tmp/intake-duplicate.png", full_page=True)
    warning.locator("a").click()
    browser_page.wait_for_url(re.compile(rf"/articles/{article.pk}/$"))
    assert Article.objects.count() == 1


def test_a_refused_url_is_named_beside_its_field(open_as, annotator, page_server):
    url = page_server.html("/doc.pdf", b"%PDF-1.7", "application/pdf")
    browser_page = open_as(annotator)
    browser_page.set_viewport_size({"width": 390, "height": 844})
    browser_page.goto("/articles/import/")
    browser_page.fill("#id_fetch_url", url)
    browser_page.click("main button[type=submit]")
    field = browser_page.locator("form .field", has=browser_page.locator("#id_fetch_url"))
    assert "application/pdf" in field.inner_text()
    width = browser_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the import page scrolls sideways at phone width ({width} px)"
    browser_page.screenshot(path="/tmp/intake-refused-narrow.png", full_page=True)
    assert Article.objects.count() == 0


def test_the_admin_imports_from_a_url(open_as, editor, page_server):
    url = page_server.html("/water", page(TITLE, STORY))
    browser_page = open_as(editor)
    browser_page.goto("/admin/annotations/article/")
    browser_page.click("text=Import from URL")
    browser_page.fill("#id_url", url)
    browser_page.screenshot(path="/tmp/intake-admin-form.png")
    browser_page.click("input[type=submit][value=Import]")
    article = Article.objects.get()
    browser_page.wait_for_url(re.compile(rf"/admin/annotations/article/{article.pk}/change/$"))
    assert f"Imported “{TITLE}” from its URL." in browser_page.inner_text(".messagelist")
