"""The Content-Security-Policy in real Chromium: no page breaks it, and their scripts still run."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from annotations.models import Claim
from tests.factories import ArticleFactory, ClaimFactory, VerdictFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TEXT = (
    "The council approved a transit budget of $4.2 billion on Tuesday. "
    "Mayor Dana Ortiz said ridership had returned to 94% of its 2019 level."
)


def watch_policy(page) -> list[str]:
    """Collect every CSP violation Chromium reports on the page's console."""
    violations: list[str] = []

    def on_console(message) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            violations.append(text)

    page.on("console", on_console)
    return violations


@pytest.fixture
def claim(annotator, editor) -> Claim:
    article = ArticleFactory(title="Transit budget", text=TEXT)
    claim = ClaimFactory(article=article, assignee=annotator, researching=True)
    ClaimFactory(
        article=article, start=TEXT.index("Mayor"), end=len(TEXT), published=True, assignee=editor
    )
    published = Claim.objects.get(status="published")
    VerdictFactory(
        claim=published,
        author=annotator,
        is_final=True,
        approved_by=editor,
        approved_at=timezone.now(),
    )
    return claim


def test_the_article_page_runs_its_script_under_the_policy(open_as, annotator, claim):
    page = open_as(annotator)
    violations = watch_policy(page)
    page.goto(claim.article.get_absolute_url())

    # The page's script marks itself ready and paints the claims with the Highlight API.
    page.wait_for_selector("html[data-workspace-ready]", state="attached")
    assert page.evaluate("CSS.highlights.size") > 0
    # Selecting text offers the mark button; the shortcuts dialog opens from its button.
    page.evaluate(
        """() => {
            const node = document.querySelector('[data-article-text]').firstChild;
            const at = node.data.indexOf('transit budget');
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + 'transit budget'.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }"""
    )
    expect(page.locator("#mark-button")).to_be_enabled()
    page.click("#help-button")
    expect(page.locator("#shortcut-help")).to_be_visible()
    assert violations == []


def test_the_admin_change_list_runs_its_scripts_under_the_policy(open_as, editor, claim):
    page = open_as(editor)
    violations = watch_policy(page)
    page.goto("/admin/annotations/claim/")

    # The date range filter's calendars come from its nonce-carrying inline script.
    expect(page.locator(".admindatefilter .datetimeshortcuts .date-icon").first).to_be_visible()
    # The autocomplete filters are select2 boxes; choosing one applies the filter (a script
    # file, not an inline script, now does that).
    assignee = page.locator(".fc-autocomplete-filter select").first
    expect(page.locator(".fc-autocomplete-filter .select2-container").first).to_be_visible()
    parameter = assignee.get_attribute("data-filter-parameter")
    page.evaluate(
        """([id, name]) => {
            const select = django.jQuery('.fc-autocomplete-filter select').first();
            select.append(new Option(name, id, true, true)).trigger('change');
        }""",
        [str(editor.pk), editor.get_username()],
    )
    page.wait_for_url(re.compile(rf"{re.escape(parameter)}={editor.pk}"))
    assert page.locator("#result_list tbody tr").count() == 1
    assert violations == []


def test_the_api_docs_run_swagger_ui_under_the_policy(open_as, annotator):
    page = open_as(None)
    violations = watch_policy(page)
    page.goto(reverse("api:docs"))

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Factcheck API")
    expect(page.locator(".opblock").first).to_be_visible()
    page.locator(".opblock-summary").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    assert violations == []


def test_the_browsable_api_runs_its_scripts_under_the_policy(open_as, editor, claim):
    page = open_as(editor)
    violations = watch_policy(page)
    page.goto("/api/v1/claims/", wait_until="load")

    # DRF's scripts (jQuery, Bootstrap, prettify) ran: prettify wraps the response's tokens.
    expect(page.locator("pre.prettyprint span.pln").first).to_be_visible()
    assert violations == []


def test_public_pages_keep_to_the_policy(open_as, claim):
    page = open_as(None)
    violations = watch_policy(page)
    page.goto(reverse("factcheck-list"))
    page.get_by_role("link", name=re.compile("ridership")).first.click()
    expect(page.locator(".verdict-box")).to_be_visible()
    assert violations == []


def test_the_browser_refuses_script_the_policy_does_not_allow(open_as, annotator, claim):
    # The checks above pass only if a violation would be seen: inject an inline script and an
    # inline event handler, as an attacker's markup would, and watch both being refused.
    page = open_as(annotator)
    violations = watch_policy(page)
    page.goto(claim.article.get_absolute_url())
    page.wait_for_selector("html[data-workspace-ready]", state="attached")
    page.evaluate(
        """() => {
            const script = document.createElement('script');
            script.textContent = 'window.injected = true';
            document.body.append(script);
            document.body.insertAdjacentHTML(
                'beforeend', '<img src="data:," onload="window.injected = true">'
            );
        }"""
    )
    for _ in range(50):
        if len(violations) >= 2:
            break
        page.wait_for_timeout(20)
    assert page.evaluate("window.injected") is None
    assert len(violations) >= 2, violations
    assert any("inline" in text for text in violations), violations
