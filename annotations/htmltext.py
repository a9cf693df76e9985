"""Turn an HTML page into an article: its main text, sanitised HTML and the metadata it carries.

trafilatura finds the main content (dropping navigation, adverts, comments and page furniture;
chosen by the figures in docs/benchmarks.md, "Article extraction"), with readability-lxml as
the fallback for pages where it finds none; nh3 (the Ammonia sanitiser) keeps only harmless
markup, so no script, style, event handler or `javascript:` link from an imported page can
ever reach ours. The plain text is taken from the sanitised HTML, block by block, so the text
and the HTML say the same thing.
"""

import datetime
import re
from dataclasses import dataclass

import lxml.html
import nh3
import trafilatura
from lxml import etree
from readability import Document

_HEADINGS = tuple(f"h{level}" for level in range(1, 7))
# Markup that carries meaning in an article; everything else is unwrapped to its text.
ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "cite",
        "code",
        "dd",
        "del",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        *_HEADINGS,
        "hr",
        "i",
        "ins",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
# Removed with everything inside them, not just unwrapped.
_DROPPED_WITH_CONTENT = {"script", "style", "noscript", "template", "iframe", "object", "svg"}

_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        *_HEADINGS,
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tr",
        "ul",
    }
)
# Cells share their row's line, but a cell's words never run into the next cell's.
_CELLS = frozenset({"td", "th"})
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")
_BREAK = "\x00"  # stands for <br> until a block's spaces are collapsed; never in real text
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
# Characters no XML (and so no lxml tree) can hold: control characters other than tab and line
# ends, lone surrogates and the two non-characters. Browsers show nothing for them either.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class HtmlArticle:
    """What an HTML page yields: plain text, sanitised HTML and metadata (empty when absent)."""

    text: str
    html: str
    title: str = ""
    url: str = ""
    publisher: str = ""
    author: str = ""
    language: str = ""
    published_at: datetime.date | None = None


def sanitize_html(html: str) -> str:
    """Return the HTML with only harmless tags and attributes left; links get rel=noopener."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def html_to_text(html: str) -> str:
    """Return the readable text of an HTML fragment: one paragraph per block, `\\n\\n` apart."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        # A soft hyphen only says where a browser may break a word: words are whole in the text.
        line = "".join(current).replace("\u00ad", "")
        # Collapse whitespace inside a block (source line breaks too) but keep each <br>.
        lines = [_SPACES.sub(" ", part).strip() for part in line.split(_BREAK)]
        text = "\n".join(part for part in lines if part)
        if text:
            paragraphs.append(text)
        current.clear()

    def walk(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _DROPPED_WITH_CONTENT:
            return
        block = tag in _BLOCKS
        if block:
            flush()
        if tag in _CELLS:
            current.append(" ")
        if tag == "br":
            current.append(_BREAK)
        elif element.text:
            current.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            flush()

    walk(root)
    flush()
    return "\n\n".join(paragraphs)


def extract_article(page: str, *, url: str = "") -> HtmlArticle:
    """Return the main text, sanitised HTML and metadata of an HTML page or fragment.

    `url` is where the page was fetched from, if it was; it helps resolve relative links.
    """
    page = _NOT_XML.sub("", page)
    metadata = _metadata(page)
    found = _main_content(page, url)
    if found is None:
        content, title = _readability(page)
    else:
        content, found_metadata = found
        for key, value in found_metadata.items():
            metadata.setdefault(key, value)
        title = metadata.get("title", "")
    title = metadata.get("title") or _clean(title)
    html = sanitize_html(content)
    text = html_to_text(html)
    if not text:
        html = sanitize_html(_main_part(page))
        text = html_to_text(html)
    return HtmlArticle(
        text=text,
        html=html.strip(),
        title=title,
        url=metadata.get("url", ""),
        publisher=metadata.get("publisher", ""),
        author=metadata.get("author", ""),
        language=metadata.get("language", ""),
        published_at=_parse_date(metadata.get("published_at", "")),
    )


# What trafilatura's metadata is called here, for the fields a page's own tags leave empty.
_TRAFILATURA_FIELDS = {"title": "title", "author": "author", "date": "published_at"}


def _main_content(page: str, url: str) -> tuple[str, dict[str, str]] | None:
    """Return the main content as HTML and the metadata trafilatura found; None if none."""
    try:
        found = trafilatura.extract(
            page,
            url=url or None,
            output_format="html",
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            # Without links and bold or italic: with them trafilatura's HTML breaks paragraphs
            # at a link, drops the space after an inline element ("Times</i>claimed") and loses
            # table rows, all of which its own text keeps (docs/benchmarks.md, extraction).
            include_formatting=False,
            include_links=False,
            # Dates from the page's markup only: a year in the text is not its date.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, etree.LxmlError):
        return None
    if not found:
        return None
    root = lxml.html.document_fromstring(found)
    metadata = {}
    for name, field in _TRAFILATURA_FIELDS.items():
        values = root.xpath("/html/head/meta[@name=$n]/@content", n=name)
        if values and _clean(values[0]):
            metadata[field] = _clean(values[0])
    body = root.find("body")
    content = "".join(lxml.html.tostring(child, encoding="unicode") for child in body)
    return content, metadata


def _readability(page: str) -> tuple[str, str]:
    """Return readability-lxml's main content and short title (the page itself if it fails)."""
    page = _main_part(page)
    try:
        document = Document(page)
        return document.summary(html_partial=True), document.short_title() or ""
    except Exception:
        # readability refuses some odd documents; the whole body, sanitised, is still usable.
        return page, ""


# Page furniture that readability keeps when a page is short.
_FURNITURE = "//nav | //footer | //aside | //form | //button | //*[@role='navigation']"


def _main_part(page: str) -> str:
    """Return the page without navigation and footers; only its <article> when it has one."""
    try:
        root = lxml.html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return page
    for element in root.xpath(_FURNITURE):
        element.drop_tree()
    articles = root.xpath("//article")
    if len(articles) == 1:
        return lxml.html.tostring(articles[0], encoding="unicode")
    return lxml.html.tostring(root, encoding="unicode")


def _metadata(page: str) -> dict[str, str]:
    """Read title, canonical url, publisher, author, language and date from the page head."""
    try:
        root = lxml.html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return {}
    found: dict[str, str] = {}

    def meta(*names: str) -> str:
        for name in names:
            for element in root.xpath("//meta[@property=$n or @name=$n or @itemprop=$n]", n=name):
                value = _clean(element.get("content", ""))
                if value:
                    return value
        return ""

    found["title"] = meta("og:title", "twitter:title")
    canonical = root.xpath("//link[@rel='canonical']/@href")
    url = meta("og:url") or (canonical[0].strip() if canonical else "")
    if url.startswith(("http://", "https://")):
        found["url"] = url
    found["publisher"] = meta("og:site_name", "publisher")
    found["author"] = meta("author", "article:author", "byl")
    found["published_at"] = meta(
        "article:published_time", "datePublished", "date", "pubdate", "dc.date"
    )
    language = root.get("lang", "")
    found["language"] = _clean(language)
    return {key: value for key, value in found.items() if value}


def _parse_date(value: str) -> datetime.date | None:
    match = _DATE.search(value or "")
    if not match:
        return None
    try:
        return datetime.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def _clean(value: str) -> str:
    return _SPACES.sub(" ", value or "").strip()
