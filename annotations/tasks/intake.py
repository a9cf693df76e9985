"""Import tasks: one URL of a job per task, retried with backoff while the network fails."""

from celery import shared_task
from celery.utils.log import get_task_logger
from django.utils.translation import gettext as _

from annotations.errors import error_message
from annotations.services.jobs import is_transient, job_item_fail, job_item_run

logger = get_task_logger(__name__)

MAX_RETRIES = 5
# Seconds before retry n (0, 1, …): 10, 20, 40, 80, 160, never more than ten minutes.
BACKOFF_BASE = 10
BACKOFF_CAP = 600


def backoff_seconds(retries: int) -> int:
    """Return how long to wait before the next try, doubling with each one spent."""
    return min(BACKOFF_BASE * 2**retries, BACKOFF_CAP)


@shared_task(
    bind=True,
    name="annotations.tasks.intake.import_job_item",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
)
def import_job_item(self, *, item_id: int, url_sha256: str) -> None:
    """Fetch, extract, import, split and score one job item's URL, exactly once."""
    try:
        job_item_run(item_id=item_id, url_sha256=url_sha256)
    except Exception as error:
        message = error_message(error)
        if not is_transient(error):
            # Not the page's fault nor the network's: recorded, so the job still finishes.
            logger.exception("item %s failed", item_id)
            job_item_fail(
                item_id=item_id, message=_("Internal error: %(error)s") % {"error": message}
            )
            return
        # Eagerly (no broker) there is no queue to come back from: the item fails now.
        if self.request.is_eager:
            job_item_fail(item_id=item_id, message=message)
            return
        if self.request.retries >= self.max_retries:
            gave_up = _("%(error)s (gave up after retrying)") % {"error": message}
            job_item_fail(item_id=item_id, message=gave_up)
            return
        logger.warning("item %s: %s; retrying", item_id, message)
        raise self.retry(exc=error, countdown=backoff_seconds(self.request.retries)) from None
