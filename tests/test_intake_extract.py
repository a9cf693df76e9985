"""Extraction: the chosen library's text reaches the article whole; metadata; the fallback."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
import trafilatura

from annotations import htmltext
from annotations.intake import extract
from annotations.services import SYSTEM, article_import

DATASET = Path(__file__).resolve().parent.parent / "bench" / "data" / "extraction"
PAGES = sorted((DATASET / "html").glob("*.html"))
TRUTH = json.loads((DATASET / "ground-truth.json").read_text("utf-8"))


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFC", text)))


def test_the_extractor_keeps_its_old_name():
    assert htmltext.extract_article is extract.extract_article


@pytest.mark.parametrize("path", PAGES, ids=[path.stem for path in PAGES])
def test_our_article_text_holds_everything_the_library_finds(db, path):
    """Sanitising, normalising and lifting metadata lose nothing trafilatura extracted."""
    page = path.read_text("utf-8")
    library = trafilatura.extract(page, include_comments=False, include_tables=True)
    article = article_import(actor=SYSTEM, html=page)
    ours = words(article.text)
    for line in library.splitlines():
        assert words(line) in ours, f"lost from {path.name}: {line!r}"
    # And the article body of the ground truth is all there.
    for paragraph in TRUTH[path.stem]["articleBody"].split("\n"):
        assert words(paragraph) in ours


def test_page_furniture_is_left_out(db):
    article = article_import(
        actor=SYSTEM, html=(DATASET / "html" / "rail-strike-b.html").read_text()
    )
    for furniture in (
        "Get the morning briefing",
        "harbourwatcher",
        "All rights reserved",
        "Podcasts",
    ):
        assert furniture not in article.text


def test_metadata_comes_from_the_page_and_the_library():
    page = (
        "<html lang='pt-BR'><head><title>Ignored | Site</title>"
        "<meta property='og:title' content='Tarifas de ônibus caem'>"
        "<meta property='og:site_name' content='Diário do Vale'>"
        "<link rel='canonical' href='https://diario.example/tarifas'>"
        "<meta name='author' content='Ana Souza'>"
        "<meta property='article:published_time' content='2026-03-05T10:00:00Z'>"
        "</head><body><nav><a href='/'>Início</a></nav><article><h1>Tarifas de ônibus caem</h1>"
        + "".join(
            f"<p>A prefeitura disse que as tarifas caíram {n} por cento no ano passado, "
            "segundo dados oficiais publicados nesta semana pela secretaria de transportes.</p>"
            for n in range(3, 7)
        )
        + "</article><footer>Todos os direitos reservados.</footer></body></html>"
    )
    found = extract.extract_page(page, url="https://diario.example/tarifas?utm=x")
    assert (found.title, found.url, found.publisher, found.author, found.language) == (
        "Tarifas de ônibus caem",
        "https://diario.example/tarifas",
        "Diário do Vale",
        "Ana Souza",
        "pt-BR",
    )
    assert str(found.published_at) == "2026-03-05"
    assert "caíram 3 por cento" in found.text and "direitos reservados" not in found.text


def test_the_library_fills_what_the_page_does_not_declare():
    page = (
        "<html><head><title>Storm closes coast road</title></head><body><article>"
        "<h1>Storm closes coast road</h1><p class='byline'>By Tom Reyes</p>"
        + "<p>Police closed the coast road on Friday after waves damaged the sea wall "
        "near the harbour, and said it would stay shut until engineers had inspected it.</p>"
        * 3
        + "</article></body></html>"
    )
    found = extract.extract_page(page)
    assert found.title == "Storm closes coast road"
    assert "Police closed the coast road" in found.text


def test_a_fragment_the_library_cannot_place_falls_back_to_readability():
    assert extract.extract_page("<p>Fares fell by 5%.</p>").text == "Fares fell by 5%."
    assert extract.extract_page("<html><body><nav>Home</nav></body></html>").text == ""


def test_nothing_harmful_survives_extraction():
    page = (
        "<html><body><article>"
        + "<p onclick='steal()'>The budget rose by 4 percent to 2.1 billion, the finance "
        "office said, with most of the increase going to schools and hospitals.</p>"
        * 3
        + "<script>steal()</script><p><a href='javascript:steal()'>more</a></p>"
        "</article></body></html>"
    )
    found = extract.extract_page(page)
    assert "steal" not in found.html and "onclick" not in found.html
    assert "The budget rose by 4 percent" in found.text


def test_a_year_in_the_text_is_not_taken_for_the_date():
    page = (
        "<html><head><title>Reservoirs at their lowest since 2017</title></head><body><article>"
        + "<p>The water board said reservoir levels fell to 41 percent in October, the lowest "
        "autumn reading since 2017, and asked farms to cut irrigation.</p>"
        * 3
        + "</article></body></html>"
    )
    assert extract.extract_page(page).published_at is None
