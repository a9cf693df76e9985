"""The Celery app: `celery -A factcheck worker` (and `celery -A factcheck beat`).

Configured from Django's settings under the `CELERY_` namespace (see `factcheck/settings.py`):
the broker comes from `CELERY_BROKER_URL` (Redis `redis://…` or RabbitMQ `amqp://…`). With no
broker set, tasks run in the calling process (eager mode), so the demo needs nothing but Python.
Tasks live in `annotations/tasks/`, one module per area.
"""

import os
import sys

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Django's app registry lists the apps; Celery imports each one's `tasks` package.
app.autodiscover_tasks()


def worker_command(*, concurrency: int, loglevel: str, extra: tuple[str, ...] = ()) -> list[str]:
    """Return the command line that starts a worker of this app in a new process."""
    # Gossip and mingle only slow the start-up of a worker that has no peers to talk to.
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "factcheck",
        "worker",
        "--concurrency",
        str(concurrency),
        "--loglevel",
        loglevel,
        "--without-gossip",
        "--without-mingle",
        *extra,
    ]
