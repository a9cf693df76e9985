"""Read a feed (RSS 2.0, Atom or JSON Feed) into its title and entries; no database writes.

RSS and Atom go through feedparser, which copes with the many dialects found in the wild;
JSON Feed (https://www.jsonfeed.org/version/1.1/) is plain JSON read by its specification.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import feedparser

# What a feed is served as; `text/xml` and `application/json` carry feeds too, so the content
# itself decides (a web page served as text/html is refused by its content, not its type).
FEED_CONTENT_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/xml",
    "text/xml",
)
JSON_FEED_VERSIONS = ("https://jsonfeed.org/version/1", "https://jsonfeed.org/version/1.1")
# The fetcher has decoded the body already; the XML prolog's encoding no longer applies.
_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")


class FeedFormatError(ValueError):
    """The content is not a feed we can read; the message says why."""


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: its stable id, the article's URL and title."""

    guid: str
    url: str
    title: str = ""


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's title, language and entries, in the feed's order."""

    title: str
    language: str
    items: list[FeedItem]


def parse_feed(text: str, *, base_url: str, content_type: str = "") -> ParsedFeed:
    """Return the feed in `text`; raise FeedFormatError if it is not RSS, Atom or JSON Feed."""
    head = text.lstrip()[:1]
    if head in ("{", "[") or content_type.split(";")[0].strip().endswith("json"):
        return _parse_json_feed(text, base_url=base_url)
    return _parse_xml_feed(_XML_ENCODING.sub(r"\1", text, count=1), base_url=base_url)


def _parse_json_feed(text: str, *, base_url: str) -> ParsedFeed:
    try:
        data = json.loads(text)
    except ValueError as error:
        raise FeedFormatError(f"The JSON Feed is not valid JSON: {error}.") from None
    if not isinstance(data, dict) or data.get("version") not in JSON_FEED_VERSIONS:
        raise FeedFormatError(
            f"This JSON is not a JSON Feed: it has no version {' or '.join(JSON_FEED_VERSIONS)}."
        )
    entries = data.get("items")
    if not isinstance(entries, list):
        raise FeedFormatError("The JSON Feed has no list of items.")
    items = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        url = _absolute(entry.get("url") or entry.get("external_url"), base_url)
        raw_id = entry.get("id")
        # The spec says id is a string; version 1 feeds sometimes send a number.
        guid = str(raw_id).strip() if isinstance(raw_id, str | int) else ""
        if url:
            items.append(FeedItem(guid=guid or url, url=url, title=_text(entry.get("title"))))
    return ParsedFeed(
        title=_text(data.get("title")), language=_text(data.get("language")), items=items
    )


def _parse_xml_feed(text: str, *, base_url: str) -> ParsedFeed:
    parsed = feedparser.parse(
        text.encode("utf-8"),
        response_headers={"content-location": base_url, "content-type": "application/xml"},
    )
    if not parsed.version:
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")()
        detail = f" ({reason})" if reason else ""
        raise FeedFormatError(f"The content is not an RSS, Atom or JSON feed{detail}.")
    items = []
    for entry in parsed.entries:
        url = _absolute(entry.get("link"), base_url)
        if not url:
            continue
        guid = _text(entry.get("id")) or url
        items.append(FeedItem(guid=guid, url=url, title=_text(entry.get("title"))))
    feed = parsed.feed
    return ParsedFeed(
        title=_text(feed.get("title")), language=_text(feed.get("language")), items=items
    )


def _absolute(url: object, base_url: str) -> str:
    """Return the entry's link made absolute, or "" unless it is an http(s) URL."""
    if not isinstance(url, str) or not url.strip():
        return ""
    absolute = urljoin(base_url, url.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else ""


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
