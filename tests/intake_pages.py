"""A web server on 127.0.0.1 for the URL import tests: any status, headers and body per path.

Unlike `tests.intake_site` (pages and feeds), each path here is answered by a function, so a
test can redirect, stream an endless body, stall, or send any content type.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Answer = tuple[int, dict[str, str], bytes | Iterator[bytes]]


class PageServer:
    """Answer each path with a function of the request path: (status, headers, body)."""

    def __init__(self) -> None:
        self.answers: dict[str, Callable[[], Answer]] = {}
        self.paths: list[str] = []
        self.user_agents: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.paths.append(self.path)
                server.user_agents.append(self.headers.get("User-Agent", ""))
                answer = server.answers.get(self.path)
                status, headers, body = (
                    answer() if answer else (404, {"Content-Type": "text/plain"}, b"gone")
                )
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if isinstance(body, bytes):
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for chunk in body:
                        self.wfile.write(chunk)
                except OSError:
                    pass  # the client stopped reading, as it should past the cap

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def html(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8"):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.answers[path] = lambda: (200, {"Content-Type": content_type}, data)
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        self.answers[path] = lambda: (status, {"Location": location}, b"")
        return self.url(path)


@contextmanager
def serving() -> Iterator[PageServer]:
    """Run a PageServer in a background thread while the block runs."""
    server = PageServer()
    threading.Thread(target=server.httpd.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


def loopback_connections_only(monkeypatch) -> None:
    """Make any connection beyond this machine fail the test, so a broken guard sends nothing."""
    connect = socket.create_connection

    def connect_locally(address, *args, **kwargs):
        host = address[0]
        assert ipaddress.ip_address(host).is_loopback, f"the test tried to connect to {host}"
        return connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", connect_locally)


# Names that only ever mean this machine, or a test (RFC 6761): the only ones tests resolve.
LOCAL_NAMES = ("localhost",)
LOCAL_SUFFIXES = (".localhost", ".test")


def local_lookups_only(monkeypatch) -> None:
    """Let the fetcher resolve only IP literals, localhost and `.test` names.

    So no test (a fuzzer posting random URLs to the API included) ever makes the fetcher ask a
    DNS server about, or connect to, a host on the internet or a neighbour's network.
    """
    from annotations.intake import ssrf

    real = ssrf.lookup

    def lookup(host: str, port: int) -> list[tuple]:
        name = host.strip("[]").lower().rstrip(".")
        try:
            ipaddress.ip_address(name)
        except ValueError:
            if (
                not _numeric_ipv4(name)
                and name not in LOCAL_NAMES
                and not name.endswith(LOCAL_SUFFIXES)
            ):
                raise socket.gaierror(socket.EAI_NONAME, "tests resolve no outside names") from None
        return real(host, port)

    monkeypatch.setattr(ssrf, "lookup", lookup)


def _numeric_ipv4(name: str) -> bool:
    """Return whether the resolver reads the name as an IPv4 address (2130706433, 127.1)."""
    try:
        socket.inet_aton(name)
    except OSError:
        return False
    return True
