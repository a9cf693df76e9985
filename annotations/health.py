"""`/healthz` for load balancers: is the database, the cache and the broker reachable?

Answered by a middleware placed first, before the host check, the HTTPS redirect, sessions
and sign-in: a balancer calls it by the machine's address over plain HTTP, with no account.
It says only which part is up or down (never an address or a password) and costs one query,
one cache round trip and, with workers configured, one broker connection.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from annotations.i18n import request_language

HEALTH_PATH = "/healthz"
BROKER_TIMEOUT_SECONDS = 2


def check_database() -> str:
    """Run one trivial query; return what it talked to."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def check_cache() -> str:
    """Write and read back a short-lived key in the default cache."""
    key, value = f"healthz:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not return what was written")
    cache.delete(key)
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def check_broker() -> str:
    """Connect to the Celery broker, when one is configured (else tasks run in-process)."""
    if not settings.CELERY_BROKER_URL:
        return "none (tasks run in the web process)"
    from kombu import Connection

    with Connection(settings.CELERY_BROKER_URL, connect_timeout=BROKER_TIMEOUT_SECONDS) as broker:
        broker.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
        return broker.transport.driver_name


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
}


def health() -> tuple[bool, dict]:
    """Run every check; return whether all passed and the report (up/down, kind, time)."""
    report = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            kind = check()
        except Exception as error:  # any failure means "down", whatever raised it
            # The exception's class only: its message may hold an address or a password.
            report[name] = {"status": "down", "error": type(error).__name__}
        else:
            report[name] = {"status": "up", "kind": kind}
        report[name]["ms"] = round((time.perf_counter() - started) * 1000, 1)
    down = sorted(name for name, result in report.items() if result["status"] == "down")
    return not down, {"status": "down" if down else "ok", "down": down, "checks": report}


class HealthCheckMiddleware:
    """Answer `GET /healthz` with the health report: 200 when all is up, else 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            # Answered before LocaleMiddleware runs: the cookie or Accept-Language, as refusals.
            with translation.override(request_language(request)):
                message = _("Use GET.")
            return JsonResponse({"message": message}, status=405, headers={"Allow": "GET"})
        healthy, report = health()
        response = JsonResponse(report, status=200 if healthy else 503)
        response["Cache-Control"] = "no-store"
        return response
