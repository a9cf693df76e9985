"""Background jobs: create one from a list of URLs and run each of its items exactly once.

A job's items run on the Celery workers (`annotations.tasks.intake`), or in this process when
no broker is configured. Each item is keyed by (job, URL hash) and locked while it runs; an
item that is no longer queued is skipped, so a re-delivered task (a worker killed mid-task)
imports nothing twice.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from annotations.errors import error_message
from annotations.models import (
    Article,
    Claim,
    FeedEntry,
    Job,
    JobItem,
    JobItemStatus,
    JobKind,
    JobStatus,
)
from annotations.services.articles import ADD_ARTICLE, _check_language
from annotations.services.common import SYSTEM, Actor, credited, refuse_nul, require_permission
from annotations.services.notifications import preferred_language
from annotations.similar import claims_checked_before

# The task that runs one item (named, not imported: tasks call services, not the reverse).
IMPORT_ITEM_TASK = "annotations.tasks.intake.import_job_item"
# How many URLs one job may hold: a morning's links, not a crawl.
MAX_JOB_URLS = 1000
MAX_URL_CHARS = 2000
_URL_VALIDATOR = URLValidator(schemes=["http", "https"])


def url_sha256(url: str) -> str:
    """Return the key of a URL within a job."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def clean_urls(urls: Iterable[str], *, field: str = "urls") -> list[str]:
    """Return the URLs trimmed, blank lines and repeats dropped; ValidationError names a bad one."""
    cleaned: list[str] = []
    seen: set[str] = set()
    for number, raw in enumerate(urls, start=1):
        url = str(raw).strip()
        if not url or url.startswith("#"):
            continue
        refuse_nul(url, field=field)
        if len(url) > MAX_URL_CHARS:
            raise ValidationError(
                {
                    field: (
                        _("URL %(number)s is longer than %(max_url_chars)s chars.")
                        % {"number": number, "max_url_chars": MAX_URL_CHARS}
                    )
                }
            )
        try:
            _URL_VALIDATOR(url)
        except ValidationError:
            raise ValidationError(
                {
                    field: (
                        _("URL %(number)s (%(url)r) is not an http:// or https:// URL.")
                        % {"number": number, "url": url[:100]}
                    )
                }
            ) from None
        if url not in seen:
            seen.add(url)
            cleaned.append(url)
    if not cleaned:
        raise ValidationError({field: _("Give at least one URL.")})
    if len(cleaned) > MAX_JOB_URLS:
        raise ValidationError(
            {
                field: (
                    _("%(count)s URLs is more than %(max_job_urls)s for one job; split the list.")
                    % {"count": len(cleaned), "max_job_urls": MAX_JOB_URLS}
                )
            }
        )
    return cleaned


def job_create_url_import(
    *,
    actor: Actor,
    urls: Iterable[str],
    split: bool = True,
    language: str | None = None,
    defer: bool = False,
) -> Job:
    """Create a job importing each URL and queue its items once the job is saved.

    With `defer`, nothing is queued: the caller starts the items with `job_start` (the command
    line does, to show each item's progress).

    Raise PermissionDenied unless the actor may import articles, ValidationError naming the
    field on bad input (a bad URL, an unknown language); nothing is written then.
    """
    require_permission(actor, ADD_ARTICLE, doing=_("import articles from URLs"))
    cleaned = clean_urls(urls)
    language = (language or "").strip()
    if language:
        _check_language(language)
    options = {"split": bool(split), "language": language, "system": actor is SYSTEM}
    return _job_create(
        kind=JobKind.URL_IMPORT,
        actor=actor,
        options=options,
        entries=[(u, None) for u in cleaned],
        defer=defer,
    )


def article_import_url_later(
    *, actor: Actor, url: str, split: bool = True, language: str | None = None
) -> Job:
    """Queue the import of one URL on the workers; return its job (the API's 202 answer).

    Checked now, as `article_import_url` would: the permission, the URL, the language, and a
    URL imported already (DuplicateArticleError, the API's 409). The fetch comes later.
    """
    from annotations.services.duplicates import refuse_duplicate

    require_permission(actor, ADD_ARTICLE, doing=_("import an article"))
    (url,) = clean_urls([url], field="url")
    refuse_duplicate(urls=[url])
    return job_create_url_import(actor=actor, urls=[url], split=split, language=language)


def job_create_for_entries(
    *, feed_id: int, actor: Actor, entries: list[FeedEntry], language: str, defer: bool = False
) -> Job:
    """Create a job importing (and splitting) a feed's new entries, queued after commit."""
    options = {"split": True, "language": language, "system": actor is SYSTEM}
    return _job_create(
        kind=JobKind.FEED_POLL,
        actor=actor,
        options=options,
        entries=[(entry.url, entry) for entry in entries],
        feed_id=feed_id,
        defer=defer,
    )


def _job_create(
    *,
    kind: str,
    actor: Actor,
    options: dict,
    entries: list[tuple[str, FeedEntry | None]],
    feed_id: int | None = None,
    defer: bool = False,
) -> Job:
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            options=options,
            total=0,
            created_by=credited(actor),
            feed_id=feed_id,
        )
        items, keys = [], set()
        for url, entry in entries:
            key = url_sha256(url)
            if key in keys:  # two feed entries may link the same page
                continue
            keys.add(key)
            items.append(
                JobItem(job=job, position=len(items), url=url, url_sha256=key, feed_entry=entry)
            )
        JobItem.objects.bulk_create(items)
        job.total = len(items)
        job.save(update_fields=["total"])
        if not defer:
            transaction.on_commit(lambda: job_start(job_id=job.pk))
    return job


def job_start(*, job_id: int, on_item: Callable[[], object] | None = None) -> None:
    """Send each queued item of the job to the workers, or run it here when none is configured.

    Run in this process, `on_item` is called after each item (a progress bar); with workers
    the items run elsewhere and `job_wait` follows them.
    """
    from celery import current_app

    if IMPORT_ITEM_TASK not in current_app.tasks:
        # Outside a worker the task modules are loaded on first use (Celery's autodiscovery).
        current_app.loader.import_default_modules()
    task = current_app.tasks[IMPORT_ITEM_TASK]
    queued = JobItem.objects.filter(job_id=job_id, status=JobItemStatus.QUEUED)
    for item_id, key in list(queued.values_list("pk", "url_sha256")):
        task.delay(item_id=item_id, url_sha256=key)
        if on_item is not None and task_runs_here():
            on_item()


def task_runs_here() -> bool:
    """Return whether tasks run in this process (no broker configured: Celery's eager mode)."""
    return bool(getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True))


def job_wait(
    *,
    job_ids: list[int],
    on_progress: Callable[[int, int], object] | None = None,
    timeout: float = 3600,
    interval: float = 0.5,
) -> bool:
    """Wait until the jobs' items are all done or failed; return False if `timeout` ran out.

    `on_progress(finished, total)` is called whenever the count of finished items changes.
    """
    deadline = time.monotonic() + timeout
    last = -1
    while True:
        counts = Job.objects.filter(pk__in=job_ids).aggregate(
            total=Sum("total"), done=Sum("done"), failed=Sum("failed")
        )
        total = counts["total"] or 0
        finished = (counts["done"] or 0) + (counts["failed"] or 0)
        if finished != last and on_progress is not None:
            on_progress(finished, total)
        last = finished
        if finished >= total:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(interval)


def job_item_run(*, item_id: int, url_sha256: str) -> JobItem | None:
    """Import one item's URL unless it is done already; record the outcome on the job.

    A refused page (bad content, a private address, a duplicate) is recorded as the item's
    error or outcome. An error worth retrying (the network) propagates, leaving the item
    queued and nothing written, for the task to retry.
    """
    with transaction.atomic():
        # Lock the item only: with the job joined, a bare FOR UPDATE would lock the job's row
        # too, for the whole import, and the job's other items would wait their turn.
        item = (
            JobItem.objects.select_for_update(of=("self",))
            .select_related("job")
            .filter(pk=item_id, url_sha256=url_sha256)
            .first()
        )
        if item is None or item.status != JobItemStatus.QUEUED:
            return item  # gone, or a re-delivery of work already recorded
        job = item.job
        options = job.options or {}
        actor = SYSTEM if options.get("system") else job.created_by
        # The outcome is stored as words, in the language of whoever asked for the import.
        with translation.override(preferred_language(job.created_by)):
            return _item_run(item, options, actor)


def _item_run(item: JobItem, options: dict, actor: Actor) -> JobItem:
    """Import the item's URL and record its outcome, inside the caller's transaction."""
    from annotations.errors import DuplicateArticleError
    from annotations.intake.fetch import FetchError
    from annotations.services.intake import article_import_url

    try:
        with transaction.atomic():
            article = article_import_url(
                actor=actor,
                url=item.url,
                split=bool(options.get("split", True)),
                language=options.get("language") or None,
            )
    except DuplicateArticleError as error:
        _item_record(item, article=error.article, message=error_message(error))
    except (FetchError, ValidationError, PermissionDenied) as error:
        if is_transient(error):
            raise
        _item_record(item, message=error_message(error), failed=True)
    else:
        _item_record(item, article=article, message=match_summary(article))
    return item


def match_summary(article: Article) -> str:
    """Return how many candidate claims the article has and how many were checked before."""
    claims = list(Claim.objects.filter(article=article).only("pk", "claim_text", "quote"))
    if not claims:
        return _("Imported; no candidate claims.")
    checked = len(claims_checked_before(claims))
    found = ngettext("%(count)d candidate claim", "%(count)d candidate claims", len(claims)) % {
        "count": len(claims)
    }
    seen = ngettext(
        "%(count)d looks checked before.", "%(count)d look checked before.", checked
    ) % {"count": checked}
    return _("%(found)s; %(seen)s") % {"found": found, "seen": seen}


def job_item_fail(*, item_id: int, message: str) -> None:
    """Record that an item failed for good (its retries spent), unless it is recorded already."""
    with transaction.atomic():
        item = JobItem.objects.select_for_update(of=("self",)).select_related("job").get(pk=item_id)
        if item.status == JobItemStatus.QUEUED:
            _item_record(item, message=message, failed=True)


def is_transient(error: BaseException) -> bool:
    """Return whether an error may go away on its own (a timeout, a 5xx), worth a retry.

    The import service wraps the fetcher's error in a ValidationError; its cause says.
    """
    import httpx

    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, httpx.TransportError) or getattr(seen, "temporary", False):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _item_record(
    item: JobItem, *, article: Article | None = None, message: str = "", failed: bool = False
) -> None:
    item.status = JobItemStatus.FAILED if failed else JobItemStatus.DONE
    item.article = article
    item.message = message
    item.attempts += 1
    item.save(update_fields=["status", "article", "message", "attempts", "updated_at"])
    if article is not None and item.feed_entry_id:
        FeedEntry.objects.filter(pk=item.feed_entry_id).update(article=article)
    job = Job.objects.select_for_update().get(pk=item.job_id)
    now = timezone.now()
    if failed:
        job.failed += 1
    else:
        job.done += 1
    job.started_at = job.started_at or now
    if job.finished:
        job.status = (
            JobStatus.DONE
            if not job.failed
            else JobStatus.FAILED
            if not job.done
            else JobStatus.PARTLY_FAILED
        )
        job.finished_at = now
    else:
        job.status = JobStatus.RUNNING
    job.save(update_fields=["done", "failed", "status", "started_at", "finished_at"])
