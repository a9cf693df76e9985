"""The feed commands: add_feed (bad input refused, nothing written) and poll_feeds --once."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from annotations.models import Article, Claim, Feed, FeedEntry, Job, JobStatus
from tests.intake_site import PARAGRAPHS, Route, rss

pytestmark = pytest.mark.django_db


def run(*arguments: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*arguments, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def desk_feed(intake_site) -> str:
    """A feed of two article pages and one missing page."""
    intake_site.page("/a", "Ridership report", PARAGRAPHS)
    intake_site.page("/b", "Budget report", ["The mayor said the budget grew 8 percent in 2024."])
    items = [("a", "/a", "A"), ("b", "/b", "B"), ("gone", "/gone", "Gone")]
    intake_site.routes["/feed"] = Route(rss(items), "application/rss+xml", etag='"1"')
    return intake_site.url("/feed")


def test_add_feed_subscribes_with_an_interval_and_a_language(desk_feed):
    out, _ = run("add_feed", desk_feed, "--interval", "15", "--language", "en")
    feed = Feed.objects.get()
    assert (feed.interval_minutes, feed.language, feed.created_by) == (15, "en", None)
    assert f"Subscribed to feed {feed.pk} (Desk feed), polled every 15 minutes" in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["not-a-url"], "url: URL 1 ('not-a-url') is not an http:// or https:// URL."),
        (["{feed}", "--interval", "0"], "interval_minutes: The interval must be between 1"),
        (["{feed}", "--interval", "soon"], "interval_minutes: 'soon' is not a whole number"),
        (["{feed}", "--language", "xx_YY!"], "language: 'xx_YY!' is not a language tag"),
        (["{site}/a"], "url: {site}/a is text/html; expected application/rss+xml"),
    ],
)
def test_add_feed_refuses_bad_input_naming_the_field_and_writes_nothing(
    desk_feed, intake_site, arguments, message
):
    values = {"feed": desk_feed, "site": intake_site.base}
    with pytest.raises(CommandError) as caught:
        run("add_feed", *[argument.format(**values) for argument in arguments])
    assert message.format(**values) in str(caught.value)
    assert not Feed.objects.exists()


def test_poll_feeds_once_imports_new_entries_and_a_second_round_imports_nothing(desk_feed, capsys):
    run("add_feed", desk_feed)
    out, _ = run("poll_feeds", "--once")
    err = capsys.readouterr().err
    job = Job.objects.get()
    assert "3 new entries" in out
    assert f"job {job.pk}: Partly failed (2 done, 1 failed of 3)" in out
    assert "entries: 100%" in err and "3/3" in err  # the progress bar
    assert job.status == JobStatus.PARTLY_FAILED
    imported = FeedEntry.objects.exclude(article=None)
    assert sorted(imported.values_list("article__title", flat=True)) == [
        "Budget report",
        "Ridership report",
    ]
    assert Claim.objects.filter(article__feed_entries__isnull=False).count() >= 3
    articles = Article.objects.count()

    Feed.objects.update(next_poll_at=timezone.now())
    out, _ = run("poll_feeds", "--once")
    assert "not modified" in out
    assert (Article.objects.count(), Job.objects.count()) == (articles, 1)
    out, _ = run("poll_feeds", "--once")
    assert "No feed is due." in out


def test_poll_feeds_once_reports_a_failing_feed_and_exits_non_zero(desk_feed, intake_site):
    run("add_feed", desk_feed)
    intake_site.routes["/feed"] = Route(b"<html>moved</html>", "text/html")
    with pytest.raises(CommandError, match="1 feed\\(s\\) could not be polled"):
        run("poll_feeds", "--once")
    feed = Feed.objects.get()
    assert feed.consecutive_failures == 1 and "text/html" in feed.last_error
    assert not FeedEntry.objects.exists()
