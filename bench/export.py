"""Benchmark: stream the export of N published claims, beside PostgreSQL's own COPY.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/export.py

The server in DATABASE_URL is used, never its database: a scratch database
`factcheck_bench_export` is created (dropped and re-created with --fresh), migrated, and filled
with N published claims (default 100,000), each with a final verdict, one piece of evidence and
four review events. Then, in one run:

1. `export_stream(fmt)` for each format, written to /dev/null: claims per second, and the
   peak growth of the process's resident memory during the export (sampled every 5 ms);
2. `COPY (SELECT json_build_object(...) ...) TO STDOUT` of the same claims with their article,
   verdict, rating and scale, read by psycopg: rows per second.

The ratio of the two is printed: how close the export comes to the database's own speed.
"""

import argparse
import os
import platform
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCRATCH = "factcheck_bench_export"
CLAIMS_PER_ARTICLE = 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--fresh", action="store_true", help="Rebuild the scratch database.")
    parser.add_argument(
        "--formats", default="jsonl,json,claimreview,w3c", help="Comma-separated formats."
    )
    args = parser.parse_args()
    open_scratch_database(fresh=args.fresh)
    count = _fill(args.claims)

    print(
        f"machine: {platform.node()} · {platform.processor() or platform.machine()} · "
        f"{os.cpu_count()} cores · Python {platform.python_version()}"
    )
    print(f"published claims: {count:,}")
    _warm_up(args.formats.split(","))
    copy_rate = _copy_rate(count)
    print(f"PostgreSQL COPY (json_build_object)   {copy_rate:>10,.0f} rows/s")
    for fmt in args.formats.split(","):
        rate, growth = _export_rate(fmt, count)
        print(
            f"export_stream({fmt!r:<13})           {rate:>10,.0f} claims/s   "
            f"peak memory growth {growth / 2**20:6.1f} MB   ratio to COPY {rate / copy_rate:.2f}"
        )


def open_scratch_database(*, fresh: bool) -> None:
    """Set Django up on the scratch database of DATABASE_URL's server, created and migrated."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL server (postgres://...); its database is kept.")
    _ensure_database(url, fresh=fresh)
    os.environ["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path=f"/{SCRATCH}"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _ensure_database(url: str, *, fresh: bool) -> None:
    from bench.scratch_database import ensure_scratch_database

    ensure_scratch_database(url, SCRATCH, fresh=fresh)


def _fill(target: int) -> int:
    """Add published claims until there are `target`; return how many there are."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from annotations.models import (
        Article,
        Claim,
        ClaimStatus,
        Evidence,
        Rating,
        ReviewEvent,
        Source,
        Verdict,
    )
    from annotations.splitting.normalize import text_sha256

    have = Claim.objects.filter(status=ClaimStatus.PUBLISHED).count()
    if have >= target:
        return have
    started = time.perf_counter()
    User = get_user_model()
    researcher, _ = User.objects.get_or_create(username="bench-researcher")
    reviewer, _ = User.objects.get_or_create(username="bench-reviewer")
    ratings = list(Rating.objects.filter(scale__is_default=True).order_by("order"))
    now = timezone.now()
    articles_needed = -(-(target - have) // CLAIMS_PER_ARTICLE)
    offset = Article.objects.count()
    for batch_start in range(0, articles_needed, 50):
        batch = range(batch_start, min(batch_start + 50, articles_needed))
        articles = []
        for i in batch:
            n = offset + i
            sentences = [
                f"Officials in district {n} said spending rose "
                f"{s % 17 + 1}.{s % 10}% in {2000 + s}."
                for s in range(CLAIMS_PER_ARTICLE)
            ]
            text = " ".join(sentences)
            articles.append(
                Article(
                    title=f"Budget report {n}",
                    url=f"https://news.example.org/bench/{n}",
                    publisher="Bench Wire",
                    language="en",
                    text=text,
                    original=text,
                    text_sha256=text_sha256(text),
                )
            )
        Article.objects.bulk_create(articles)
        sources = Source.objects.bulk_create(
            [
                Source(
                    url=f"https://stats.example.gov/bench/{a.url.rsplit('/', 1)[1]}",
                    normalized_url=f"stats.example.gov/bench/{a.url.rsplit('/', 1)[1]}",
                    title=f"Statistics for {a.title}",
                    kind="dataset",
                )
                for a in articles
            ]
        )
        claims = []
        for article in articles:
            position = 0
            for sentence in article.text.split(" Officials"):
                quote = sentence if position == 0 else "Officials" + sentence
                start = article.text.index(quote, position)
                end = start + len(quote)
                position = end
                claims.append(
                    Claim(
                        article=article,
                        start=start,
                        end=end,
                        quote=quote,
                        prefix=article.text[max(0, start - 32) : start],
                        suffix=article.text[end : end + 32],
                        claim_text=quote,
                        claimant="District officials",
                        origin="auto",
                        checkworthiness=0.8,
                        reasons=["number", "attribution: said"],
                        status=ClaimStatus.PUBLISHED,
                        researcher=researcher,
                        published_at=now,
                    )
                )
        Claim.objects.bulk_create(claims, batch_size=2000)
        source_of = {article.pk: source for article, source in zip(articles, sources, strict=True)}
        Verdict.objects.bulk_create(
            [
                Verdict(
                    claim=claim,
                    rating=ratings[claim.start % len(ratings)],
                    explanation="Checked against the district's published accounts.",
                    role="proposal",
                    author=researcher,
                    is_final=True,
                    approved_by=reviewer,
                    approved_at=now,
                )
                for claim in claims
            ],
            batch_size=2000,
        )
        Evidence.objects.bulk_create(
            [
                Evidence(
                    claim=claim,
                    source=source_of[claim.article_id],
                    stance="supports",
                    excerpt="Spending rose as stated.",
                    added_by=researcher,
                )
                for claim in claims
            ],
            batch_size=2000,
        )
        steps = [
            ("start", "candidate", "researching", researcher),
            ("submit", "researching", "in_review", researcher),
            ("approve", "in_review", "approved", reviewer),
            ("publish", "approved", "published", reviewer),
        ]
        ReviewEvent.objects.bulk_create(
            [
                ReviewEvent(
                    claim=claim, actor=actor, action=action, from_status=old, to_status=new, at=now
                )
                for claim in claims
                for action, old, new, actor in steps
            ],
            batch_size=5000,
        )
        made = batch.stop * CLAIMS_PER_ARTICLE
        print(f"  generated {made:,} of {target - have:,} claims", end="\r", flush=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # what autovacuum would do on a real database
    print(f"generated data in {time.perf_counter() - started:.0f} s" + " " * 30)
    return Claim.objects.filter(status=ClaimStatus.PUBLISHED).count()


def _warm_up(formats: list[str]) -> None:
    """Import and resolve everything once, so memory growth measures the export alone."""
    from annotations.exports.stream import export_stream

    for fmt in formats:
        for _ in export_stream(fmt, chunk_size=10):
            break


def _rss() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _export_rate(fmt: str, count: int) -> tuple[float, int]:
    from django.db import connection

    from annotations.exports.stream import export_stream

    connection.close()  # a fresh connection, so the baseline holds no earlier result sets
    baseline = _rss()
    peak = baseline
    running = True

    def sample() -> None:
        nonlocal peak
        while running:
            peak = max(peak, _rss())
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for chunk in export_stream(fmt):
            sink.write(chunk)
    elapsed = time.perf_counter() - started
    running = False
    sampler.join()
    return count / elapsed, peak - baseline


COPY_SQL = """
COPY (
  SELECT json_build_object(
    'id', c.id,
    'article', json_build_object('id', a.id, 'url', a.url, 'title', a.title,
                                 'publisher', a.publisher, 'published_at', a.published_at,
                                 'text_sha256', a.text_sha256),
    'selector', json_build_object('start', c.start, 'end', c."end",
                                  'prefix', c.prefix, 'suffix', c.suffix),
    'quote', c.quote, 'claim_text', c.claim_text, 'claimant', c.claimant,
    'verdict', json_build_object('rating', r.slug, 'label', r.label, 'value', r.value,
                                 'best', s.best_rating, 'worst', s.worst_rating,
                                 'explanation', v.explanation, 'reviewed_at', v.approved_at),
    'published_at', c.published_at)
  FROM annotations_claim c
  JOIN annotations_article a ON a.id = c.article_id
  JOIN annotations_verdict v ON v.claim_id = c.id AND v.is_final
  JOIN annotations_rating r ON r.id = v.rating_id
  JOIN annotations_ratingscale s ON s.id = r.scale_id
  WHERE c.status = 'published'
  ORDER BY c.article_id, c.start, c."end", c.id
) TO STDOUT
"""


def _copy_rate(count: int) -> float:
    from django.db import connection

    connection.ensure_connection()
    started = time.perf_counter()
    rows = 0
    with connection.connection.cursor() as cursor, cursor.copy(COPY_SQL) as copy:
        for data in copy:
            rows += bytes(data).count(b"\n")
    elapsed = time.perf_counter() - started
    assert rows == count, (rows, count)
    return rows / elapsed


if __name__ == "__main__":
    main()
