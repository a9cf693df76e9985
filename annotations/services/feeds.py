"""Feed subscriptions: add one, poll it conditionally, import its new entries as a job.

A poll sends the feed's ETag and Last-Modified back (304: nothing new), records each entry it
has not seen (unique per feed and id, so a second poll imports nothing), and hands the new
entries' URLs to a job. Failures back off exponentially, up to a day, and the last error stays
on the feed for its admin page.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from annotations.errors import error_message
from annotations.intake.feeds import FEED_CONTENT_TYPES, FeedFormatError, parse_feed
from annotations.intake.fetch import FetchError, fetch_url
from annotations.models import Feed, FeedEntry, Job
from annotations.services.articles import ADD_ARTICLE, _check_language
from annotations.services.common import SYSTEM, Actor, credited, refuse_nul, require_permission
from annotations.services.jobs import clean_urls, job_create_for_entries

MIN_INTERVAL_MINUTES = 1
MAX_INTERVAL_MINUTES = 7 * 24 * 60
DEFAULT_INTERVAL_MINUTES = 60
# However often a feed fails, it is tried again at least once a day.
MAX_BACKOFF_MINUTES = 24 * 60
_TITLE_CHARS = 300


@dataclass
class PollResult:
    """What one poll found: nothing new (304), new entries and their job, or an error."""

    feed: Feed
    not_modified: bool = False
    new_entries: int = 0
    job: Job | None = None
    error: str = ""


def check_interval(value: object) -> int:
    """Return the interval in minutes, or raise ValidationError naming `interval_minutes`."""
    try:
        minutes = int(str(value).strip())
    except ValueError:
        raise ValidationError(
            {
                "interval_minutes": (
                    _("%(value)r is not a whole number of minutes.") % {"value": value}
                )
            }
        ) from None
    if not MIN_INTERVAL_MINUTES <= minutes <= MAX_INTERVAL_MINUTES:
        raise ValidationError(
            {
                "interval_minutes": (
                    _(
                        "The interval must be between %(min_interval_minutes)s and "
                        "%(max_interval_minutes)s minutes (a week); %(minutes)s is not."
                    )
                    % {
                        "min_interval_minutes": MIN_INTERVAL_MINUTES,
                        "max_interval_minutes": MAX_INTERVAL_MINUTES,
                        "minutes": minutes,
                    }
                )
            }
        )
    return minutes


def feed_add(
    *,
    actor: Actor,
    url: str,
    interval_minutes: object = DEFAULT_INTERVAL_MINUTES,
    language: str = "",
) -> Feed:
    """Subscribe to a feed after fetching it once to check that it is one; return it saved.

    Raise PermissionDenied unless the actor may import articles, ValidationError naming the
    field on bad input (a bad URL, an interval out of range, an unknown language, a page that
    is not a feed, a feed already subscribed to); nothing is written then. Its entries are
    imported by the first poll, which is due at once.
    """
    require_permission(actor, ADD_ARTICLE, doing=_("subscribe to a feed"))
    refuse_nul(str(url or ""), field="url")
    (url,) = clean_urls([url], field="url")
    minutes = check_interval(interval_minutes)
    language = str(language or "").strip()
    if language:
        _check_language(language)
    clash = Feed.objects.filter(url=url).values_list("pk", flat=True).first()
    if clash is not None:
        raise ValidationError(
            {"url": (_("This feed is subscribed to already (feed %(clash)s).") % {"clash": clash})}
        )
    try:
        parsed = _read(url, {})[1]
    except (FetchError, FeedFormatError) as error:
        raise ValidationError({"url": error_message(error)}) from None
    feed = Feed(
        url=url,
        title=(parsed.title if parsed else "")[:_TITLE_CHARS],
        language=language,
        interval_minutes=minutes,
        next_poll_at=timezone.now(),
        created_by=credited(actor),
    )
    feed.full_clean()
    feed.save()
    return feed


def feeds_claim_due(*, now: datetime.datetime | None = None, limit: int = 500) -> list[int]:
    """Return the ids of active feeds due for a poll, pushing each one's next poll out.

    Pushed by one interval, so that a feed already queued is not queued again by the next
    beat before its poll has run; the poll then sets the real next time.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Feed.objects.select_for_update()
            .filter(active=True, next_poll_at__lte=now)
            .order_by("next_poll_at")
            .only("pk", "interval_minutes")[:limit]
        )
        for feed in due:
            feed.next_poll_at = now + datetime.timedelta(minutes=feed.interval_minutes)
        Feed.objects.bulk_update(due, ["next_poll_at"])
    return [feed.pk for feed in due]


def feed_poll(*, feed_id: int, defer: bool = False) -> PollResult:
    """Poll one feed and queue its new entries for import (see `job_create_for_entries`)."""
    feed = Feed.objects.get(pk=feed_id)
    validators = {"If-None-Match": feed.etag, "If-Modified-Since": feed.last_modified}
    try:
        result, parsed = _read(feed.url, validators)
    except (FetchError, FeedFormatError) as error:
        return _record_failure(feed_id, error_message(error))
    now = timezone.now()
    with transaction.atomic():
        feed = Feed.objects.select_for_update().get(pk=feed_id)
        outcome = PollResult(feed=feed, not_modified=parsed is None)
        if parsed is not None:
            entries = _new_entries(feed, parsed.items)
            outcome.new_entries = len(entries)
            if entries:
                actor = feed.created_by or SYSTEM
                outcome.job = job_create_for_entries(
                    feed_id=feed.pk,
                    actor=actor,
                    entries=entries,
                    language=feed.language,
                    defer=defer,
                )
            if not feed.title and parsed.title:
                feed.title = parsed.title[:_TITLE_CHARS]
        feed.etag = result.etag[:500] or feed.etag
        feed.last_modified = result.last_modified[:100] or feed.last_modified
        feed.consecutive_failures = 0
        feed.last_polled_at = now
        feed.next_poll_at = now + datetime.timedelta(minutes=feed.interval_minutes)
        feed.save()
    return outcome


def backoff_minutes(*, interval_minutes: int, failures: int) -> int:
    """Return the wait after `failures` failures in a row: the interval, doubled each time."""
    return min(interval_minutes * 2 ** min(failures, 20), MAX_BACKOFF_MINUTES)


def _read(url: str, validators: dict[str, str]):
    """Fetch and parse the feed; the parsed feed is None when the server says 304."""
    result = fetch_url(
        url, accept=FEED_CONTENT_TYPES, headers={k: v for k, v in validators.items() if v}
    )
    if result.not_modified:
        return result, None
    return result, parse_feed(
        result.body_text, base_url=result.final_url, content_type=result.content_type
    )


def _new_entries(feed: Feed, items: list) -> list[FeedEntry]:
    keyed = {}
    for item in items:
        keyed.setdefault(hashlib.sha256(item.guid.encode("utf-8")).hexdigest(), item)
    seen = set(
        FeedEntry.objects.filter(feed=feed, guid_sha256__in=list(keyed)).values_list(
            "guid_sha256", flat=True
        )
    )
    fresh = [
        FeedEntry(feed=feed, guid=item.guid, guid_sha256=key, url=item.url, title=item.title[:500])
        for key, item in keyed.items()
        if key not in seen
    ]
    return FeedEntry.objects.bulk_create(fresh)


def _record_failure(feed_id: int, message: str) -> PollResult:
    now = timezone.now()
    with transaction.atomic():
        feed = Feed.objects.select_for_update().get(pk=feed_id)
        feed.consecutive_failures += 1
        feed.last_error = message
        feed.last_error_at = now
        feed.last_polled_at = now
        wait = backoff_minutes(
            interval_minutes=feed.interval_minutes, failures=feed.consecutive_failures
        )
        feed.next_poll_at = now + datetime.timedelta(minutes=wait)
        feed.save()
    return PollResult(feed=feed, error=message)
