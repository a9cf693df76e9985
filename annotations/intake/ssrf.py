"""Refuse to fetch from addresses inside our own network (server-side request forgery guard).

A URL typed by a user must never make the server talk to itself, its neighbours or the cloud
metadata service (169.254.169.254). The rule is applied to the addresses a host name resolves
to, on every hop of a redirect, before any connection is opened; and the connection is then
made to the very address that was checked (`GuardedBackend`), so a DNS answer that changes
between the check and the connection (DNS rebinding) cannot slip through.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpcore
from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
# Web servers live on these; other ports of a public host are mail, databases, admin consoles.
PUBLIC_PORTS = frozenset({80, 443, 8080, 8443})
# IPv6 prefixes that carry an IPv4 address inside them (NAT64); checked by that address.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class FetchError(ValueError):
    """A page could not be fetched, or must not be; the message says why and names the URL.

    `temporary` is true where trying again later may succeed (a timeout, a refused
    connection, a 5xx or 429 answer): workers retry those and give up on the rest.
    """

    def __init__(self, message: str, *, temporary: bool = False) -> None:
        super().__init__(message)
        self.temporary = temporary


class AddressRefused(FetchError):
    """The URL points (or redirects) at an address the guard refuses."""


@dataclass(frozen=True)
class FetchPolicy:
    """What may be fetched: private addresses or not, which ports, and exempt networks."""

    allow_private: bool = False
    ports: frozenset[int] | None = PUBLIC_PORTS
    # Networks allowed although private (an intranet's news server); empty by default.
    exempt_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = field(
        default_factory=tuple
    )

    @classmethod
    def from_settings(cls) -> FetchPolicy:
        """Return the policy that the settings (FACTCHECK_FETCH_ALLOW_PRIVATE) describe."""
        allow = bool(getattr(settings, "FACTCHECK_FETCH_ALLOW_PRIVATE", False))
        # Intranet services run on any port, so lifting the address rule lifts the port rule.
        return cls(allow_private=allow, ports=None if allow else PUBLIC_PORTS)

    def address_allowed(self, address: IPAddress) -> bool:
        """Return whether a connection to this address may be opened."""
        if self.allow_private or any(address in network for network in self.exempt_networks):
            return True
        return is_public_address(address)


def is_public_address(address: IPAddress) -> bool:
    """Return whether an address is on the public internet (not ours, not special-purpose)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public_address(embedded)
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        # 100.64.0.0/10 (carrier-grade NAT) is neither private nor global in Python's tables.
        or not address.is_global
    )


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """Return the IPv4 address an IPv6 one stands for (mapped, 6to4, Teredo, NAT64), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def check_url(url: str, policy: FetchPolicy) -> str:
    """Return the URL if its form may be fetched (scheme, no credentials, port); else refuse.

    The addresses are checked when the host is resolved (`resolve`), just before connecting.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise FetchError(f"{url!r} is not a valid URL.") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise FetchError(f"{url}: only http:// and https:// URLs can be fetched.")
    if not parts.hostname:
        raise FetchError(f"{url}: the URL names no host.")
    if parts.username is not None or parts.password is not None:
        raise FetchError(f"{url}: URLs with a user name or password are not fetched.")
    port = port or DEFAULT_PORTS[scheme]
    if policy.ports is not None and port not in policy.ports:
        allowed = ", ".join(str(number) for number in sorted(policy.ports))
        raise AddressRefused(f"{url}: port {port} is not fetched (only {allowed}).")
    return url.strip()


def resolve(host: str, port: int, policy: FetchPolicy) -> list[IPAddress]:
    """Return the addresses of a host, refusing it if any of them is not allowed."""
    try:
        infos = lookup(host, port)
    except (OSError, UnicodeError) as error:
        raise FetchError(f"The host {host} could not be found ({error}).") from None
    addresses = _unique(ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos)
    # One refused answer refuses the host: a mixed answer is how rebinding attacks start.
    for address in addresses:
        if not policy.address_allowed(address):
            named = host if host.strip("[]") == str(address) else f"{host} ({address})"
            raise AddressRefused(
                f"{named} is a private, local or reserved address; "
                "pages are only fetched from the public internet."
            )
    if not addresses:
        raise FetchError(f"The host {host} could not be found.")
    return addresses


def lookup(host: str, port: int) -> list[tuple]:
    """Return the system resolver's answers for a host (the tests keep it on this machine)."""
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)


def _unique(addresses: Iterable[IPAddress]) -> list[IPAddress]:
    seen: list[IPAddress] = []
    for address in addresses:
        if address not in seen:
            seen.append(address)
    return seen


class GuardedBackend(httpcore.NetworkBackend):
    """Open TCP connections only to checked addresses: resolve, check, connect to that one.

    TLS still verifies the certificate against the host name (httpcore passes the origin's
    name as SNI), so pinning the address weakens nothing.
    """

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable | None = None,
    ) -> httpcore.NetworkStream:
        last_error: Exception | None = None
        for address in resolve(host, port, self.policy):
            try:
                return self._inner.connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                last_error = error
        assert last_error is not None  # resolve() returns at least one address
        raise last_error

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options=None):
        raise AddressRefused("Unix sockets are never fetched.")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)
