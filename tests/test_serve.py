"""scripts/serve: the production stack (gunicorn, and with --worker a Celery worker and beat)."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.test_celery_worker import REDIS_URL, _redis_reachable

ROOT = Path(__file__).resolve().parent.parent
SERVE = ROOT / "scripts" / "serve"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment(tmp_path: Path, port: int, **extra: str) -> dict[str, str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "CELERY_", "PYTEST", "DEBUG", "DATABASE_URL"))
    }
    environment.update(
        FACTCHECK_SERVE_NO_INSTALL="1",
        SECRET_KEY="serve-test-" + "k" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
        CELERY_CONCURRENCY="1",
        SECURE_SSL_REDIRECT="0",
        # Collecting (and compressing) every static file takes minutes on a busy machine; the
        # pages are not what this test is about.
        FACTCHECK_SERVE_SKIP_COLLECTSTATIC="1",
        **extra,
    )
    return environment


def _health(port: int, timeout: float = 180) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as reply:
                return json.load(reply)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_an_unknown_option_or_a_worker_without_broker_is_refused(tmp_path):
    environment = _environment(tmp_path, _free_port())
    unknown = subprocess.run(
        [SERVE, "--workers"], env=environment, capture_output=True, text=True, check=False
    )
    assert unknown.returncode == 2 and "Unknown option --workers" in unknown.stderr
    brokerless = subprocess.run(
        [SERVE, "--worker"], env=environment, capture_output=True, text=True, check=False
    )
    assert brokerless.returncode == 2 and "--worker needs CELERY_BROKER_URL" in brokerless.stderr


@pytest.mark.skipif(not _redis_reachable(), reason=f"Redis is not reachable at {REDIS_URL}")
def test_serve_starts_gunicorn_a_worker_and_beat_with_production_settings(tmp_path):
    port = _free_port()
    environment = _environment(tmp_path, port, CELERY_BROKER_URL=REDIS_URL, REDIS_URL=REDIS_URL)
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [SERVE, "--worker"],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        body = _health(port)
        assert body["status"] == "ok"
        assert body["checks"]["broker"]["kind"] == "redis"
        assert body["checks"]["cache"]["kind"] == "RedisCache"
        # DEBUG is off: the API's 404 is its JSON error, not the debug page.
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/nothing/", timeout=5)
        assert missing.value.code == 404 and b"DEBUG = True" not in missing.value.read()
        running = subprocess.run(
            ["ps", "-o", "args=", "--sid", str(process.pid)], capture_output=True, text=True
        ).stdout
        assert "celery -A factcheck worker" in running and "celery -A factcheck beat" in running
        # The app's logs are JSON lines (DEBUG off): here, the 404's warning.
        time.sleep(0.5)
        lines = (tmp_path / "serve.log").read_text().splitlines()
        records = [json.loads(line) for line in lines if line.startswith("{")]
        assert any(r["logger"] == "django.request" and r["status_code"] == 404 for r in records)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def test_the_wsgi_application_freezes_what_loading_made(tmp_path):
    environment = _environment(tmp_path, _free_port())
    probe = "import gc, factcheck.wsgi; print(gc.get_freeze_count())"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    # Tens of thousands of objects: Django, the project's modules, its URL patterns.
    assert int(result.stdout.split()[-1]) > 10_000
