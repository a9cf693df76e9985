"""A small web site on 127.0.0.1 for the intake tests: pages and feeds, with ETag support.

Each route answers a body with a content type; a route with an ETag answers 304 to a request
carrying it in If-None-Match. Requests are recorded, so tests can see what was sent.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str = ""
    last_modified: str = ""
    # Seconds the first answer waits before it is sent (a slow page, to kill a worker mid-task).
    delay_first: float = 0
    served: int = 0


@dataclass
class Site:
    """The routes being served and the requests seen (path and headers)."""

    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def page(self, path: str, title: str, paragraphs: list[str]) -> str:
        """Serve an article page at `path`; return its URL."""
        body = "".join(f"<p>{text}</p>" for text in paragraphs)
        html = (
            f'<!doctype html><html lang="en"><head><title>{title}</title></head>'
            f"<body><article><h1>{title}</h1>{body}</article></body></html>"
        )
        self.routes[path] = Route(html.encode("utf-8"))
        return self.url(path)

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for seen, headers in self.requests if seen == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {key.lower(): value for key, value in self.headers.items()}
            site.requests.append((self.path, headers))
            route = site.routes.get(self.path)
            if route is None:
                self._send(404, b"not found", "text/plain")
                return
            route.served += 1
            if route.delay_first and route.served == 1:
                time.sleep(route.delay_first)
            if route.etag and headers.get("if-none-match") == route.etag:
                self._send(304, b"", "", etag=route.etag)
                return
            self._send(
                route.status, route.body, route.content_type, route.etag, route.last_modified
            )

        def _send(
            self, status: int, body: bytes, content_type: str, etag: str = "", modified: str = ""
        ) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            if etag:
                self.send_header("ETag", etag)
            if modified:
                self.send_header("Last-Modified", modified)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    return Handler


def serve() -> tuple[Site, ThreadingHTTPServer]:
    """Start the site on a free port in a background thread; stop it with `.shutdown()`."""
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return site, server


PARAGRAPHS = [
    "The city council said on Monday that bus ridership rose 12 percent in 2025.",
    "Officials claimed the new fare system saved 4 million euros in its first year.",
    "Critics said the figures were not independently checked.",
]


def rss(items: list[tuple[str, str, str]], *, title: str = "Desk feed") -> bytes:
    """Return an RSS 2.0 document with (guid, link, title) items."""
    entries = "".join(
        f"<item><guid isPermaLink='false'>{guid}</guid><link>{link}</link>"
        f"<title>{name}</title></item>"
        for guid, link, name in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{title}</title><link>http://127.0.0.1/</link>{entries}</channel></rss>"
    ).encode()
