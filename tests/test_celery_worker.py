"""The worker path: real `celery worker` processes on Redis import a job's URLs, and a worker
killed mid-task (SIGKILL) loses nothing: its task is delivered again and completes once.

Needs Redis (FACTCHECK_TEST_REDIS_URL, default redis://127.0.0.1:6379/7); skipped, saying so,
when it cannot be reached. That Redis database is the tests' own: it is emptied before each.
"""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection

from annotations.models import Article, Job, JobStatus
from annotations.services.common import SYSTEM
from annotations.services.jobs import job_create_url_import
from factcheck.celery import worker_command
from tests.intake_site import PARAGRAPHS

REDIS_URL = os.environ.get("FACTCHECK_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
ROOT = Path(__file__).resolve().parent.parent
# Seconds before Redis hands out again a task whose worker vanished without acknowledging it.
VISIBILITY_TIMEOUT = 4


def _redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.skipif(
        not _redis_reachable(), reason=f"Redis is not reachable at {REDIS_URL} (worker tests)"
    ),
    # Committed for real, so the workers (other processes) see it. The flush afterwards takes
    # the migrations' rows (roles, rating scale, content types) too: serialized_rollback puts
    # them back for the tests after these, as for every other transactional test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _database_url() -> str:
    """Return the test database as a URL the worker processes can open."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or 'localhost'}{port}/{db['NAME']}"


@pytest.fixture
def broker(settings):
    """Send tasks to Redis instead of running them here; start from an empty queue."""
    import redis

    from factcheck.celery import app

    redis.Redis.from_url(REDIS_URL).flushdb()
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    _forget_connections(app)
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    yield
    app.conf.update(saved)
    _forget_connections(app)


def _forget_connections(app) -> None:
    # Even an eager task takes a producer from the app's pool, which is made, once, for the
    # broker configured then (none: Celery's default, amqp://localhost). Drop it, unclosed
    # (its producers may be shared), so the next send connects to the broker set now.
    app._pool = None
    app.amqp._producer_pool = None


class Workers:
    """Start `celery -A factcheck worker` processes; stop or kill them."""

    def __init__(self, log) -> None:
        self.log = log
        self.processes: list[subprocess.Popen] = []
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "factcheck.settings",
            "DEBUG": "1",
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": REDIS_URL,
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "FACTCHECK_FETCH_ALLOW_PRIVATE": "1",
        }

    def start(self) -> subprocess.Popen:
        process = subprocess.Popen(
            worker_command(
                concurrency=1,
                loglevel="INFO",
                extra=("--hostname", f"test-{len(self.processes)}@%h"),
            ),
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            # Its own process group, so that a kill takes the pool's children with it.
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def workers(broker, tmp_path):
    # The workers' log, for a failure's investigation (pytest keeps the last runs' folders).
    log = (tmp_path / "workers.log").open("w")
    started = Workers(log)
    yield started
    started.stop_all()
    log.close()


def wait_for(condition, *, timeout: float = 120, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.2)


def finished(job: Job) -> bool:
    job.refresh_from_db()
    return job.status in (JobStatus.DONE, JobStatus.FAILED, JobStatus.PARTLY_FAILED)


def test_a_worker_on_redis_imports_a_jobs_urls_and_records_its_progress(intake_site, workers):
    urls = [
        intake_site.page("/one", "Ridership report", PARAGRAPHS),
        intake_site.page("/two", "Budget report", ["The mayor said spending rose 8% in 2024."]),
        intake_site.url("/missing"),
    ]
    workers.start()
    job = job_create_url_import(actor=SYSTEM, urls=urls)
    wait_for(lambda: finished(job), what="the worker to finish the job")
    assert (job.status, job.done, job.failed) == (JobStatus.PARTLY_FAILED, 2, 1)
    assert "404" in job.items.get(position=2).message
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Budget report",
        "Ridership report",
    ]
    assert all(a.claims.exists() for a in Article.objects.all())


def test_a_worker_killed_mid_task_loses_nothing_and_the_task_completes_once(intake_site, workers):
    url = intake_site.page("/slow", "Ridership report", PARAGRAPHS)
    slow = intake_site.routes["/slow"]
    slow.delay_first = 30
    first = workers.start()
    job = job_create_url_import(actor=SYSTEM, urls=[url])
    wait_for(lambda: slow.served >= 1, what="the worker to start fetching the page")
    workers.kill(first)  # mid-task: the message was taken but never acknowledged
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and not Article.objects.exists()

    workers.start()
    wait_for(lambda: finished(job), what="the task to be delivered again and finish")
    assert (job.status, job.done, job.failed) == (JobStatus.DONE, 1, 0)
    assert slow.served >= 2  # fetched again by the second worker
    item = job.items.get()
    assert item.attempts == 1 and item.article.title == "Ridership report"
    assert Article.objects.count() == 1
