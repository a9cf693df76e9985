"""Feeds and jobs in the admin: read-only, each feed's status and last error, poll now."""

import pytest
from django.urls import reverse
from django.utils import timezone

from annotations.models import Feed, FeedEntry, Job, JobKind
from tests.intake_site import Route, rss

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, editor):
    editor.is_superuser = True  # the editor role's admin rights are not what is tested here
    editor.save(update_fields=["is_superuser"])
    client.force_login(editor)
    return client


def test_the_feed_list_shows_status_last_error_and_next_poll(admin_client):
    now = timezone.now()
    Feed.objects.create(url="https://ok.example.org/feed", title="Fine", next_poll_at=now)
    Feed.objects.create(
        url="https://down.example.org/feed",
        title="Broken",
        next_poll_at=now,
        consecutive_failures=3,
        last_error="https://down.example.org/feed answered 503 Service Unavailable.",
    )
    page = admin_client.get(reverse("admin:annotations_feed_changelist")).content.decode()
    assert "failing" in page and "answered 503 Service Unavailable" in page
    assert "Next poll at" in page or "next poll at" in page.lower()
    # Subscribing goes through add_feed, which checks the feed; nothing is added here.
    assert admin_client.get(reverse("admin:annotations_feed_add")).status_code == 403


def test_poll_now_polls_the_selected_feed_through_the_service(admin_client, intake_site):
    intake_site.routes["/feed"] = Route(rss([("1", "/a", "A")]), "application/rss+xml", etag='"1"')
    feed = Feed.objects.create(url=intake_site.url("/feed"), next_poll_at=timezone.now())
    response = admin_client.post(
        reverse("admin:annotations_feed_changelist"),
        {"action": "poll_now", "_selected_action": [feed.pk]},
        follow=True,
    )
    assert "1 new entries" in response.content.decode()
    assert FeedEntry.objects.filter(feed=feed).count() == 1
    job = Job.objects.get()
    page = admin_client.get(reverse("admin:annotations_job_change", args=[job.pk]))
    assert page.status_code == 200 and intake_site.url("/a") in page.content.decode()
    assert job.kind == JobKind.FEED_POLL
