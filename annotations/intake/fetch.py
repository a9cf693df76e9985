"""Fetch a web page for import: guarded, bounded, decoded.

`fetch_url` follows at most `MAX_REDIRECTS` redirects by hand, so the SSRF guard (`ssrf`)
checks every hop before it is connected to; reads at most `max_bytes()` of the body (streamed,
stopping beyond the cap, so a huge or endless page costs nothing more); accepts only HTML,
XHTML and plain text; and decodes the body by the charset of the header, else of the page's
`<meta>`, else as `charset-normalizer` detects it. Each process keeps one client per policy,
so a site's connections serve its next pages; each new connection is guarded as before.
"""

from __future__ import annotations

import codecs
import datetime
import functools
import hashlib
import os
import re
import ssl
import threading
import time
from dataclasses import dataclass, field
from email.message import Message
from http.cookiejar import CookieJar, DefaultCookiePolicy
from urllib.parse import urljoin

import httpcore
import httpx
from charset_normalizer import from_bytes
from django.conf import settings

from annotations.intake.ssrf import (
    AddressRefused,
    FetchError,
    FetchPolicy,
    GuardedBackend,
    check_url,
)

__all__ = ["AddressRefused", "FetchError", "FetchResult", "fetch_url"]

MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
# The page's own <meta charset> must appear early; browsers look at the first 1024 bytes.
_META_WINDOW = 4096
# Connections one process keeps per policy, and how long an idle one is kept.
_MAX_CONNECTIONS = 16
_KEEPALIVE_SECONDS = 5.0


@dataclass(frozen=True)
class FetchResult:
    """A fetched page: where it was asked for and found, how it came, and its decoded text."""

    requested_url: str
    final_url: str
    status: int
    content_type: str
    charset: str
    body_text: str
    content_sha256: str
    fetched_at: datetime.datetime
    redirects: list[str] = field(default_factory=list)
    # For conditional GET (feeds): the validators the server sent, to send back next time.
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        """Return whether the server said the page has not changed (304 to a conditional GET)."""
        return self.status == 304

    @property
    def is_html(self) -> bool:
        """Return whether the page is HTML or XHTML (else plain text)."""
        return self.content_type != "text/plain"


def max_bytes() -> int:
    """Return the size cap of a fetched page, in bytes."""
    return settings.FACTCHECK_FETCH_MAX_BYTES


def user_agent() -> str:
    """Return the User-Agent that fetches announce: the project's name and where to learn more."""
    return settings.FACTCHECK_FETCH_USER_AGENT


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    # Loading the CA bundle is most of a client's set-up cost; one context serves every fetch.
    return httpx.create_ssl_context()


_clients: dict[FetchPolicy, httpx.Client] = {}
_clients_pid = os.getpid()
_clients_lock = threading.Lock()


def _client(policy: FetchPolicy) -> httpx.Client:
    """Return this process's client for a policy, made on its first fetch.

    One client per policy keeps its connections for the next fetch from the same site. Reuse
    weakens nothing: a pooled connection was opened by `GuardedBackend` to an address checked
    under this very policy, every new connection is resolved, checked and pinned again, and
    every redirect's URL is still checked by `fetch_url` before it is asked for.
    """
    global _clients, _clients_pid
    with _clients_lock:
        if _clients_pid != os.getpid():
            # A forked worker starts with no connection: its parent's sockets are not its own.
            _clients, _clients_pid = {}, os.getpid()
        client = _clients.get(policy)
        if client is None:
            client = _clients[policy] = _new_client(policy)
        return client


def _new_client(policy: FetchPolicy) -> httpx.Client:
    transport = httpx.HTTPTransport(retries=0)
    # Every connection goes through the guarded backend: resolved, checked, pinned. httpx has
    # no public way to hand its pool a network backend, hence `_pool` (httpx is pinned <0.29;
    # tests/test_intake_fetch.py fails if a change of httpx bypasses the guard).
    transport._pool = httpcore.ConnectionPool(
        ssl_context=_ssl_context(),
        network_backend=GuardedBackend(policy),
        max_connections=_MAX_CONNECTIONS,
        max_keepalive_connections=_MAX_CONNECTIONS,
        keepalive_expiry=_KEEPALIVE_SECONDS,
    )
    return httpx.Client(
        transport=transport,
        follow_redirects=False,
        # Proxies from the environment would be connected to instead of the checked address.
        trust_env=False,
        # A shared client must not carry one import's cookies into the next.
        cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
    )


def _timeout() -> httpx.Timeout:
    # Read per fetch, so a change of the settings applies to the shared clients too.
    return httpx.Timeout(
        connect=settings.FACTCHECK_FETCH_CONNECT_TIMEOUT,
        read=settings.FACTCHECK_FETCH_READ_TIMEOUT,
        write=settings.FACTCHECK_FETCH_READ_TIMEOUT,
        pool=settings.FACTCHECK_FETCH_CONNECT_TIMEOUT,
    )


def _headers(extra: dict[str, str] | None) -> dict[str, str]:
    return {
        "User-Agent": user_agent(),
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
        **(extra or {}),
    }


def fetch_url(
    url: str,
    *,
    policy: FetchPolicy | None = None,
    accept: tuple[str, ...] = ACCEPTED_TYPES,
    headers: dict[str, str] | None = None,
) -> FetchResult:
    """Fetch a page for import; raise FetchError with a message naming the URL and the problem.

    `accept` lists the media types taken (feeds pass theirs); `headers` go with the request
    (feeds send If-None-Match / If-Modified-Since and get a result whose `not_modified` is
    true, with an empty body, when the server answers 304).
    """
    policy = policy or FetchPolicy.from_settings()
    requested = check_url(url, policy)
    current = requested
    redirects: list[str] = []
    deadline = time.monotonic() + settings.FACTCHECK_FETCH_TOTAL_TIMEOUT
    client = _client(policy)
    for _hop in range(MAX_REDIRECTS + 1):
        try:
            with client.stream(
                "GET", current, headers=_headers(headers), timeout=_timeout()
            ) as response:
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location", "")
                    if not location:
                        raise FetchError(f"{current} redirects without saying where to.")
                    current = check_url(urljoin(current, location), policy)
                    redirects.append(current)
                    continue
                status = response.status_code
                validators = {
                    "etag": response.headers.get("etag", ""),
                    "last_modified": response.headers.get("last-modified", ""),
                }
                if status == 304 and headers:
                    content_type, header_charset, body = "", "", b""
                else:
                    _check_status(current, response)
                    content_type, header_charset = _content_type(current, response, accept)
                    body = _read_capped(current, response, deadline)
        except AddressRefused as error:
            if str(error).startswith(current):
                raise
            raise AddressRefused(f"{current}: {error}") from None
        except httpx.TimeoutException:
            raise FetchError(f"{current} did not answer in time.", temporary=True) from None
        except httpx.TooManyRedirects:  # pragma: no cover - redirects are followed by hand
            raise FetchError(f"{requested} redirects too often.") from None
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise FetchError(
                f"{current} could not be fetched: {error}.",
                temporary=isinstance(error, httpx.TransportError),
            ) from None
        text, charset = _decode(current, body, header_charset, content_type)
        return FetchResult(
            requested_url=requested,
            final_url=current,
            status=status,
            content_type=content_type,
            charset=charset,
            body_text=text,
            content_sha256=hashlib.sha256(body).hexdigest(),
            fetched_at=datetime.datetime.now(tz=datetime.UTC),
            redirects=redirects,
            **validators,
        )
    raise FetchError(f"{requested} redirects more than {MAX_REDIRECTS} times; not followed.")


def _check_status(url: str, response: httpx.Response) -> None:
    if response.status_code >= 400:
        raise FetchError(
            f"{url} answered {response.status_code} {response.reason_phrase}.",
            temporary=response.status_code >= 500 or response.status_code == 429,
        )
    if response.status_code != 200:
        raise FetchError(
            f"{url} answered {response.status_code} {response.reason_phrase}, not a page."
        )


def _content_type(url: str, response: httpx.Response, accept: tuple[str, ...]) -> tuple[str, str]:
    raw = response.headers.get("content-type", "")
    message = Message()
    message["content-type"] = raw or "application/octet-stream"
    content_type = message.get_content_type()
    if content_type not in accept:
        wanted = (
            "not a web page; only HTML, XHTML and plain text are imported"
            if accept == ACCEPTED_TYPES
            else "expected " + ", ".join(accept)
        )
        raise FetchError(f"{url} is {content_type if raw else 'of no declared type'}; {wanted}.")
    return content_type, (message.get_param("charset") or "").strip()


def _read_capped(url: str, response: httpx.Response, deadline: float) -> bytes:
    limit = max_bytes()
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(f"{url} is {_mb(int(declared))}, over the limit of {_mb(limit)}.")
    chunks: list[bytes] = []
    size = 0
    # Decompressed bytes are counted, so a small compressed bomb is stopped too.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise FetchError(f"{url} is larger than the limit of {_mb(limit)}; not imported.")
        if time.monotonic() > deadline:
            raise FetchError(f"{url} did not finish sending in time.", temporary=True)
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(url: str, body: bytes, header_charset: str, content_type: str) -> tuple[str, str]:
    """Return the body as text and the charset used: header, then <meta>, then detection."""
    candidates = [header_charset]
    if content_type in ("text/html", "application/xhtml+xml"):
        match = _META_CHARSET.search(body[:_META_WINDOW])
        candidates.append(match.group(1).decode("ascii") if match else "")
    for name in candidates:
        codec = _codec(name)
        if codec is None:
            continue
        try:
            return body.decode(codec), codec
        except UnicodeDecodeError:
            # A page that lies about its charset is decoded by detection instead.
            continue
    if body.startswith(codecs.BOM_UTF8):
        return body.decode("utf-8-sig"), "utf-8"
    best = from_bytes(body).best()
    if best is None:
        if not body:
            return "", "utf-8"
        raise FetchError(f"{url}: the page's character encoding could not be recognised.")
    return str(best), best.encoding


def _codec(name: str) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _mb(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
