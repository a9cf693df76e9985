"""An HTTP client for the security bench: one browser tab, threads at once, and tallies."""

import http.client
import json
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

PASSWORD = "a-long-scratch-password-7"


@dataclass
class Outcome:
    """One attack class: what was tried, how often, what came back, and whether that holds."""

    attack: str
    tries: int
    result: str
    held: bool


@dataclass
class Browser:
    """A tiny HTTP client that keeps cookies and the CSRF token, like one browser tab."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)

    def request(
        self, method: str, path: str, body: bytes | str | None = None, headers: dict | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        sent = {"Host": "127.0.0.1", **self.headers, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if isinstance(body, str):
            body = body.encode()
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
        except (ConnectionError, http.client.HTTPException) as error:
            return 0, {"error": str(error)}, b""
        finally:
            connection.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie_name, _, rest = value.partition("=")
                self.cookies[cookie_name.strip()] = rest.split(";", 1)[0]
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def get(self, path: str, **kwargs) -> tuple[int, dict[str, str], bytes]:
        return self.request("GET", path, **kwargs)

    def post_form(self, path: str, data: dict) -> tuple[int, dict[str, str], bytes]:
        if "csrftoken" not in self.cookies:
            self.get(path if path.endswith("/") else "/accounts/login/")
        payload = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
        return self.request(
            "POST",
            path,
            body=urlencode(payload, doseq=True),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

    def post_json(self, path: str, data: object, method: str = "POST"):
        return self.request(
            method, path, body=json.dumps(data), headers={"Content-Type": "application/json"}
        )

    def login(self, username: str, password: str = PASSWORD, page: str = "/accounts/login/"):
        self.get(page)
        return self.post_form(page, {"username": username, "password": password})


def all_at_once(calls: list[Callable[[], int]]) -> Counter:
    """Run the calls from threads released together and count what they return."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], int]) -> None:
        barrier.wait(timeout=30)
        try:
            results[index] = call()
        except Exception as error:  # an exception is an answer worth printing
            results[index] = type(error).__name__

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    return Counter(results)


def describe(counts: Counter) -> str:
    return ", ".join(f"{count} × {code}" for code, count in sorted(counts.items(), key=str))


def server_errors(counts: Counter) -> int:
    return sum(n for code, n in counts.items() if not isinstance(code, int) or code >= 500)
