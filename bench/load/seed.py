"""Fill a scratch PostgreSQL database with the web load test's data set, fast.

    .venv/bin/python bench/load/seed.py [--fresh] \
        [--database-url postgres://postgres@127.0.0.1:5432/factcheck_load]

Creates the database named in the URL when it is missing (dropped and re-created with
--fresh), migrates it and fills it with 10,000 articles of 100 sentences each and one claim per
sentence (1,000,000 claims, every span matching the text exactly), in a mix of statuses: 70%
candidates, 8% dismissed, 10% in research (half with evidence and a proposed verdict), 5% in
review, 3% approved and 4% published, the last three with evidence, a verdict and their review
events. Then it makes the people: 50 annotators for the load test (`load-annotator-01` ...),
researchers, reviewers and an editor, all with the password `load-test-only`, and gives each
load annotator an API token; the tokens are written to --tokens-file (default
/tmp/factcheck_load_tokens.txt), one "username key" line each, and the first one is printed.

Rows are written with PostgreSQL's COPY, not through the services, which check, lock and
write history one claim at a time (hours for a million claims). The data obeys the same rules
(spans equal the text, context from `anchoring.context_for`, the statuses with the evidence,
verdicts and events the workflow would have left) and the database checks every constraint
on the way in; only the seeded rows' field history is missing, which no request of the load
test reads. The people and tokens are made through the services, as in production. Rerunning
without --fresh keeps the data and issues new tokens.
"""

import argparse
import datetime
import io
import json
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/factcheck_load"
PASSWORD = "load-test-only"  # a scratch database's accounts, printed on purpose
LOAD_USERS = 50
ARTICLES = 10_000
CLAIMS_PER_ARTICLE = 100
SENTENCES_PER_PARAGRAPH = 10
ARTICLES_PER_BATCH = 250

# Share of claims per status, in 1,000ths (the rest are candidates).
STATUS_SHARES = (
    ("dismissed", 80),
    ("researching", 100),
    ("in_review", 50),
    ("approved", 30),
    ("published", 40),
)
# The review events each status leaves behind, in order: action, from, to.
STEPS = {
    "dismissed": [("dismiss", "candidate", "dismissed")],
    "researching": [("start", "candidate", "researching")],
    "in_review": [
        ("start", "candidate", "researching"),
        ("submit", "researching", "in_review"),
    ],
    "approved": [
        ("start", "candidate", "researching"),
        ("submit", "researching", "in_review"),
        ("approve", "in_review", "approved"),
    ],
    "published": [
        ("start", "candidate", "researching"),
        ("submit", "researching", "in_review"),
        ("approve", "in_review", "approved"),
        ("publish", "approved", "published"),
    ],
}
REVIEWED = {"in_review", "approved", "published"}

PLACES = (
    "Riverton",
    "Lakeside",
    "the capital",
    "the northern region",
    "Port Ellis",
    "the coastal district",
    "Greenfield",
    "the eastern province",
)
THINGS = ("education", "health", "housing", "defence", "transport", "water", "energy", "police")
PEOPLE = (
    "The finance minister",
    "The health minister",
    "The opposition leader",
    "The mayor",
    "A government spokesperson",
    "The union's president",
    "The central bank governor",
    "The party's candidate",
)
TEMPLATES = (
    "{person} said the {thing} budget rose {pct} percent in {year}.",
    "Ridership on the {place} metro fell to {n},000 passengers a day in {year}.",
    "The {place} hospital treated {n},000 patients last year, {pct} percent more than in {year}.",
    "{person} claimed that taxes on {thing} have doubled since {year}.",
    "Unemployment in {place} stands at {pct} percent, the lowest since {year}.",
    "{person} said {n} new schools were opened in {place} in {year}.",
    "Crime in {place} dropped by {pct} percent in {year}, according to {person_lower}.",
    "The government spent {n} million on {thing} in {year}, {person_lower} told reporters.",
    "Waiting times at the {place} hospital grew by {pct} percent between {year} and 2024.",
    "{person} promised to cut {thing} taxes by {pct} percent before {year}.",
    "Bus ridership in {place} recovered to {pct} percent of its {year} level.",
    "Prices of {thing} rose {pct} percent in {year}, the statistics office said.",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--fresh", action="store_true", help="Drop and re-create the database.")
    parser.add_argument("--articles", type=int, default=ARTICLES)
    parser.add_argument("--tokens-file", default="/tmp/factcheck_load_tokens.txt")
    args = parser.parse_args()

    started = time.perf_counter()
    _ensure_database(args.database_url, fresh=args.fresh)
    _setup_django(args.database_url)
    from django.core.management import call_command

    print("migrating ...", flush=True)
    call_command("migrate", verbosity=0)
    people = _people()
    from annotations.models import Article

    if Article.objects.exists():
        print(f"{Article.objects.count():,} articles already there; keeping them (--fresh drops)")
    else:
        _fill(args.articles, people)
    keys = _tokens(people["load"])
    Path(args.tokens_file).write_text(
        "".join(f"{user.username} {key}\n" for user, key in zip(people["load"], keys, strict=True))
    )
    os.chmod(args.tokens_file, 0o600)
    print(f"seeded in {time.perf_counter() - started:.0f} s")
    print(f"{len(keys)} annotator tokens in {args.tokens_file}; the first annotator's:")
    print(f"FACTCHECK_LOAD_TOKEN={keys[0]}")


def _ensure_database(url: str, *, fresh: bool) -> None:
    from bench.scratch_database import ensure_scratch_database

    name = urlsplit(url).path.lstrip("/")
    if not name or name.startswith("test") or name == "postgres":
        sys.exit(f"Use a scratch database for the load test, not {name!r}.")
    ensure_scratch_database(url, name, fresh=fresh)


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "load-test-only-secret-key-" + "x" * 40)
    os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1")
    import django

    django.setup()


def _people() -> dict:
    """Return the load annotators and the desk's researchers, reviewers and editor, made once."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from annotations.permissions import ANNOTATOR, EDITOR, REVIEWER

    User = get_user_model()
    password = make_password(PASSWORD)  # hashed once: hashing is slow on purpose
    wanted = [(f"load-annotator-{n:02}", ANNOTATOR) for n in range(1, LOAD_USERS + 1)]
    wanted += [(f"desk-researcher-{n}", ANNOTATOR) for n in range(1, 6)]
    wanted += [(f"desk-reviewer-{n}", REVIEWER) for n in range(1, 4)]
    wanted += [("desk-editor", EDITOR)]
    users = {}
    for username, role in wanted:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "password": password,
                "is_staff": role == EDITOR,
            },
        )
        if created:
            user.groups.add(Group.objects.get(name=role))
        users[username] = user
    return {
        "load": [users[f"load-annotator-{n:02}"] for n in range(1, LOAD_USERS + 1)],
        "researchers": [users[f"desk-researcher-{n}"] for n in range(1, 6)],
        "reviewers": [users[f"desk-reviewer-{n}"] for n in range(1, 4)],
        "editor": users["desk-editor"],
    }


def _tokens(users: list) -> list[str]:
    """Return a fresh API token key for each user, their earlier tokens revoked."""
    from annotations.services.auth import api_token_create, api_tokens_revoke_all

    keys = []
    for user in users:
        api_tokens_revoke_all(user=user, reason="a new load test run", actor=user)
        _token, key = api_token_create(user=user, name="web load test", days=7)
        keys.append(key)
    return keys


def _fill(articles: int, people: dict) -> None:
    """Write the articles, claims, sources, evidence, verdicts and events with COPY."""
    from django.db import connection

    from annotations.models import Article, Claim, Evidence, Rating, ReviewEvent, Source, Verdict

    ratings = list(
        Rating.objects.filter(scale__is_default=True, value__isnull=False).values_list(
            "pk", flat=True
        )
    )
    now = datetime.datetime.now(datetime.UTC)
    claim_indexes = _drop_indexes(Claim._meta.db_table)
    started = time.perf_counter()
    counts = dict.fromkeys(("articles", "claims", "sources", "evidence", "verdicts", "events"), 0)
    event_id = 0
    with connection.cursor() as cursor:
        for first in range(1, articles + 1, ARTICLES_PER_BATCH):
            batch = range(first, min(first + ARTICLES_PER_BATCH, articles + 1))
            rows = _batch_rows(batch, people, ratings, now, event_id)
            event_id += len(rows["events"])
            for model, key in (
                (Article, "articles"),
                (Source, "sources"),
                (Claim, "claims"),
                (ReviewEvent, "events"),
                (Evidence, "evidence"),
                (Verdict, "verdicts"),
            ):
                _copy(cursor, model, rows[key], now)
                counts[key] += len(rows[key])
            elapsed = time.perf_counter() - started
            print(
                f"  {counts['articles']:>6,} articles  {counts['claims']:>9,} claims  "
                f"{elapsed:5.0f} s  ({counts['claims'] / elapsed:,.0f} claims/s)",
                flush=True,
            )
        print("indexing the claims ...", flush=True)
        index_started = time.perf_counter()
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for statement in claim_indexes:
            cursor.execute(statement)
        print(f"  indexes rebuilt in {time.perf_counter() - index_started:.0f} s", flush=True)
        for model in (Article, Source, Claim, ReviewEvent, Evidence, Verdict):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
        cursor.execute("ANALYZE")  # what autovacuum would do on a real database
    print(
        "filled: "
        + ", ".join(f"{value:,} {key}" for key, value in counts.items())
        + f" in {time.perf_counter() - started:.0f} s",
        flush=True,
    )


def _drop_indexes(table: str) -> list[str]:
    """Drop the table's plain indexes (not its keys or unique constraints); return their DDL."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.tablename = %s AND NOT EXISTS (
                SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname
            )
            """,
            [table],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in found]


def _status_for(rng: random.Random) -> str:
    draw = rng.randrange(1000)
    for status, share in STATUS_SHARES:
        if draw < share:
            return status
        draw -= share
    return "candidate"


def _sentence(rng: random.Random) -> str:
    person = rng.choice(PEOPLE)
    return rng.choice(TEMPLATES).format(
        person=person,
        person_lower=person[0].lower() + person[1:],
        thing=rng.choice(THINGS),
        place=rng.choice(PLACES),
        pct=f"{rng.randrange(1, 60)}.{rng.randrange(10)}",
        n=rng.randrange(2, 900),
        year=rng.randrange(1995, 2024),
    )


def _batch_rows(batch: range, people: dict, ratings: list, now, event_id: int) -> dict:
    """Return the rows of a batch of articles, as dicts of attribute name to value."""
    from annotations.anchoring import context_for
    from annotations.services.evidence import normalize_url
    from annotations.splitting.normalize import text_sha256

    rows = {key: [] for key in ("articles", "sources", "claims", "events", "evidence", "verdicts")}
    researchers, reviewers = people["researchers"], people["reviewers"]
    for article_id in batch:
        rng = random.Random(article_id)
        sentences = [_sentence(rng) for _ in range(CLAIMS_PER_ARTICLE)]
        spans, parts, position = [], [], 0
        for index, sentence in enumerate(sentences):
            if index:
                gap = "\n\n" if index % SENTENCES_PER_PARAGRAPH == 0 else " "
                parts.append(gap)
                position += len(gap)
            parts.append(sentence)
            spans.append((position, position + len(sentence)))
            position += len(sentence)
        text = "".join(parts)
        published = datetime.date(2024, 1, 1) + datetime.timedelta(days=article_id % 700)
        created = now - datetime.timedelta(minutes=articles_minutes(article_id))
        rows["articles"].append(
            {
                "id": article_id,
                "title": f"{rng.choice(THINGS).capitalize()} in {rng.choice(PLACES)}: report "
                f"{article_id}",
                "url": f"https://news.example.org/load/{article_id}",
                "publisher": "Load Wire",
                "language": "en",
                "published_at": published,
                "text": text,
                "original": text,
                "text_sha256": text_sha256(text),
                "created_by_id": rng.choice(researchers).pk,
                "created_at": created,
                "updated_at": created,
            }
        )
        source_id = article_id
        rows["sources"].append(
            {
                "id": source_id,
                "url": f"https://stats.example.gov/load/{article_id}",
                "normalized_url": normalize_url(f"https://stats.example.gov/load/{article_id}"),
                "title": f"Statistics behind report {article_id}",
                "kind": "dataset",
                "created_at": created,
                "updated_at": created,
            }
        )
        for index, (start, end) in enumerate(spans):
            claim_id = (article_id - 1) * CLAIMS_PER_ARTICLE + index + 1
            status = _status_for(rng)
            researcher = rng.choice(researchers)
            reviewer = rng.choice(reviewers)
            changed = now - datetime.timedelta(minutes=rng.randrange(60, 365 * 24 * 60))
            prefix, suffix = context_for(text, start, end)
            quote = text[start:end]
            claim = {
                "id": claim_id,
                "article_id": article_id,
                "start": start,
                "end": end,
                "quote": quote,
                "prefix": prefix,
                "suffix": suffix,
                "claim_text": quote,
                "claimant": quote.split(" said", 1)[0] if " said" in quote else "",
                "checkworthiness": round(rng.random(), 3),
                "reasons": ["number"] if any(c.isdigit() for c in quote) else [],
                "origin": "auto",
                "status": status,
                "created_at": created,
                "updated_at": changed if status != "candidate" else created,
            }
            if status == "researching":
                claim["assignee_id"] = researcher.pk
            if status in REVIEWED:
                claim["researcher_id"] = researcher.pk
            if status == "published":
                claim["published_at"] = changed
            rows["claims"].append(claim)
            at = changed - datetime.timedelta(minutes=len(STEPS.get(status, ())))
            for action, old, new in STEPS.get(status, ()):
                event_id += 1
                at += datetime.timedelta(minutes=1)
                actor = researcher if action in ("start", "submit") else reviewer
                rows["events"].append(
                    {
                        "id": event_id,
                        "claim_id": claim_id,
                        "actor_id": actor.pk,
                        "action": action,
                        "from_status": old,
                        "to_status": new,
                        "at": at,
                    }
                )
            researched = status in REVIEWED or (status == "researching" and rng.random() < 0.5)
            if researched:
                rows["evidence"].append(
                    {
                        "id": claim_id,
                        "claim_id": claim_id,
                        "source_id": source_id,
                        "stance": rng.choice(("supports", "refutes", "context")),
                        "excerpt": "The figures in table 3 of the report.",
                        "added_by_id": researcher.pk,
                        "created_at": changed,
                        "updated_at": changed,
                    }
                )
                final = status in ("approved", "published")
                rows["verdicts"].append(
                    {
                        "id": claim_id,
                        "claim_id": claim_id,
                        "rating_id": rng.choice(ratings),
                        "explanation": "Checked against the statistics office's report.",
                        "role": "proposal",
                        "author_id": researcher.pk,
                        "is_final": final,
                        "approved_by_id": reviewer.pk if final else None,
                        "approved_at": changed if final else None,
                        "created_at": changed,
                        "updated_at": changed,
                    }
                )
    return rows


def articles_minutes(article_id: int) -> int:
    """Return how many minutes before now the article was imported (newest last)."""
    return (ARTICLES - article_id) * 7 + 60


def _copy(cursor, model, rows: list[dict], now) -> None:
    """COPY the rows into the model's table; unset fields take the model's defaults."""
    if not rows:
        return
    fields = [field for field in model._meta.concrete_fields]
    columns = ", ".join(f'"{field.column}"' for field in fields)
    defaults = {}
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            defaults[field.attname] = now
        elif field.has_default():
            defaults[field.attname] = field.get_default()
        else:
            defaults[field.attname] = "" if field.empty_strings_allowed and not field.null else None
    buffer = io.StringIO()
    names = [field.attname for field in fields]
    json_fields = {field.attname for field in fields if field.get_internal_type() == "JSONField"}
    for row in rows:
        values = []
        for name in names:
            value = row.get(name, defaults[name])
            if name in json_fields:
                value = json.dumps(value)
            values.append(_copy_text(value))
        buffer.write("\t".join(values) + "\n")
    with cursor.cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
        copy.write(buffer.getvalue())


def _copy_text(value) -> str:
    """Return the value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    text = str(value)
    if any(c in text for c in "\\\t\n\r"):
        text = (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return text


if __name__ == "__main__":
    main()
