"""Turn a fetched page into an article: its main text, sanitised HTML and metadata.

The extraction itself lives in `annotations.htmltext.extract_article`, so pasted, uploaded
and fetched HTML become articles by one rule; this is the intake's name for it.
"""

from __future__ import annotations

from annotations.htmltext import HtmlArticle, extract_article

__all__ = ["HtmlArticle", "extract_article", "extract_page"]


def extract_page(page: str, *, url: str = "") -> HtmlArticle:
    """Return the main text, sanitised HTML and metadata of a page fetched from `url`."""
    return extract_article(page, url=url)
