"""Work that runs once the transaction has committed: on a Celery worker when a broker is
configured, in this process (as Celery's eager mode would) when none is.

Services name the task by its registered name rather than importing `annotations.tasks`,
whose modules call the services: the dependency points one way only.
"""

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction

logger = logging.getLogger("annotations.background")


def run_after_commit(task_name: str, work: Callable[..., Any], **kwargs: Any) -> None:
    """After commit, send `task_name` with `kwargs` to the workers, or run `work` here eagerly.

    A failure is logged, never raised into the request that caused it: the write it follows
    has already been saved.
    """
    transaction.on_commit(lambda: _run(task_name, work, kwargs), robust=True)


def _run(task_name: str, work: Callable[..., Any], kwargs: dict[str, Any]) -> None:
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True):
        work(**kwargs)
        return
    from celery import current_app

    current_app.send_task(task_name, kwargs=kwargs)
    logger.info("sent %s %s to the workers", task_name, kwargs)
