"""Turn a fetched page into an article: its main text, sanitised HTML and metadata."""

from __future__ import annotations

from annotations.htmltext import HtmlArticle, extract_article

__all__ = ["HtmlArticle", "extract_page"]


def extract_page(page: str, *, url: str = "") -> HtmlArticle:
    """Return the main text, sanitised HTML and metadata of a fetched HTML page."""
    return extract_article(page)
