"""Archived copies of cited sources, fetched on a worker once the citation has committed."""

from celery import shared_task

from annotations.services.archives import ARCHIVE_TASK, source_archive_run


@shared_task(name=ARCHIVE_TASK, acks_late=True)
def archive_source(*, archive_id: int) -> None:
    """Fetch a pending archive's page and record the copy or the error (once only)."""
    source_archive_run(archive_id=archive_id)
