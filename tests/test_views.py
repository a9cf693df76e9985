import html
import re

from annotations.services import article_import, claim_create

TEXT = "Firefighters 👩🏽‍🚒 said 63 people were treated.\n\nשלום <b>not markup</b> & more."


def test_home_welcomes_anonymous_visitors(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "Sign in" in response.content.decode()


def test_home_shows_counts_and_articles_to_signed_in_users(client, annotator):
    article = article_import(text=TEXT, title="Heat report")
    claim_create(article=article, actor=annotator, quote="63 people were treated")
    client.force_login(annotator)
    page = client.get("/").content.decode()
    assert "Heat report" in page
    assert re.search(r'status-candidate"><span class="n">1</span>', page)


def test_article_page_needs_sign_in(client, db):
    article = article_import(text=TEXT)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_article_text_element_holds_the_exact_text(client, annotator):
    article = article_import(text=TEXT)
    claim = claim_create(article=article, actor=annotator, quote="63 people were treated")
    client.force_login(annotator)
    page = client.get(article.get_absolute_url()).content.decode()

    match = re.search(r"<div [^>]*data-article-text[^>]*>(.*?)</div>", page, re.S)
    assert match is not None
    assert html.unescape(match.group(1)) == article.text
    assert "<b>" not in match.group(1)
    assert f'data-claim-id="{claim.pk}"' in page
