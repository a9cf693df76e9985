"""The incoming desk and the jobs page in real Chromium: ranked claims with their matches,
filters, bulk accept and dismiss; a job's progress and errors."""

import pytest

from annotations.models import ClaimStatus, JobStatus
from tests.factories import ArticleFactory, ClaimFactory
from tests.helpers import published_claim
from tests.test_jobs_views import ITEMS, make_job

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SENTENCES = (
    "The transit authority said ridership rose 12% in 2025.",
    "Officials said the city hired 120 drivers.",
    "It is a lovely day.",
)


@pytest.fixture
def incoming_desk(annotator, reviewer, editor):
    checked = published_claim(annotator=annotator, reviewer=reviewer, editor=editor)
    text = " ".join(SENTENCES)
    article = ArticleFactory(text=text, title="Morning wire")
    claims = []
    for sentence, score in zip(SENTENCES, (0.95, 0.7, 0.1), strict=True):
        start = text.index(sentence)
        claims.append(
            ClaimFactory(
                article=article, start=start, end=start + len(sentence), checkworthiness=score
            )
        )
    return checked, claims


def test_the_desk_accepts_and_dismisses_claims_in_bulk(open_as, annotator, incoming_desk):
    checked, (ridership, drivers, weather) = incoming_desk
    page = open_as(annotator)
    page.click("nav >> text=Incoming")
    rows = page.locator("#incoming-claims tbody tr")
    assert [rows.nth(n).get_attribute("data-claim") for n in range(3)] == [
        str(ridership.pk),
        str(drivers.pk),
        str(weather.pk),
    ]
    # The ridership claim was checked before: its published fact-check is linked inline.
    match = page.locator(f'tr[data-claim="{ridership.pk}"] [data-match="{checked.pk}"] a')
    assert match.get_attribute("href") == f"/factchecks/{checked.pk}/"
    page.screenshot(path="/tmp/incoming-desk.png", full_page=True)

    page.fill("#id_min_score", "0.5")
    page.click("#incoming-filters button[type=submit]")
    assert page.locator("#incoming-claims tbody tr").count() == 2

    page.check(f"#pick-{ridership.pk}")
    page.check(f"#pick-{drivers.pk}")
    page.click("button[value=start]")
    page.wait_for_selector(".message.success")
    assert "2 claims moved to research." in page.inner_text(".messages")
    assert "min_score=0.5" in page.url  # back on the same filtered list
    page.fill("#id_min_score", "")
    page.click("#incoming-filters button[type=submit]")
    page.check(f"#pick-{weather.pk}")
    page.fill("input[name=reason]", "Not a factual claim")
    page.click("button[value=dismiss]")
    page.wait_for_selector(".message.success")
    statuses = [
        c.status
        for c in type(ridership)
        .objects.filter(pk__in=[ridership.pk, drivers.pk, weather.pk])
        .order_by("pk")
    ]
    assert statuses == [ClaimStatus.RESEARCHING, ClaimStatus.RESEARCHING, ClaimStatus.DISMISSED]
    assert page.locator("#incoming-claims tbody tr").count() == 0


def test_the_jobs_page_shows_progress_and_errors(open_as, annotator):
    job = make_job(annotator, ITEMS[:2], status=JobStatus.PARTLY_FAILED)
    page = open_as(annotator)
    page.click("nav >> text=Jobs")
    page.click(f'tr[data-job="{job.pk}"] a')
    assert page.inner_text("#job-status") == "Partly failed"
    assert page.locator("#job-progress").get_attribute("value") == "2"
    assert "answered 404 Not Found" in page.inner_text("#job-errors")
    page.screenshot(path="/tmp/job-detail.png", full_page=True)
