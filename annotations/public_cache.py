"""Serve the public pages to anonymous readers from the cache, and forget them on any change.

Cached pages live in the configured cache (Redis when `REDIS_URL` is set, else each process's
memory, where the setting is off unless chosen) for `FACTCHECK_PUBLIC_CACHE_SECONDS`, keyed by
the address asked for (scheme, host, path and query string) and the interface language. Each
key also carries the *version* of public content: the services that change what the public
pages show call `public_pages_changed()`, which bumps that one number, so every page cached
before is never read again and expires on its own; no key is deleted one by one.

Signed-in people are never served a cached page nor have theirs stored (their pages carry
`no-store`, see `caching.py`). Every page holds the language switcher's CSRF token, which
belongs to one browser: it is stored as a placeholder and each reader gets their own.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

VERSION_KEY = "public-pages:version"
# What `{% csrf_token %}` writes: a quote inside a reader's text is escaped, so only the tag
# writes this exact attribute pair.
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]{64})(")')
_CSRF_PLACEHOLDER = b"\\1public-page-csrf-token\\3"
_CSRF_STORED = b'name="csrfmiddlewaretoken" value="public-page-csrf-token"'


def public_cache_seconds() -> int:
    """Return how long a public page stays cached, in seconds (0: pages are not cached)."""
    return max(0, int(getattr(settings, "FACTCHECK_PUBLIC_CACHE_SECONDS", 0)))


def public_pages_version() -> int:
    """Return the current version of public content, starting a fresh one when none is kept."""
    version = cache.get(VERSION_KEY)
    if version is None:
        # A lost counter (evicted, Redis emptied) starts from the clock, never from a number
        # an earlier counter used, so no page cached before it can be read again.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY, 0)
    return int(version)


def public_pages_changed() -> None:
    """Make every cached public page stale, now and again once the transaction commits.

    The bump after commit is the one that counts: a reader between the first bump and the
    commit may cache the old content under the new version. The first keeps a change visible
    where nothing ever commits (a test's transaction).
    """
    _bump()
    transaction.on_commit(_bump, robust=True)


def _bump() -> None:
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            # No counter yet: any fresh one is newer than every version used before.
            if not cache.add(VERSION_KEY, time.time_ns(), timeout=None):
                cache.incr(VERSION_KEY)
    except Exception:
        # A cache that is down must not refuse a publish; its pages expire on their own.
        logger.exception("public pages not made stale: the cache is unavailable")


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a public view's anonymous GET answers from the cache, storing its good answers."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        seconds = public_cache_seconds()
        if not seconds or not _cacheable_request(request):
            return view(request, *args, **kwargs)
        try:
            key = _page_key(request)
            stored = cache.get(key)
        except Exception:  # the cache being down must not take the public pages with it
            logger.warning("public page cache unavailable; serving %s uncached", request.path)
            return view(request, *args, **kwargs)
        if stored is not None:
            return _from_stored(request, stored)
        response = view(request, *args, **kwargs)
        stored = _to_stored(request, response)
        if stored is not None:
            try:
                cache.set(key, stored, seconds)
            except Exception:
                logger.warning("public page cache unavailable; %s not stored", request.path)
        return response

    return wrapper


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method != "GET":
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    # A message waiting for this reader belongs on their page only.
    return not len(get_messages(request))


def _page_key(request: HttpRequest) -> str:
    address = request.build_absolute_uri().encode("utf-8", "surrogateescape")
    digest = hashlib.sha256(address).hexdigest()
    return f"public-page:{public_pages_version()}:{get_language() or ''}:{digest}"


def _to_stored(request: HttpRequest, response: HttpResponse) -> tuple | None:
    """Return what the cache keeps of a response, or None when it must not be kept."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    if response.has_header("Cache-Control") or response.has_header("Vary"):
        return None  # the view chose its own caching, or answers differ by a request header
    content, tokens = _CSRF_INPUT.subn(_CSRF_PLACEHOLDER, response.content)
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not tokens:
        return None  # the page used this reader's token somewhere it cannot be swapped
    return (response.status_code, dict(response.headers.items()), content, bool(tokens))


def _from_stored(request: HttpRequest, stored: tuple) -> HttpResponse:
    status, headers, content, has_token = stored
    if has_token:
        token = get_token(request).encode("ascii")
        content = content.replace(
            _CSRF_STORED, _CSRF_STORED.replace(b"public-page-csrf-token", token)
        )
    headers.pop("Content-Length", None)
    return HttpResponse(content, status=status, headers=headers)
