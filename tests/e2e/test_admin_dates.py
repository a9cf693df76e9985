"""The admin's date range filter in real Chromium: type or pick the days, apply, read the list."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ZONE = "America/Los_Angeles"


def published_claim(title: str, *clock: int):
    """A published claim on an article called `title`, published at `clock` on the site's
    clock (year, month, day, hour, minute)."""
    moment = datetime.datetime(*clock, tzinfo=ZoneInfo(ZONE))
    return ClaimFactory(article=ArticleFactory(title=title), published=True, published_at=moment)


def listed_titles(page) -> list[str]:
    return sorted(page.locator("#result_list tbody td.field-article_title").all_inner_texts())


def test_editor_lists_claims_published_between_two_days(open_as, editor, settings):
    settings.TIME_ZONE = ZONE
    published_claim("Day before", 2025, 11, 2, 23, 30)
    published_claim("First day", 2025, 11, 3, 0, 0)
    published_claim("Last day, late evening", 2025, 11, 17, 23, 45)
    published_claim("Day after", 2025, 11, 18, 0, 15)
    ClaimFactory(article=ArticleFactory(title="Not published"))

    page = open_as(editor)
    page.goto("/admin/annotations/claim/")
    assert len(listed_titles(page)) == 5
    form = page.locator("#published-at-form")
    start, end = (
        form.locator("#id_published_at__range__gte"),
        form.locator("#id_published_at__range__lte"),
    )
    # The admin's calendar is beside each date once its script has run.
    expect(form.locator(".datetimeshortcuts .date-icon")).to_have_count(2)

    # Type the first day; pick the last from the calendar, opened on the month typed.
    start.fill("2025-11-03")
    end.fill("2025-11-01")
    end.locator("xpath=following-sibling::span[contains(@class, 'datetimeshortcuts')]").locator(
        ".date-icon"
    ).click()
    calendar = page.locator(".calendarbox:visible")
    expect(calendar.locator("caption")).to_have_text("November 2025")
    calendar.get_by_role("link", name="17", exact=True).click()
    expect(end).to_have_value("2025-11-17")

    form.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r"published_at__range__lte=2025-11-17"))
    assert listed_titles(page) == ["First day", "Last day, late evening"]
    expect(start).to_have_value("2025-11-03")
    expect(end).to_have_value("2025-11-17")

    # Only a "from": everything published since.
    page.locator("#published-at-form #id_published_at__range__lte").fill("")
    page.locator("#published-at-form input[type=submit]").click()
    page.wait_for_url(re.compile(r"published_at__range__lte=(&|$)"))
    assert listed_titles(page) == ["Day after", "First day", "Last day, late evening"]

    # A "from" after the "to": nothing listed, and the editor is told why.
    page.locator("#published-at-form #id_published_at__range__lte").fill("2025-11-01")
    page.locator("#published-at-form input[type=submit]").click()
    page.wait_for_url(re.compile(r"published_at__range__lte=2025-11-01"))
    assert listed_titles(page) == []
    problem = "The “from” date (2025-11-03) is after the “to” date (2025-11-01)."
    expect(page.locator("ul.messagelist li.error")).to_contain_text(problem)
    expect(page.locator("#published-at-form .errorlist")).to_have_text(problem)

    # Reset clears this filter only.
    page.locator("#published-at-form input[type=reset]").click()
    page.wait_for_url(re.compile(r"/admin/annotations/claim/\?$"))
    assert len(listed_titles(page)) == 5
