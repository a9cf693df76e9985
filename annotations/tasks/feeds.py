"""Feed tasks: the beat's check for due feeds, and one poll per feed."""

from celery import shared_task
from celery.utils.log import get_task_logger

from annotations.services.feeds import feed_poll, feeds_claim_due

logger = get_task_logger(__name__)


@shared_task(name="annotations.tasks.feeds.poll_due_feeds", acks_late=True)
def poll_due_feeds() -> int:
    """Queue a poll of every feed that is due (celery beat runs this every minute)."""
    feed_ids = feeds_claim_due()
    for feed_id in feed_ids:
        poll_feed.delay(feed_id=feed_id)
    return len(feed_ids)


@shared_task(name="annotations.tasks.feeds.poll_feed", acks_late=True, reject_on_worker_lost=True)
def poll_feed(*, feed_id: int) -> None:
    """Poll one feed; its new entries become a job whose items the workers import.

    Safe to run twice: entries already seen are skipped, and a failure is recorded on the
    feed (with its backoff) rather than retried here, since the next poll is the retry.
    """
    result = feed_poll(feed_id=feed_id)
    if result.error:
        logger.warning("feed %s: %s", feed_id, result.error)
    else:
        logger.info("feed %s: %s new entries", feed_id, result.new_entries)
