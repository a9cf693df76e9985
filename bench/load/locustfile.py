"""Web load test: 70% reads, 25% writes, 5% exports against a running server (locust).

    bench/load/run.sh                  # seeded database, gunicorn, the mix and the ratio runs

or by hand, against a server holding the data set of bench/load/seed.py:

    FACTCHECK_LOAD_TOKENS=/tmp/factcheck_load_tokens.txt \
        locust -f bench/load/locustfile.py --host http://127.0.0.1:8765 \
        --users 50 --spawn-rate 10 --run-time 5m --headless --csv /tmp/load Desk

`Desk` is the issue's mix. Each simulated person is one of the seeded annotators
(`load-annotator-01` ...): its API token comes from the tokens file (one "username key" line per
annotator, written by the seed) and it signs in to the pages with the seed's password, so the
per-person request limits apply as they would to fifty people. Each waits 0.5 to 2 seconds
(uniform) between requests. Per 100 requests:

- reads (70): the article page (HTML, 100 claims), an article from the API, a claims search
  (full text), one article's candidates from the claims list, a claim's detail: 14 each;
- writes (25): marking a new claim on the last article read (7), starting research on one of
  its candidates (6), citing a new source for a claim in one's research (6) and proposing its
  verdict (6);
- exports (5): JSON Lines of one article's published claims, or of those changed in the last
  seven days (an integrator's incremental pull).

Request names start with their group ("read:", "write:", "export:"); bench/load/summary.py
adds them up. `ClaimsList` and `Bare` are the ratio runs: no pause between requests, the claims
list's first page and the bare DRF endpoint of bench/load/urls.py, one run after the other.
Signing in ("setup: sign in") is each person's first request and is not part of the mix. With
FACTCHECK_LOAD_TOKEN (one key, and FACTCHECK_LOAD_USERNAME to sign in) everyone shares one
account, and without a username the article page is skipped.
"""

import datetime
import itertools
import os
import random
import re
from pathlib import Path

from locust import FastHttpUser, HttpUser, between, constant, events, task

TOKENS_FILE = os.environ.get("FACTCHECK_LOAD_TOKENS", "/tmp/factcheck_load_tokens.txt")
PASSWORD = os.environ.get("FACTCHECK_LOAD_PASSWORD", "load-test-only")
ARTICLES = int(os.environ.get("FACTCHECK_LOAD_ARTICLES", "10000"))
CLAIMS = ARTICLES * int(os.environ.get("FACTCHECK_LOAD_CLAIMS_PER_ARTICLE", "100"))
SEARCH_WORDS = ("budget", "ridership", "hospital", "taxes", "minister", "unemployment", "schools")
SENTENCE = re.compile(r"[^.\n]+\.")


def _accounts() -> list[tuple[str, str]]:
    """Return (username, token key) per seeded annotator, or the one FACTCHECK_LOAD_TOKEN."""
    if os.environ.get("FACTCHECK_LOAD_TOKEN"):
        return [(os.environ.get("FACTCHECK_LOAD_USERNAME", ""), os.environ["FACTCHECK_LOAD_TOKEN"])]
    lines = Path(TOKENS_FILE).read_text().split()
    return list(zip(lines[0::2], lines[1::2], strict=True))


ACCOUNTS = _accounts()
_next_account = itertools.count()
# Every request as (seconds since the epoch at its start, name, milliseconds, HTTP status), written
# to FACTCHECK_LOAD_RECORD when locust stops: bench/load/summary.py groups them exactly.
RECORD = os.environ.get("FACTCHECK_LOAD_RECORD", "")
_requests: list[tuple[float, str, float, int]] = []


@events.request.add_listener
def _record(name: str, response_time: float, response=None, start_time=None, **_kw) -> None:
    status = getattr(response, "status_code", 0) or 0
    _requests.append((start_time or 0.0, name, response_time, status))


@events.quitting.add_listener
def _write_record(**_kw) -> None:
    if RECORD:
        lines = (f"{at:.3f}\t{name}\t{ms:.1f}\t{status}\n" for at, name, ms, status in _requests)
        Path(RECORD).write_text("".join(lines))


class Desk(HttpUser):
    """A fact-checker: reads pages and the API, marks and researches claims, exports."""

    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        self.username, key = ACCOUNTS[next(_next_account) % len(ACCOUNTS)]
        self.client.headers["Authorization"] = f"Token {key}"
        self.article: tuple[int, str] | None = None
        self.candidates: list[int] = []
        # Claims this person is researching: id -> the version last seen.
        self.mine: dict[int, int] = {}
        self.sources = itertools.count(1)
        self._sign_in()
        scales = self.client.get("/api/v1/rating-scales/", name="setup: rating scales").json()
        self.ratings = [
            rating["id"]
            for scale in (scales["results"] if isinstance(scales, dict) else scales)
            if scale["is_default"]
            for rating in scale["ratings"]
            if rating["value"] is not None
        ]
        self.article_api()
        self.claims_list()

    def _sign_in(self) -> None:
        if not self.username:
            return
        self.client.get("/accounts/login/", name="setup: sign in")
        self.client.post(
            "/accounts/login/",
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="setup: sign in",
        )

    # Reads: 70 of every 100 requests.
    @task(14)
    def article_page(self) -> None:
        if self.username:
            article = random.randint(1, ARTICLES)
            self.client.get(f"/articles/{article}/", name="read: article page")

    @task(14)
    def article_api(self) -> None:
        article = random.randint(1, ARTICLES)
        response = self.client.get(f"/api/v1/articles/{article}/", name="read: article API")
        if response.ok:
            self.article = (article, response.json()["text"])

    @task(14)
    def claims_search(self) -> None:
        words = " ".join(random.sample(SEARCH_WORDS, random.choice((1, 2))))
        self.client.get("/api/v1/claims/", params={"search": words}, name="read: claims search")

    @task(14)
    def claims_list(self) -> None:
        article = random.randint(1, ARTICLES)
        response = self.client.get(
            f"/api/v1/claims/?article={article}&status=candidate", name="read: claims list"
        )
        if response.ok:
            self.candidates = [claim["id"] for claim in response.json()["results"]]

    @task(14)
    def claim_detail(self) -> None:
        claim = random.choice(list(self.mine)) if self.mine else random.randint(1, CLAIMS)
        response = self.client.get(f"/api/v1/claims/{claim}/", name="read: claim detail")
        if response.ok and claim in self.mine:
            self.mine[claim] = response.json()["version"]

    # Writes: 25 of every 100.
    @task(7)
    def mark(self) -> None:
        """Mark a few words of a sentence of the last article read as a new claim."""
        if self.article is None:
            return
        article, text = self.article
        sentence = random.choice(list(SENTENCE.finditer(text)))
        words = [m.span() for m in re.finditer(r"\S+", sentence.group())]
        first = random.randrange(len(words) - 1)
        last = random.randrange(first + 1, len(words))
        if (first, last) == (0, len(words) - 1):
            first = 1  # the whole sentence is a seeded claim already: the same span is refused
        start = sentence.start() + words[first][0]
        end = sentence.start() + words[last][1]
        self.client.post(
            "/api/v1/claims/",
            json={"article": article, "start": start, "end": end, "quote": text[start:end]},
            name="write: mark",
        )

    @task(6)
    def start_research(self) -> None:
        if not self.candidates:
            self.mark()  # a write all the same, so the mix keeps its share of writes
            return
        claim = self.candidates.pop(random.randrange(len(self.candidates)))
        response = self.client.post(
            f"/api/v1/claims/{claim}/transitions/",
            json={"action": "start", "expected_status": "candidate"},
            name="write: start research",
        )
        if response.ok:
            self.mine[claim] = response.json()["version"]
            if len(self.mine) > 20:
                del self.mine[next(iter(self.mine))]

    def _claim_in_research(self) -> int | None:
        """Return one of this user's claims in research, else start research on one instead."""
        if not self.mine:
            self.start_research()  # a write all the same, so the mix keeps its share of writes
            return None
        return random.choice(list(self.mine))

    @task(6)
    def evidence(self) -> None:
        claim = self._claim_in_research()
        if claim is None:
            return
        url = f"https://stats.example.org/{self.username}/{next(self.sources)}"
        self.client.post(
            f"/api/v1/claims/{claim}/evidence/",
            json={"url": url, "title": "Annual statistics", "stance": "context"},
            name="write: evidence",
        )

    @task(6)
    def verdict(self) -> None:
        claim = self._claim_in_research()
        if claim is None:
            return
        response = self.client.post(
            f"/api/v1/claims/{claim}/verdicts/",
            json={
                "rating": random.choice(self.ratings),
                "explanation": "The statistics office's figures say otherwise.",
                "expected_version": self.mine[claim],
            },
            name="write: verdict",
        )
        if response.ok:
            self.mine[claim] += 1  # every saved proposal bumps the claim's version

    # Exports: 5 of every 100.
    @task(5)
    def export(self) -> None:
        if random.random() < 0.5:
            params = {"format": "jsonl", "article": random.randint(1, ARTICLES)}
        else:
            week_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=7)
            params = {"format": "jsonl", "since": week_ago.isoformat(timespec="seconds")}
        self.client.get("/api/v1/exports/claims/", params=params, name="export: claims jsonl")


class _Ratio(FastHttpUser):
    """One endpoint as fast as it answers (the lighter client leaves the server more CPU)."""

    abstract = True
    wait_time = constant(0)

    def on_start(self) -> None:
        _username, key = ACCOUNTS[next(_next_account) % len(ACCOUNTS)]
        self.headers = {"Authorization": f"Token {key}"}


class ClaimsList(_Ratio):
    """The claims list API's first page (50 claims)."""

    @task
    def claims_list(self) -> None:
        self.client.get("/api/v1/claims/", headers=self.headers, name="ratio: claims list")


class Bare(_Ratio):
    """The bare DRF endpoint: the same authentication, permissions and throttles, no work."""

    @task
    def bare(self) -> None:
        self.client.get("/bench/bare/", headers=self.headers, name="ratio: bare DRF")
