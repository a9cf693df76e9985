"""Benchmark ingest end to end through the Celery workers: fetch → extract → import → split →
score → match, with 1 and with 2 worker processes.

    python bench/ingest.py [--pages 10000] [--workers 1 2] [--database-url URL] [--broker URL]

N article pages are served from a local HTTP server (one process of its own); the URLs go to
the workers as import jobs of at most 1,000 URLs; the clock runs from the first job's creation
to the last item's completion. Before the runs, a sample of pages is imported in this process
with a timer on each stage, which gives the share of time per stage.

Use a database of its own: PostgreSQL (`--database-url postgres://…/factcheck_bench_ingest`,
created when missing) or, by default, a fresh SQLite file, which takes one writer at a time.
The broker (default redis://127.0.0.1:6379/8) is emptied first: give it a database of its own.
"""

from __future__ import annotations

import argparse
import http.server
import multiprocessing
import os
import platform
import subprocess
import sys
import tempfile
import time
import zlib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import cpu  # noqa: E402

WORDS = (
    "council budget transit ridership drivers fares schools hospital housing water energy "
    "police taxes wages exports tourism rainfall harvest clinics trains bridges"
).split()


def article_html(path: str) -> bytes:
    """Return a news-like page for this path: a title and twelve sentences with figures.

    The path names the page in the text too, so that no two pages (of one run or of two
    runs) are the same text, which the importer would link as a duplicate instead.
    """
    number = zlib.crc32(path.encode())
    sentences = [f"The desk filed report {path.strip('/').replace('/', ' ')} today."]
    for n in range(12):
        a, b = WORDS[(number + n) % len(WORDS)], WORDS[(number * 7 + n) % len(WORDS)]
        if n % 3 == 0:
            sentences.append(
                f"The minister said {a} spending rose {n + number % 40}% in {2000 + n + 5}."
            )
        elif n % 3 == 1:
            sentences.append(f"Officials claimed {n * 3 + 4} thousand people use the {b} service.")
        else:
            sentences.append(f"Critics argued the {a} plan for {b} was rushed and unclear.")
    body = "".join(f"<p>{s}</p>" for s in sentences)
    return (
        f"<!doctype html><html lang='en'><head><title>Report {number} on {WORDS[number % 21]}"
        f"</title></head><body><header>Site menu</header><article><h1>Report {number}</h1>"
        f"{body}</article><footer>© Example</footer></body></html>"
    ).encode()


class PageHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        body = article_html(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def serve(port_queue) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PageHandler)
    port_queue.put(server.server_address[1])
    server.serve_forever()


def prepare_database(url: str) -> None:
    if url.startswith("postgres"):
        base, _, name = url.rpartition("/")
        exists = subprocess.run(
            [
                "psql",
                f"{base}/postgres",
                "-tAc",
                f"SELECT 1 FROM pg_database WHERE datname='{name}'",
            ],
            capture_output=True,
            text=True,
        ).stdout.strip()
        if exists != "1":
            subprocess.run(
                ["psql", f"{base}/postgres", "-c", f'CREATE DATABASE "{name}"'], check=True
            )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, check=True
    )


def stage_profile(base: str, sample: int) -> dict[str, float]:
    """Import `sample` pages here with a timer on each stage; return seconds per stage."""
    import annotations.services.intake as intake
    import annotations.services.jobs as jobs
    import annotations.services.splitting as splitting
    from annotations.services import SYSTEM

    spent: dict[str, float] = defaultdict(float)

    def timed(module, name: str, stage: str) -> None:
        original = getattr(module, name)

        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[stage] += time.perf_counter() - started

        setattr(module, name, wrapper)

    timed(intake, "fetch_url", "fetch")
    timed(intake, "_extract", "extract")
    timed(splitting, "claims_split", "split + score")
    timed(intake, "article_import_split", "import")  # includes the split; subtracted below
    timed(jobs, "match_summary", "match")
    timed(jobs, "job_item_run", "total")
    job = jobs.job_create_url_import(
        actor=SYSTEM, urls=[f"{base}/sample/{time.time()}/{n}" for n in range(sample)], defer=True
    )
    for item in job.items.all():
        jobs.job_item_run(item_id=item.pk, url_sha256=item.url_sha256)
    spent["import"] -= spent["split + score"]
    spent["other (locks, records, fetch record)"] = spent.pop("total") - sum(spent.values())
    return dict(spent)


def run(base: str, workers: int, pages: int, env: dict[str, str], log) -> dict[str, float]:
    from annotations.models import Article, Claim, Job
    from annotations.services import SYSTEM
    from annotations.services.jobs import MAX_JOB_URLS, job_create_url_import
    from factcheck.celery import worker_command

    process = subprocess.Popen(
        worker_command(concurrency=workers, loglevel="WARNING"),
        cwd=ROOT,
        env=env,
        # The worker's banner and warnings go to a log in the temporary folder, not the table.
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        time.sleep(8)  # the worker's start-up is not ingest
        # A run's own paths, hence texts: nothing is a duplicate of an earlier run's page.
        run_id = time.strftime("%Y%m%d%H%M%S")
        urls = [f"{base}/{run_id}/w{workers}/{n}" for n in range(pages)]
        before = Claim.objects.count()
        articles_before = Article.objects.count()
        cpu_before = cpu.snapshot()
        started = time.perf_counter()
        job_ids = [
            job_create_url_import(actor=SYSTEM, urls=urls[i : i + MAX_JOB_URLS]).pk
            for i in range(0, pages, MAX_JOB_URLS)
        ]
        while True:
            jobs = list(Job.objects.filter(pk__in=job_ids).values("done", "failed", "total"))
            finished = sum(j["done"] + j["failed"] for j in jobs)
            if finished >= pages:
                break
            time.sleep(0.5)
        elapsed = time.perf_counter() - started
        cpu_spent = cpu.spent_since(cpu_before)
        failed = sum(j["failed"] for j in jobs)
        claims = Claim.objects.count() - before
        articles = Article.objects.count() - articles_before
    finally:
        process.terminate()
        process.wait(timeout=60)
    return {
        "workers": workers,
        "pages": pages,
        "failed": failed,
        "seconds": elapsed,
        "articles_per_s": articles / elapsed,
        "claims_per_s": claims / elapsed,
        # CPU milliseconds per page: workers, database, cache, this benchmark (pages, polling).
        "cpu_ms": {
            group: 1000 * cpu_spent.get(group, 0.0) / pages
            for group in ("workers", "database", "cache", "bench", "other")
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--sample", type=int, default=30, help="Pages timed stage by stage.")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/8")
    arguments = parser.parse_args()

    database_url = arguments.database_url or (
        f"sqlite:///{tempfile.mkdtemp(prefix='ingest-bench-')}/bench.sqlite3"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
        # Workers run as in production: with DEBUG on, Django would also keep every query.
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "ingest-bench-only-" + "x" * 50),
        "ALLOWED_HOSTS": os.environ.get("ALLOWED_HOSTS", "localhost"),
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": arguments.broker,
        "FACTCHECK_FETCH_ALLOW_PRIVATE": "1",
        "LOG_LEVEL": "WARNING",
        "FACTCHECK_LOG_FORMAT": "text",
    }
    os.environ.update(env)
    prepare_database(database_url)
    import redis

    redis.Redis.from_url(arguments.broker).flushdb()

    ports = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(ports,), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{ports.get()}"

    import django

    django.setup()
    print(
        f"machine: {platform.node()} ({os.cpu_count()} cores), Python {platform.python_version()}"
    )
    print(f"database: {database_url.split('://')[0]}, broker: {arguments.broker.split('://')[0]}")
    # Stage shares: the sample runs here, eagerly, one page after the other.
    from django.conf import settings

    settings.CELERY_TASK_ALWAYS_EAGER = True
    spent = stage_profile(base, arguments.sample)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    total = sum(spent.values())
    print(f"\nstage shares over {arguments.sample} pages in one process ({total:.2f} s):")
    for stage, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        per_page = 1000 * seconds / arguments.sample
        print(f"  {stage:<38} {seconds / total:6.1%}  {per_page:7.1f} ms/page")
    print("\n| worker processes | pages | failed | seconds | articles/s | claims/s |")
    print("|---|---|---|---|---|---|")
    for workers in arguments.workers:
        with open(Path(tempfile.gettempdir()) / f"ingest-worker-{workers}.log", "w") as log:
            result = run(base, workers, arguments.pages, env, log)
        print(
            f"| {result['workers']} | {result['pages']} | {result['failed']} | "
            f"{result['seconds']:.1f} | {result['articles_per_s']:.1f} | "
            f"{result['claims_per_s']:.1f} |",
            flush=True,
        )
        cpu_ms = ", ".join(f"{group} {ms:.1f}" for group, ms in result["cpu_ms"].items())
        print(f"  CPU ms per page: {cpu_ms}", flush=True)
    server.terminate()


if __name__ == "__main__":
    main()
