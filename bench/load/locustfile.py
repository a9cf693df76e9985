"""Web load test: 70% reads, 25% writes, 5% exports against a running server (locust).

    pip install locust
    FACTCHECK_LOAD_TOKEN=<an annotator's API token> \
        locust -f bench/load/locustfile.py --host https://checks.example.org \
        --users 50 --spawn-rate 10 --run-time 5m --headless --csv /tmp/load

The server should hold the issue's data set (10,000 articles, 1,000,000 claims: `python
manage.py load_demo` is far smaller; generate with your own loader). The token's account needs
the annotator role: writes mark claims, add evidence and start research. Read the p95 and the
failures (any 5xx) from locust's report; compare the claims list with `/healthz` (no ORM work)
for the framework's own ceiling on the same server.
"""

import os
import random

from locust import HttpUser, between, task

TOKEN = os.environ.get("FACTCHECK_LOAD_TOKEN", "")
# Ids to draw from; narrow them to the loaded data set.
ARTICLE_IDS = range(1, int(os.environ.get("FACTCHECK_LOAD_ARTICLES", "10000")) + 1)
SEARCH_WORDS = ("budget", "ridership", "hospital", "taxes", "minister", "2024", "percent")


class Desk(HttpUser):
    """A fact-checker: reads pages and the API, marks and researches claims, exports."""

    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        self.client.headers["Authorization"] = f"Token {TOKEN}"
        self.claims: list[int] = []

    # Reads: 70 of every 100 requests.
    @task(20)
    def article_api(self) -> None:
        article = random.choice(ARTICLE_IDS)
        self.client.get(f"/api/v1/articles/{article}/", name="/api/v1/articles/{id}/")

    @task(20)
    def claims_search(self) -> None:
        word = random.choice(SEARCH_WORDS)
        response = self.client.get(f"/api/v1/claims/?search={word}", name="/api/v1/claims/?search")
        if response.ok:
            self.claims = [claim["id"] for claim in response.json().get("results", [])][:20]

    @task(15)
    def claims_list(self) -> None:
        self.client.get("/api/v1/claims/?status=candidate", name="/api/v1/claims/")

    @task(15)
    def claim_detail(self) -> None:
        if self.claims:
            claim = random.choice(self.claims)
            self.client.get(f"/api/v1/claims/{claim}/", name="/api/v1/claims/{id}/")

    # Writes: 25 of every 100.
    @task(10)
    def mark(self) -> None:
        article = random.choice(ARTICLE_IDS)
        text = self.client.get(f"/api/v1/articles/{article}/", name="/api/v1/articles/{id}/")
        if not text.ok:
            return
        body = text.json()["text"]
        end = body.find(".") + 1
        if end > 1:
            self.client.post(
                "/api/v1/claims/",
                json={"article": article, "start": 0, "end": end, "quote": body[:end]},
                name="/api/v1/claims/ (mark)",
            )

    @task(8)
    def evidence(self) -> None:
        source = "https://stats.example.org/{}"
        self._post_to_a_claim(
            "evidence", lambda claim: {"url": source.format(claim), "stance": "context"}
        )

    @task(7)
    def transition(self) -> None:
        self._post_to_a_claim("transitions", lambda claim: {"action": "start"})

    def _post_to_a_claim(self, resource: str, body) -> None:
        """Post `body(claim)` to `resource` of a claim the last search found, if it found any."""
        if self.claims:
            claim = random.choice(self.claims)
            self.client.post(
                f"/api/v1/claims/{claim}/{resource}/",
                json=body(claim),
                name=f"/api/v1/claims/{{id}}/{resource}/",
            )

    # Exports: 5 of every 100.
    @task(5)
    def export(self) -> None:
        self.client.get("/api/v1/exports/claims/?format=jsonl", name="/api/v1/exports/claims/")
