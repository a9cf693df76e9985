"""The fetcher and its address guard, against a local server on 127.0.0.1 (no database)."""

from __future__ import annotations

import gzip
import ipaddress
import socket
import time
from collections.abc import Iterator

import pytest

from annotations.intake import ssrf
from annotations.intake.fetch import MAX_REDIRECTS, FetchError, fetch_url
from annotations.intake.ssrf import AddressRefused, FetchPolicy, is_public_address
from tests.intake_pages import Answer

LOOPBACK = ipaddress.ip_network("127.0.0.1/32")
PAGE = (
    "<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>Été</title></head>"
    "<body><article><p>Le conseil a voté le budget à l’unanimité.</p></article></body></html>"
)

pytestmark = pytest.mark.usefixtures("loopback_only")


# The guard itself, with the setting off.


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.8.9.10/",
        "http://localhost/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://[::1]/",
        "http://[fd00::1]/",
        "http://[fe80::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[64:ff9b::a00:1]/",
        "http://[2002:a00:1::]/",
        "http://2130706433/",
    ],
)
def test_guard_refuses_private_local_and_reserved_addresses(url, settings):
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE = False
    with pytest.raises(AddressRefused, match="private, local or reserved address"):
        fetch_url(url)


def test_guard_allows_public_addresses():
    for address in ("93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"):
        assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://news.example.org/a", "only http:// and https://"),
        ("file:///etc/passwd", "only http:// and https://"),
        ("javascript:alert(1)", "only http:// and https://"),
        ("http://user:secret@news.example.org/", "user name or password"),
        ("http://news.example.org:22/", "port 22 is not fetched"),
        ("http://news.example.org:6379/", "port 6379 is not fetched"),
        ("http:///nohost", "names no host"),
        ("http://[::1/", "not a valid URL"),
    ],
)
def test_guard_refuses_schemes_credentials_and_ports(url, message, settings):
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE = False
    with pytest.raises(FetchError, match=message):
        fetch_url(url)


def test_host_with_any_private_answer_is_refused(monkeypatch):
    """A name resolving to a public and a private address is refused (rebinding's first step)."""
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *a, **k: [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", 80)),
        ],
    )
    with pytest.raises(AddressRefused, match=r"news\.test \(10\.0\.0\.5\)"):
        ssrf.resolve("news.test", 80, FetchPolicy())


def test_connection_goes_to_the_checked_address(monkeypatch, page_server):
    """DNS rebinding: the name is resolved once per connection, checked, and that address used.

    The resolver answers the local server's address the first time and a private one
    afterwards; the connection must be made to the first, checked answer, never re-resolved.
    """
    answers = iter(["127.0.0.1", "10.9.9.9", "10.9.9.9"])
    real = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        if host == "rebind.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    port = page_server.httpd.server_address[1]
    page_server.html("/", PAGE)
    policy = FetchPolicy(ports=None, exempt_networks=(LOOPBACK,))
    result = fetch_url(f"http://rebind.test:{port}/", policy=policy)
    assert "unanimité" in result.body_text
    assert next(answers) == "10.9.9.9"  # resolved exactly once


def test_redirect_to_a_private_address_is_refused_before_connecting(page_server, settings):
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE = False
    policy = FetchPolicy(ports=None, exempt_networks=(LOOPBACK,))
    for target in (
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/admin",
        "http://[::1]/",
        "http://127.0.0.2/",
    ):
        start = page_server.redirect("/hop", target)
        with pytest.raises(AddressRefused, match="private, local or reserved") as caught:
            fetch_url(start, policy=policy)
        assert target.split("/")[2].strip("[]") in str(caught.value)


def test_redirect_to_another_scheme_is_refused(page_server):
    start = page_server.redirect("/hop", "file:///etc/passwd")
    with pytest.raises(FetchError, match="only http:// and https://"):
        fetch_url(start, policy=FetchPolicy(ports=None, exempt_networks=(LOOPBACK,)))


# The fetcher, with the setting on.


def test_fetch_follows_redirects_and_keeps_them(page_server, allow_local):
    page_server.html("/article", PAGE)
    page_server.redirect("/b", "/article", status=301)
    start = page_server.redirect("/a", page_server.url("/b"))
    result = fetch_url(start)
    assert result.requested_url == start
    assert result.final_url == page_server.url("/article")
    assert result.redirects == [page_server.url("/b"), page_server.url("/article")]
    assert result.status == 200
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"
    assert "Le conseil a voté" in result.body_text
    assert len(result.content_sha256) == 64
    assert result.fetched_at.tzinfo is not None
    assert page_server.user_agents[-1].startswith("FactcheckDesk/")


def test_fetch_stops_after_five_redirects(page_server, allow_local):
    for hop in range(MAX_REDIRECTS + 1):
        page_server.redirect(f"/r{hop}", f"/r{hop + 1}")
    page_server.html(f"/r{MAX_REDIRECTS + 1}", PAGE)
    with pytest.raises(FetchError, match="redirects more than 5 times"):
        fetch_url(page_server.url("/r0"))
    # Five redirects are fine.
    assert fetch_url(page_server.url("/r1")).final_url.endswith(f"/r{MAX_REDIRECTS + 1}")


def test_fetch_refuses_an_oversized_page_without_reading_it_all(page_server, allow_local):
    sent = []

    def endless() -> Iterator[bytes]:
        chunk = b"<p>" + b"x" * 65_536 + b"</p>"
        for _ in range(1000):  # 64 MB if nobody stopped reading
            sent.append(len(chunk))
            yield chunk

    page_server.answers["/big"] = lambda: (200, {"Content-Type": "text/html"}, endless())
    with pytest.raises(FetchError, match=r"larger than the limit of 5\.0 MB"):
        fetch_url(page_server.url("/big"))
    assert sum(sent) < 20 * 1024 * 1024


def test_fetch_refuses_a_declared_oversized_page(page_server, allow_local, settings):
    settings.FACTCHECK_FETCH_MAX_BYTES = 1000
    page_server.html("/long", "<p>" + "y" * 2000 + "</p>")
    with pytest.raises(FetchError, match="over the limit of 1 KB"):
        fetch_url(page_server.url("/long"))


def test_fetch_caps_decompressed_size(page_server, allow_local, settings):
    settings.FACTCHECK_FETCH_MAX_BYTES = 100_000
    bomb = gzip.compress(b"<p>" + b"z" * 1_000_000 + b"</p>")
    page_server.answers["/bomb"] = lambda: (
        200,
        {"Content-Type": "text/html", "Content-Encoding": "gzip"},
        iter([bomb]),
    )
    with pytest.raises(FetchError, match="larger than the limit"):
        fetch_url(page_server.url("/bomb"))


@pytest.mark.parametrize(
    ("content_type", "named"),
    [
        ("application/pdf", "application/pdf"),
        ("image/png", "image/png"),
        ("application/octet-stream", "application/octet-stream"),
        ("", "of no declared type"),
    ],
)
def test_fetch_refuses_what_is_not_a_page(page_server, allow_local, content_type, named):
    headers = {"Content-Type": content_type} if content_type else {}
    page_server.answers["/file"] = lambda: (200, headers, b"%PDF-1.7 binary")
    with pytest.raises(FetchError, match=f"is {named}; not a web page"):
        fetch_url(page_server.url("/file"))


def test_fetch_takes_xhtml_and_plain_text(page_server, allow_local):
    page_server.html("/x", PAGE, "application/xhtml+xml")
    page_server.html("/t", "Plain words.", "text/plain; charset=utf-8")
    assert fetch_url(page_server.url("/x")).content_type == "application/xhtml+xml"
    plain = fetch_url(page_server.url("/t"))
    assert (plain.content_type, plain.body_text, plain.is_html) == (
        "text/plain",
        "Plain words.",
        False,
    )


def test_fetch_names_the_status_of_a_failed_page(page_server, allow_local):
    with pytest.raises(FetchError, match="answered 404 Not Found") as caught:
        fetch_url(page_server.url("/missing"))
    assert not caught.value.temporary
    page_server.answers["/down"] = lambda: (503, {"Content-Type": "text/html"}, b"busy")
    with pytest.raises(FetchError, match="answered 503") as caught:
        fetch_url(page_server.url("/down"))
    assert caught.value.temporary


def test_fetch_gives_up_on_a_silent_server(page_server, allow_local, settings):
    settings.FACTCHECK_FETCH_READ_TIMEOUT = 0.3

    def slow() -> Answer:
        time.sleep(1.5)
        return 200, {"Content-Type": "text/html"}, PAGE.encode()

    page_server.answers["/slow"] = slow
    started = time.monotonic()
    with pytest.raises(FetchError, match="did not answer in time") as caught:
        fetch_url(page_server.url("/slow"))
    assert time.monotonic() - started < 1.4
    assert caught.value.temporary


def test_fetch_reports_a_refused_connection(allow_local):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="could not be fetched") as caught:
        fetch_url(f"http://127.0.0.1:{port}/")
    assert caught.value.temporary


LATIN_META = "<html><head><meta charset='iso-8859-1'></head><body><p>Ça coûte</p></body></html>"
BIG5_TEXT = (
    "市議會週一表示，公車乘客人數在二零二五年增加了百分之十二，官員稱新票價制度節省了四百萬歐元。"
    * 3
)


@pytest.mark.parametrize(
    ("body", "content_type", "charset", "expected"),
    [
        # The header's charset.
        ("Ça coûte cher.".encode("cp1252"), "text/plain; charset=windows-1252", "cp1252", "Ça"),
        # The page's <meta> when the header names none.
        (LATIN_META.encode("latin-1"), "text/html", "iso8859-1", "Ça coûte"),
        # A header that lies (UTF-8 claimed, Latin-1 sent): the <meta> is believed instead.
        (LATIN_META.encode("latin-1"), "text/html; charset=utf-8", "iso8859-1", "Ça coûte"),
        # A charset nobody knows: ignored, the <meta> decides.
        (LATIN_META.encode("latin-1"), "text/html; charset=no-such-set", "iso8859-1", "Ça"),
        # Nothing declared: detected from the bytes.
        (f"<p>{BIG5_TEXT}</p>".encode("big5"), "text/html", "big5", "市議會"),
    ],
)
def test_fetch_decodes_by_header_meta_then_detection(
    page_server, allow_local, body, content_type, charset, expected
):
    page_server.html("/enc", body, content_type)
    result = fetch_url(page_server.url("/enc"))
    assert result.charset == charset
    assert expected in result.body_text


def test_conditional_get_answers_not_modified(page_server, allow_local):
    page_server.answers["/feed"] = lambda: (304, {"ETag": '"v1"'}, b"")
    result = fetch_url(
        page_server.url("/feed"),
        accept=("application/rss+xml",),
        headers={"If-None-Match": '"v1"'},
    )
    assert result.not_modified
    assert (result.body_text, result.etag) == ("", '"v1"')


def test_the_tests_resolve_no_outside_name(monkeypatch):
    """The suite's own safety net (tests/conftest.py): no DNS question leaves this machine."""
    asked = []
    monkeypatch.setattr(socket, "getaddrinfo", lambda *args, **kwargs: asked.append(args))
    with pytest.raises(FetchError, match="could not be found"):
        fetch_url("http://news.example.org/")
    assert asked == []


# One client per process and policy, its connections kept between fetches.


def test_two_fetches_reuse_one_client_and_its_connection(page_server, monkeypatch):
    from annotations.intake import fetch

    connections = []
    connect = ssrf.GuardedBackend.connect_tcp

    def counted(self, host, port, *args, **kwargs):
        connections.append((host, port))
        return connect(self, host, port, *args, **kwargs)

    monkeypatch.setattr(ssrf.GuardedBackend, "connect_tcp", counted)
    policy = FetchPolicy(ports=None, exempt_networks=(LOOPBACK,))
    page_server.html("/one", PAGE)
    page_server.html("/two", PAGE)
    assert "unanimité" in fetch_url(page_server.url("/one"), policy=policy).body_text
    assert "unanimité" in fetch_url(page_server.url("/two"), policy=policy).body_text
    assert fetch._client(policy) is fetch._client(policy)
    assert len(connections) == 1  # the second fetch went over the first one's connection
    # Another policy never borrows this one's client or connections.
    other = FetchPolicy(allow_private=True, ports=None)
    assert fetch._client(other) is not fetch._client(policy)
    fetch_url(page_server.url("/one"), policy=other)
    assert len(connections) == 2


def test_a_pooled_connection_never_takes_a_refused_redirect(page_server, settings):
    """A kept connection to an allowed site does not let a redirect skip the guard."""
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE = False
    policy = FetchPolicy(ports=None, exempt_networks=(LOOPBACK,))
    page_server.html("/page", PAGE)
    fetch_url(page_server.url("/page"), policy=policy)
    start = page_server.redirect("/hop", "http://127.0.0.2/")
    with pytest.raises(AddressRefused, match="private, local or reserved"):
        fetch_url(start, policy=policy)


def test_a_shared_client_keeps_no_cookies(page_server, allow_local):
    """One import's cookies (a paywall's session, a tracker) never go with the next fetch."""
    from annotations.intake import fetch

    page_server.answers["/login"] = lambda: (
        200,
        {"Content-Type": "text/html", "Set-Cookie": "session=secret; Path=/"},
        PAGE.encode(),
    )
    assert "unanimité" in fetch_url(page_server.url("/login")).body_text
    assert list(fetch._client(FetchPolicy.from_settings()).cookies.jar) == []


def test_a_forked_process_makes_its_own_client(monkeypatch):
    from annotations.intake import fetch

    policy = FetchPolicy(ports=None, exempt_networks=(LOOPBACK,))
    parent = fetch._client(policy)
    monkeypatch.setattr(fetch.os, "getpid", lambda: -1)
    child = fetch._client(policy)
    assert child is not parent
    assert fetch._client(policy) is child
