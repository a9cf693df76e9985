"""Feeds: subscribing (bad input refused, nothing written), conditional polls, backoff."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from annotations.intake.feeds import FeedFormatError, parse_feed
from annotations.models import Feed, FeedEntry, Job
from annotations.services.feeds import (
    MAX_BACKOFF_MINUTES,
    backoff_minutes,
    feed_add,
    feed_poll,
    feeds_claim_due,
)
from tests.intake_site import PARAGRAPHS, Route, rss

pytestmark = pytest.mark.django_db

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom desk</title>
<entry><id>urn:uuid:1</id><title>First</title><link href="/one"/></entry>
<entry><id>urn:uuid:2</id><title>Second</title><link href="http://example.org/two"/></entry>
</feed>"""


def serve_feed(site, items, *, etag='"v1"', path="/feed.xml"):
    site.routes[path] = Route(rss(items), "application/rss+xml", etag=etag)
    return site.url(path)


def test_rss_atom_and_json_feed_are_read_with_ids_and_absolute_links():
    atom = parse_feed(ATOM.decode(), base_url="http://example.org/feed")
    assert atom.title == "Atom desk"
    assert [(i.guid, i.url) for i in atom.items] == [
        ("urn:uuid:1", "http://example.org/one"),
        ("urn:uuid:2", "http://example.org/two"),
    ]
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON desk",
        "language": "fr",
        "items": [{"id": 7, "url": "/a"}, {"id": "b", "external_url": "https://x.org/b"}, {}],
    }
    feed = parse_feed(json.dumps(document), base_url="https://x.org/feed.json")
    assert (feed.title, feed.language) == ("JSON desk", "fr")
    assert [(i.guid, i.url) for i in feed.items] == [
        ("7", "https://x.org/a"),
        ("b", "https://x.org/b"),
    ]
    # An RSS item without a guid is known by its link; a prolog's encoding no longer applies.
    text = "<?xml version='1.0' encoding='ISO-8859-1'?>" + rss([("", "/p", "Télé")]).decode()[38:]
    (item,) = parse_feed(text, base_url="http://example.org/").items
    assert (item.guid, item.url, item.title) == ("http://example.org/p",) * 2 + ("Télé",)


@pytest.mark.parametrize(
    "content",
    ["<html><body><p>Not a feed</p></body></html>", '{"version": "x", "items": []}', "{oops"],
)
def test_content_that_is_not_a_feed_is_refused_with_the_reason(content):
    with pytest.raises(FeedFormatError, match="not"):
        parse_feed(content, base_url="http://example.org/")


def test_an_annotator_subscribes_and_the_feed_is_due_at_once(intake_site, annotator):
    url = serve_feed(intake_site, [("1", "/a", "A")])
    feed = feed_add(actor=annotator, url=url, interval_minutes="30", language="fr")
    assert (feed.title, feed.interval_minutes, feed.language) == ("Desk feed", 30, "fr")
    assert feed.next_poll_at <= timezone.now()
    assert feed.created_by == annotator
    # Subscribing only checks the feed; its entries wait for the first poll.
    assert not FeedEntry.objects.exists()


@pytest.mark.parametrize(
    ("url", "interval", "language", "field", "message"),
    [
        ("not a url", 60, "", "url", "not an http"),
        ("ftp://example.org/feed", 60, "", "url", "not an http"),
        ("{site}/feed.xml", 0, "", "interval_minutes", "between 1 and 10080"),
        ("{site}/feed.xml", "hourly", "", "interval_minutes", "not a whole number"),
        ("{site}/feed.xml", 99999, "", "interval_minutes", "between 1 and 10080"),
        ("{site}/feed.xml", 60, "english!", "language", "not a language tag"),
        ("{site}/page", 60, "", "url", "is text/html; expected application/rss+xml"),
        ("{site}/missing", 60, "", "url", "404"),
        ("{site}/html-as-xml", 60, "", "url", "not an RSS, Atom or JSON feed"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(
    intake_site, annotator, url, interval, language, field, message
):
    serve_feed(intake_site, [("1", "/a", "A")])
    intake_site.page("/page", "A page", PARAGRAPHS)
    intake_site.routes["/html-as-xml"] = Route(b"<html><p>hi</p></html>", "text/xml")
    with pytest.raises(ValidationError) as caught:
        feed_add(
            actor=annotator,
            url=url.format(site=intake_site.base),
            interval_minutes=interval,
            language=language,
        )
    assert field in caught.value.message_dict
    assert message in " ".join(caught.value.message_dict[field])
    assert not Feed.objects.exists()


def test_a_feed_is_subscribed_once_and_only_by_those_who_may_import(intake_site, annotator, db):
    from tests.factories import UserFactory

    url = serve_feed(intake_site, [("1", "/a", "A")])
    with pytest.raises(PermissionDenied, match="subscribe to a feed"):
        feed_add(actor=UserFactory(), url=url)
    feed = feed_add(actor=annotator, url=url)
    with pytest.raises(ValidationError, match=f"subscribed to already \\(feed {feed.pk}\\)"):
        feed_add(actor=annotator, url=url)
    assert Feed.objects.count() == 1


def test_a_poll_records_new_entries_and_a_second_poll_imports_nothing(intake_site, annotator):
    url = serve_feed(intake_site, [("1", "/a", "A"), ("2", "/b", "B"), ("2", "/b", "B again")])
    feed = feed_add(actor=annotator, url=url)
    first = feed_poll(feed_id=feed.pk, defer=True)
    assert first.new_entries == 2 and not first.not_modified
    assert first.job.total == 2
    assert sorted(first.job.items.values_list("url", flat=True)) == [
        intake_site.url("/a"),
        intake_site.url("/b"),
    ]
    feed.refresh_from_db()
    assert feed.etag == '"v1"' and feed.consecutive_failures == 0
    # The next poll is conditional: the server says 304 and nothing is recorded.
    second = feed_poll(feed_id=feed.pk, defer=True)
    assert second.not_modified and second.new_entries == 0 and second.job is None
    assert intake_site.hits("/feed.xml")[-1]["if-none-match"] == '"v1"'
    # A changed feed holding the same entries imports nothing either.
    serve_feed(intake_site, [("1", "/a", "A"), ("2", "/b", "B")], etag='"v2"')
    third = feed_poll(feed_id=feed.pk, defer=True)
    assert not third.not_modified and third.new_entries == 0 and third.job is None
    assert FeedEntry.objects.count() == 2 and Job.objects.count() == 1


def test_failures_back_off_exponentially_up_to_a_day_and_keep_the_last_error(
    intake_site, annotator
):
    url = serve_feed(intake_site, [("1", "/a", "A")])
    feed = feed_add(actor=annotator, url=url, interval_minutes=10)
    intake_site.routes["/feed.xml"] = Route(b"down", "text/plain", status=503)
    waits = []
    for _ in range(3):
        before = timezone.now()
        result = feed_poll(feed_id=feed.pk)
        feed.refresh_from_db()
        waits.append(round((feed.next_poll_at - before).total_seconds() / 60))
    assert "503" in result.error
    assert waits == [20, 40, 80]
    assert feed.consecutive_failures == 3
    assert "503" in feed.last_error and feed.last_error_at is not None
    assert backoff_minutes(interval_minutes=10, failures=30) == MAX_BACKOFF_MINUTES
    # Recovery resets the count; the feed is polled at its interval again.
    serve_feed(intake_site, [("1", "/a", "A")])
    feed_poll(feed_id=feed.pk, defer=True)
    feed.refresh_from_db()
    assert feed.consecutive_failures == 0
    assert feed.next_poll_at - feed.last_polled_at == datetime.timedelta(minutes=10)


def test_due_feeds_are_claimed_once_until_polled(annotator):
    now = timezone.now()
    due = Feed.objects.create(url="http://example.org/due", next_poll_at=now)
    Feed.objects.create(url="http://example.org/later", next_poll_at=now + datetime.timedelta(1))
    Feed.objects.create(url="http://example.org/off", next_poll_at=now, active=False)
    assert feeds_claim_due(now=now) == [due.pk]
    assert feeds_claim_due(now=now) == []


def test_the_beat_schedule_polls_each_due_feed_once(
    intake_site, annotator, settings, django_capture_on_commit_callbacks
):
    from factcheck.celery import app

    app.loader.import_default_modules()
    scheduled = settings.CELERY_BEAT_SCHEDULE["poll-due-feeds"]["task"]
    assert scheduled in app.tasks
    feed = feed_add(actor=annotator, url=serve_feed(intake_site, [("1", "/a", "A")]))
    with django_capture_on_commit_callbacks(execute=True):
        assert app.tasks[scheduled].delay().get() == 1
    (entry,) = FeedEntry.objects.filter(feed=feed)
    assert entry.job_items.get().status == "failed"  # /a is not served: recorded, not lost
    assert app.tasks[scheduled].delay().get() == 0  # not due again until its interval passes
