import datetime
import io

import pytest
from django.core.exceptions import ValidationError

from annotations.htmltext import extract_article, html_to_text, sanitize_html
from annotations.models import Article
from annotations.services import SYSTEM, article_import

PAGE = """<!doctype html>
<html lang="en-GB"><head><title>Budget | Example News</title>
<meta property="og:title" content="Council approves budget">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Ana Reporter">
<meta property="article:published_time" content="2025-03-05T10:00:00Z">
<link rel="canonical" href="https://news.example.org/budget">
<script>alert("head")</script><style>p { color: red }</style></head>
<body onload="evil()">
<nav><a href="/">Home</a> <a href="/politics">Politics</a></nav>
<article>
<h1>Council approves budget</h1>
<p onclick="steal()">The council approved a budget of <b>$4.2 billion</b> on Tuesday.</p>
<p>Mayor Dana Ortiz said<br>it would pay for 120 drivers.
<a href="javascript:alert(1)">more</a> <img src="x" onerror="alert(1)"></p>
<script>document.write("injected")</script>
<iframe src="https://ads.example.com"></iframe>
<p>Ridership fell by 12% in 2024.</p>
</article>
<footer>Copyright Example News</footer>
</body></html>"""


def test_main_text_is_extracted_block_by_block():
    page = extract_article(PAGE)
    assert page.text == (
        "Council approves budget\n\n"
        "The council approved a budget of $4.2 billion on Tuesday.\n\n"
        "Mayor Dana Ortiz said\nit would pay for 120 drivers. more\n\n"
        "Ridership fell by 12% in 2024."
    )


def test_head_metadata_is_read():
    page = extract_article(PAGE)
    assert page.title == "Council approves budget"
    assert page.url == "https://news.example.org/budget"
    assert page.publisher == "Example News"
    assert page.author == "Ana Reporter"
    assert page.language == "en-GB"
    assert page.published_at == datetime.date(2025, 3, 5)


@pytest.mark.parametrize(
    "needle",
    [
        "<script",
        "onclick",
        "onload",
        "onerror",
        "javascript:",
        "<iframe",
        "<style",
        "injected",
        "Home",
    ],
)
def test_nothing_dangerous_or_decorative_survives(needle):
    page = extract_article(PAGE)
    assert needle.lower() not in page.html.lower()
    assert needle.lower() not in page.text.lower() or needle == "Home"


def test_sanitiser_keeps_meaningful_markup_and_hardens_links():
    html = sanitize_html('<p class="x">A <a href="https://a.example/" target="_blank">link</a></p>')
    assert (
        html == '<p>A <a href="https://a.example/" rel="noopener noreferrer nofollow">link</a></p>'
    )


def test_sanitiser_drops_svg_and_data_urls():
    html = sanitize_html(
        '<svg onload="x()"><script>y()</script></svg><a href="data:text/html,<script>">d</a>'
    )
    assert "svg" not in html and "script" not in html and "data:" not in html


def test_text_of_a_fragment_collapses_spaces_but_keeps_paragraphs():
    assert html_to_text("<p>One\n   two</p><ul><li>three</li><li>four</li></ul>") == (
        "One two\n\nthree\n\nfour"
    )


def test_words_around_inline_markup_stay_whole():
    """A page laid out with <br> pairs, where trafilatura's HTML made "<i>actual</i>cause"."""
    said = (
        "Bus fares in the harbour district fell by a fifth this year while ridership on the "
        "night lines rose, the transit board said in its yearly report to the council."
    )
    page = (
        "<html><body><article><section class='body'><img src='/bus.jpg' alt=''>"
        f"{said} <a href='https://example.org/report'>The report</a> covers every line.<br>"
        "<div style='clear:both'></div><br><br><h2>Fares</h2><br>"
        f"{said}<br><br>"
        f"The board <a href='https://example.org/routes'>published</a> its route map. {said}"
        f"<br><br>The <em>actual </em>cause, officials said, was the longer evening service. "
        f"{said}<br><br>"
        f"<h2>Service</h2><br>{said}<br><br>{said}<br><br>"
        "<em>Night buses</em><br><strong>Depots</strong><br>"
        f"{said}<br><br></section></article></body></html>"
    )
    text = extract_article(page).text
    assert "The actual cause, officials said, was the longer evening service." in text
    assert "The board published its route map." in text


def test_table_cells_keep_their_words_apart():
    html = "<table><tr><th>Seat</th><th>Price</th></tr><tr><td>Kari</td><td>139 €</td></tr></table>"
    assert html_to_text(html) == "Seat Price\n\nKari 139 €"


def test_soft_hyphens_leave_words_whole():
    text = html_to_text("<p>Wäh&shy;rend Sie über den Markt schlen\u00addern</p>")
    assert text == "Während Sie über den Markt schlendern"


def test_plain_words_are_their_own_text():
    assert extract_article("just words").text == "just words"


def test_characters_no_xml_can_hold_are_dropped_not_fatal():
    # Found by the schema fuzzing: lxml refused such a page with a ValueError (a 500).
    page = "<p>Fares\x06 fell\x1f by 5%\ud800 \ufffe\U0001f68c</p>"
    assert extract_article(page).text == "Fares fell by 5% \U0001f68c"


def test_import_from_html_keeps_sanitised_html_and_original(db):
    article = article_import(actor=SYSTEM, html=PAGE)
    assert article.text.startswith("Council approves budget\n\nThe council approved")
    # The structure survives extraction and sanitising; scripts do not.
    assert "<script" not in article.html and "<h1>Council approves budget</h1>" in article.html
    assert "<p>The council approved a budget of $4.2 billion on Tuesday.</p>" in article.html
    assert article.original == PAGE
    assert (article.title, article.publisher, article.author) == (
        "Council approves budget",
        "Example News",
        "Ana Reporter",
    )
    assert article.url == "https://news.example.org/budget"
    assert article.language == "en-GB"
    assert article.published_at == datetime.date(2025, 3, 5)


def test_import_from_an_html_file(db):
    article = article_import(actor=SYSTEM, file=io.BytesIO(PAGE.encode()), filename="budget.HTM")
    assert article.original_filename == "budget.HTM"
    assert "Ridership fell by 12% in 2024." in article.text


def test_explicit_fields_win_over_the_page(db):
    article = article_import(
        actor=SYSTEM, html=PAGE, title="Mine", url="https://example.org/x", language="en"
    )
    assert (article.title, article.url, article.language) == ("Mine", "https://example.org/x", "en")


def test_html_without_readable_text_is_refused(db):
    with pytest.raises(ValidationError) as error:
        article_import(actor=SYSTEM, html="<script>alert(1)</script><style>p{}</style>")
    assert "html" in error.value.message_dict
    assert Article.objects.count() == 0


def test_html_and_text_together_are_refused(db):
    with pytest.raises(ValidationError) as error:
        article_import(actor=SYSTEM, html="<p>a</p>", text="a")
    assert "html" in error.value.message_dict


def test_malformed_page_language_is_ignored(db):
    article = article_import(
        actor=SYSTEM, html='<html lang="english!"><body><p>Words here.</p></body></html>'
    )
    assert article.language == "en"
