"""Benchmark the article page with many claims: served, parsed, highlighted and interactive.

    python bench/article_page.py [--claims 300] [--candidates] [--runs 7] [--port 8799]

Builds a throw-away SQLite database (or uses DATABASE_URL), imports a long article with the
given number of claims (every status, verdicts, overlapping spans), serves it with the
development server and loads the page repeatedly in headless Chromium (/usr/bin/chromium, or
$CHROMIUM). For each load it reads the browser's own timings: the server's response, DOM
content loaded, and `workspace-ready`, the mark article.js sets once every claim is
highlighted and the shortcuts work. It then times a keyboard step (`j`: select the next claim)
and the triage panel's controls: a sort (by score), a filter (the candidates' chip) and the
"show all candidates" toggle, each until the next frame is drawn. `--candidates` makes every
claim a candidate with scores spread from 0 to 1 (a freshly split article, the triage case).
Prints the median and the worst run; the goal is interactive in under one second.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-password-1234"


def build_data(claims: int, candidates: bool = False) -> int:
    """Create the user, the article and its claims; return the article's id."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    # Measured on the development server, as docs/benchmarks.md says; DEBUG defaults to off.
    os.environ.setdefault("DEBUG", "1")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.utils import timezone

    from annotations.models import Article, Claim, ClaimStatus, Rating, Verdict
    from annotations.splitting.normalize import text_sha256

    call_command("migrate", verbosity=0)
    user, _ = get_user_model().objects.get_or_create(username="bench")
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name="editor"))

    sentences = [
        f"Officials said {n * 7} buses 🚌 served route {n} in {2000 + n % 25}, "
        f"up {n % 13}.{n % 10}% from the year before. "
        for n in range(claims)
    ]
    text = "".join(sentences).strip()
    article = Article.objects.create(
        title=f"Bench: {claims} claims", text=text, text_sha256=text_sha256(text), original=text
    )
    ratings = list(Rating.objects.filter(scale__is_default=True))
    statuses = ClaimStatus.values
    start = 0
    rows = []
    for n, sentence in enumerate(sentences):
        end = start + len(sentence.rstrip())
        if n % 10 == 9 and n + 1 < len(sentences):
            # Every tenth claim runs into the next sentence, so claims overlap.
            end = start + len(sentence) + 20
        status = ClaimStatus.CANDIDATE if candidates else statuses[n % len(statuses)]
        quote = text[start:end]
        rows.append(
            Claim(
                article=article,
                start=start,
                end=end,
                quote=quote,
                claim_text=quote,
                status=status,
                checkworthiness=(n * 37 % 100) / 100,
                reasons=["a number", "a named source"] if n % 3 else ["a number", "opinion"],
                published_at=timezone.now() if status == ClaimStatus.PUBLISHED else None,
            )
        )
        start += len(sentence)
    created = Claim.objects.bulk_create(rows)
    now = timezone.now()
    Verdict.objects.bulk_create(
        Verdict(
            claim=claim,
            rating=ratings[i % len(ratings)],
            explanation="Bench.",
            author=user,
            is_final=claim.status in ("approved", "published"),
            approved_at=now if claim.status in ("approved", "published") else None,
        )
        for i, claim in enumerate(created)
        if i % 2 == 0
    )
    return article.pk


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=300)
    parser.add_argument(
        "--candidates", action="store_true", help="every claim a candidate (the triage case)"
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    workdir = tempfile.TemporaryDirectory(prefix="bench-article-")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir.name}/bench.sqlite3"
    article_id = build_data(args.claims, args.candidates)
    port = args.port or free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        results = measure(base, article_id, args.runs)
    finally:
        server.terminate()
        server.wait(timeout=10)
        workdir.cleanup()
    report(results, args)


def measure(base: str, article_id: int, runs: int) -> list[dict[str, float]]:
    from playwright.sync_api import sync_playwright

    from tests.e2e.chromium import launch

    results = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/accounts/login/")
        page.fill("#id_username", "bench")
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(f"{base}/")
        url = f"{base}/articles/{article_id}/"
        page.goto(url)  # warm the server and the browser cache once
        for _ in range(runs):
            page.goto(url)
            page.wait_for_selector("html[data-workspace-ready]", state="attached")
            timing = page.evaluate(
                """() => {
                    const nav = performance.getEntriesByType('navigation')[0];
                    const ready = performance.getEntriesByName('workspace-ready')[0];
                    return {
                        response: nav.responseEnd - nav.requestStart,
                        parsed: nav.domInteractive,
                        dom_content_loaded: nav.domContentLoadedEventEnd,
                        ready: ready.startTime,
                        scripts: ready.startTime
                            - performance.getEntriesByName('workspace-start')[0].startTime,
                        claims: JSON.parse(
                            document.getElementById('claims-data').textContent).length,
                        highlights: [...CSS.highlights.values()]
                            .reduce((n, h) => n + h.size, 0),
                    };
                }"""
            )
            started = time.perf_counter()
            page.keyboard.press("j")
            page.wait_for_selector(".claim-item.active", state="attached")
            timing["keyboard_step"] = (time.perf_counter() - started) * 1000
            timing.update(page.evaluate(PANEL_STEPS))
            results.append(timing)
        browser.close()
    return results


# Each control as a person uses it, timed until the browser has drawn the next frame; the
# toggle is put back so that every load starts alike (it is remembered per browser).
PANEL_STEPS = """async () => {
    const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
    const time = async (step) => { const t = performance.now(); step(); await frame();
                                   return performance.now() - t; };
    const sort = document.getElementById('claim-sort');
    const toggle = document.getElementById('show-all');
    const result = {
        sort: await time(() => { sort.value = 'score';
                                 sort.dispatchEvent(new Event('change')); }),
        filter: await time(() => document.querySelector(
            '.status-chips [data-status=candidate]').click()),
        show_all: await time(() => toggle.click()),
        listed: document.querySelectorAll('#claim-list [data-claim-id]').length,
    };
    toggle.click();
    return result;
}"""


def report(results: list[dict[str, float]], args: argparse.Namespace) -> None:
    claims = int(results[0]["claims"])
    print(f"Article page, {claims} claims, {args.runs} loads in headless Chromium")
    print(f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores")
    print(f"{'measure':<36}{'median ms':>11}{'worst ms':>10}")
    labels = {
        "response": "server response (request → last byte)",
        "parsed": "HTML parsed (DOM interactive)",
        "dom_content_loaded": "DOM content loaded",
        "ready": "interactive (workspace-ready)",
        "scripts": "  of which the page's scripts",
        "keyboard_step": "keyboard step (j → next claim)",
        "sort": "sort by score (to next frame)",
        "filter": "filter: candidates chip",
        "show_all": "show all candidates (repaint)",
    }
    for key, label in labels.items():
        values = [run[key] for run in results]
        print(f"{label:<36}{statistics.median(values):>11.0f}{max(values):>10.0f}")
    worst = max(run["ready"] for run in results)
    print(f"highlighted ranges: {int(results[0]['highlights'])}")
    print(f"panel items drawn after the filter: {int(results[0]['listed'])} of {claims}")
    verdict = "met" if worst < 1000 else "NOT met"
    print(f"goal: interactive < 1000 ms: {verdict} (worst {worst:.0f} ms)")


if __name__ == "__main__":
    main()
