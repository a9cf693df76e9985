"""Walk claims through the real workflow services, as the people in each role would."""

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from django.db import connections

from annotations.models import Article, Claim, Evidence, Rating, Source
from annotations.services import (
    SYSTEM,
    article_import,
    claim_create,
    claim_transition,
    evidence_add,
    verdict_propose,
)

ROOT = Path(__file__).resolve().parent.parent

ARTICLE_TEXT = (
    "date 2026-05-04 The transit authority said ridership rose 12% in 2025. "
    "Mayor Dana Ortiz said the city hired 120 drivers 🚌 and that fares fell.\n\n"
    "Officials in القاهرة said 3.9% of trips were late.\n\n(Example Wire – Porto)"
)


def api_as(api, user):
    """Return the API client signed in as `user`."""
    api.force_authenticate(user)
    return api


def make_article(url: str = "https://news.example.org/transit", text: str = ARTICLE_TEXT):
    return article_import(actor=SYSTEM, text=text, url=url, title="Transit report")


def propose(claim: Claim, actor, slug: str, explanation: str):
    """Propose the default scale's `slug` rating for the claim, as its researcher would."""
    return verdict_propose(
        claim=claim,
        actor=actor,
        rating=Rating.objects.get(scale__is_default=True, slug=slug),
        explanation=explanation,
    )


def research(
    claim: Claim,
    actor,
    *,
    url: str,
    title: str = "",
    stance: str = "supports",
    excerpt: str = "",
    note: str = "",
    comment: str = "",
) -> Evidence:
    """Start research on the claim and cite one source, as its researcher would."""
    claim_transition(claim=claim, actor=actor, action="start", comment=comment)
    return evidence_add(
        claim=claim,
        actor=actor,
        stance=stance,
        url=url,
        title=title,
        excerpt=excerpt,
        note=note,
    )


def publish(claim: Claim, *, annotator, reviewer, editor, rating_slug: str = "mostly-true"):
    """Research, review and publish a claim through the services; return it reloaded."""
    research(
        claim,
        annotator,
        url=f"https://stats.example.gov/ridership/{claim.pk}",
        title="Ridership statistics 2025",
        excerpt="Ridership grew by 11.8%.",
    )
    propose(claim, annotator, rating_slug, "The official figure is 11.8%, close to the claim.")
    claim_transition(claim=claim, actor=annotator, action="submit")
    claim_transition(claim=claim, actor=reviewer, action="approve")
    claim_transition(claim=claim, actor=editor, action="publish")
    claim.refresh_from_db()
    return claim


def published_claim(*, annotator, reviewer, editor, quote: str = "ridership rose 12% in 2025"):
    article = make_article()
    claim = claim_create(
        article=article, actor=annotator, quote=quote, claimant="Transit authority"
    )
    return publish(claim, annotator=annotator, reviewer=reviewer, editor=editor)


def at_once(*calls: Callable[[], Any]) -> list[tuple[str, Any]]:
    """Run the calls in threads released together; return ("ok", value) or ("error", exc).

    Each call runs on its own database connection, as a request does under gunicorn.
    """
    barrier = threading.Barrier(len(calls))
    results: list[tuple[str, Any]] = [("error", None)] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=20)
            results[index] = ("ok", call())
        except Exception as error:  # a crash is a result to report, not to hide
            results[index] = ("error", error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a request never finished"
    return results


def settings_in_child(
    code: str, *, unset: tuple[str, ...] = (), **env: str
) -> subprocess.CompletedProcess:
    """Run `code` in a new Python whose Django settings (`s`) come from this environment + `env`.

    Variables whose names start with one of `unset` are left out of the child's environment.
    """
    environment = {
        name: value
        for name, value in os.environ.items()
        if name != "DJANGO_ALLOW_ASYNC_UNSAFE" and not name.startswith(unset)
    }
    environment.update(DEBUG="1", DJANGO_SETTINGS_MODULE="factcheck.settings", **env)
    script = f"import django; django.setup(); from django.conf import settings as s; {code}"
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def manage_in_child(
    *args: str, leave_out: Collection[str] = (), **env: str
) -> subprocess.CompletedProcess:
    """Run manage.py with `args` in a new process: this environment less `leave_out`, plus `env`."""
    environment = {k: v for k, v in os.environ.items() if k not in leave_out}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def empty_the_database() -> None:
    """Remove the claims, sources and articles, as a fresh database to import into."""
    Claim.objects.all().delete()
    Source.objects.all().delete()
    Article.objects.all().delete()
