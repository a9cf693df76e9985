"""/healthz: database, cache and broker for load balancers; no sign-in, no secrets, cheap."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError

from annotations import health
from tests.helpers import settings_in_child

pytestmark = pytest.mark.django_db

CLOSED_PORT = "127.0.0.1:9"  # discard: nothing listens there


def test_all_up_is_200_with_each_part_named(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert (body["status"], body["down"]) == ("ok", [])
    assert {name: part["status"] for name, part in body["checks"].items()} == {
        "database": "up",
        "cache": "up",
        "broker": "up",
    }
    assert body["checks"]["broker"]["kind"].startswith("none")


def test_a_balancer_calls_it_by_address_over_http_without_an_account(client, settings):
    settings.ALLOWED_HOSTS = ["factcheck.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.0.5")
    assert response.status_code == 200
    assert client.post("/healthz").status_code == 405


def test_a_broker_that_cannot_be_reached_is_503_naming_it_without_its_address(client, settings):
    settings.CELERY_BROKER_URL = f"redis://:s3cret@{CLOSED_PORT}/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert (body["status"], body["down"]) == ("down", ["broker"])
    assert "s3cret" not in response.content.decode() and CLOSED_PORT not in str(body)


def test_a_cache_and_a_database_that_fail_are_named_without_their_messages(
    client, settings, monkeypatch
):
    settings.CACHES = {
        "default": {
            "BACKEND": "annotations.redis_cache.RedisCache",
            "LOCATION": f"redis://{CLOSED_PORT}/0",
        }
    }

    def database_down() -> str:
        raise OperationalError("could not connect: password=hunter2 host=db.internal")

    monkeypatch.setitem(health.CHECKS, "database", database_down)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["cache", "database"]
    assert body["checks"]["database"] == {
        "status": "down",
        "error": "OperationalError",
        "ms": body["checks"]["database"]["ms"],
    }
    assert "hunter2" not in response.content.decode()


@pytest.mark.parametrize(("value", "json_lines"), [("json", True), ("text", False)])
def test_logs_are_json_lines_when_asked(value, json_lines):
    child = settings_in_child(
        "import logging; logging.getLogger('annotations.jobs').warning('feed %s failed', 7)",
        FACTCHECK_LOG_FORMAT=value,
    )
    line = child.stderr.strip().splitlines()[-1]
    if json_lines:
        record = json.loads(line)
        assert record["message"] == "feed 7 failed"
        assert (record["level"], record["logger"]) == ("WARNING", "annotations.jobs")
        assert "time" in record
    else:
        assert line == "feed 7 failed"


def test_logs_are_json_by_default_with_debug_off_and_a_bad_format_is_refused():
    script = "import django; django.setup(); from django.conf import settings as s; "
    environment = {
        name: value for name, value in os.environ.items() if name != "FACTCHECK_LOG_FORMAT"
    }
    environment.update(
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
        DJANGO_SETTINGS_MODULE="factcheck.settings",
    )
    default = subprocess.run(
        [sys.executable, "-c", script + "print(s.FACTCHECK_LOG_FORMAT)"],
        env=environment,
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
    )
    assert default.stdout.strip() == "json"
    bad = settings_in_child("pass", FACTCHECK_LOG_FORMAT="xml")
    assert bad.returncode != 0 and "FACTCHECK_LOG_FORMAT must be json or text" in bad.stderr
