"""Import by URL from the API, the import page, the command line and the admin."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from annotations.models import Article, PossibleDuplicate
from annotations.services import article_import
from tests.helpers import api_as
from tests.test_intake_import import REWRITE, STORY, counts, page

pytestmark = pytest.mark.usefixtures("loopback_only", "allow_local")
ARTICLES = "/api/v1/articles/"


@pytest.fixture
def story_url(page_server) -> str:
    return page_server.html("/water", page("Reservoirs at their lowest since 2017", STORY))


# API


def test_api_imports_from_a_url_and_splits(api, annotator, story_url):
    response = api_as(api, annotator).post(
        ARTICLES, {"url": story_url, "split": True}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["url"], body["title"]) == (story_url, "Reservoirs at their lowest since 2017")
    assert body["possible_duplicate_of"] is None
    assert Article.objects.get().claims.count() >= 3


def test_api_answers_a_duplicate_with_409_naming_the_article(api, annotator, story_url):
    client = api_as(api, annotator)
    first = client.post(ARTICLES, {"url": story_url}, format="json").json()
    response = client.post(ARTICLES, {"url": story_url, "split": True}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "duplicate"
    assert body["article"]["id"] == first["id"]
    assert body["article"]["title"] == first["title"]
    assert body["article"]["url"].endswith(f"/api/v1/articles/{first['id']}/")
    assert body["article"]["page"].endswith(f"/articles/{first['id']}/")
    assert f"(article {first['id']})" in body["message"]
    assert Article.objects.count() == 1


def test_api_answers_pasted_duplicate_text_with_409(api, annotator):
    client = api_as(api, annotator)
    text = "\n\n".join(STORY)
    first = client.post(ARTICLES, {"text": text}, format="json").json()
    response = client.post(ARTICLES, {"text": text, "title": "Again"}, format="json")
    assert response.status_code == 409
    assert response.json()["article"]["id"] == first["id"]
    assert response.json()["fields"] == {"text": [response.json()["message"]]}


def test_api_refuses_a_failed_fetch_with_the_reason_and_writes_nothing(api, annotator, page_server):
    page_server.html("/doc.pdf", b"%PDF-1.7", "application/pdf")
    before = counts()
    response = api_as(api, annotator).post(
        ARTICLES, {"url": page_server.url("/doc.pdf")}, format="json"
    )
    assert response.status_code == 400
    assert "application/pdf" in response.json()["fields"]["url"][0]
    assert counts() == before


def test_api_needs_text_html_or_url(api, annotator):
    response = api_as(api, annotator).post(ARTICLES, {"split": True}, format="json")
    assert response.status_code == 400
    assert "url" in response.json()["fields"]["text"][0]


def test_api_article_shows_its_possible_duplicate_in_fixed_queries(
    api, annotator, django_assert_num_queries
):
    first = article_import(actor=annotator, text="\n\n".join(STORY))
    rewrite = article_import(actor=annotator, text="\n\n".join(REWRITE))
    client = api_as(api, annotator)
    with django_assert_num_queries(1):  # forced authentication reads no session
        response = client.get(f"{ARTICLES}{rewrite.pk}/")
    flagged = response.json()["possible_duplicate_of"]
    assert (flagged["id"], flagged["title"]) == (first.pk, first.title)
    assert 0.5 <= flagged["similarity"] < 1


# The import page


def test_page_imports_from_a_url(client, annotator, story_url):
    client.force_login(annotator)
    response = client.post(reverse("article-import"), {"fetch_url": story_url, "split": "on"})
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    assert article.claims.count() >= 3


def test_page_shows_a_duplicate_with_a_link_to_it(client, annotator, story_url):
    client.force_login(annotator)
    client.post(reverse("article-import"), {"fetch_url": story_url})
    first = Article.objects.get()
    response = client.post(reverse("article-import"), {"fetch_url": story_url})
    assert response.status_code == 409
    html = response.content.decode()
    assert f'<a href="{first.get_absolute_url()}">Open “{first.title}”</a>' in html
    assert "already exists" in html
    assert Article.objects.count() == 1


def test_page_flags_a_rewritten_story_with_a_link(client, annotator):
    first = article_import(actor=annotator, text="\n\n".join(STORY))
    client.force_login(annotator)
    response = client.post(reverse("article-import"), {"text": "\n\n".join(REWRITE)}, follow=True)
    assert PossibleDuplicate.objects.get().duplicate_of == first
    html = response.content.decode()
    assert "may be a rewrite of an earlier article" in html
    assert "Possible duplicate of" in html
    assert f'href="{first.get_absolute_url()}"' in html


def test_page_puts_a_fetch_error_on_the_url_field(client, annotator, page_server):
    client.force_login(annotator)
    before = counts()
    response = client.post(reverse("article-import"), {"fetch_url": page_server.url("/nope")})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "answered 404 Not Found" in errors["fetch_url"][0]
    assert counts() == before


def test_page_refuses_a_url_with_pasted_text(client, annotator, story_url):
    client.force_login(annotator)
    response = client.post(reverse("article-import"), {"fetch_url": story_url, "text": "Hi."})
    assert response.status_code == 400
    assert "only one of them" in response.context["form"].errors["fetch_url"][0]


def test_article_list_shows_import_dates(client, annotator):
    article = article_import(actor=annotator, text="\n\n".join(STORY))
    client.force_login(annotator)
    html = client.get(reverse("article-list")).content.decode()
    assert '<th scope="col">Imported</th>' in html
    # The import time, machine-readable and in the reader's own short date format.
    assert f'<time datetime="{localtime(article.created_at).isoformat()}">' in html
    assert date_format(localtime(article.created_at), "SHORT_DATETIME_FORMAT") in html


# The command line


def test_command_imports_each_url_and_goes_on_after_a_failure(db, page_server, story_url, capsys):
    other = page_server.html("/other", page("Libraries open on Sundays", REWRITE[:1] + STORY[3:]))
    missing = page_server.url("/missing")
    with pytest.raises(CommandError, match="1 of 4 URL"):
        call_command(
            "import_articles",
            "--url",
            story_url,
            "--url",
            missing,
            "--url",
            other,
            "--url",
            story_url,
            "--split",
        )
    out, err = capsys.readouterr()
    first, second = Article.objects.order_by("pk")
    assert f"{story_url}: imported as article {first.pk} ({first.title})" in out
    assert f"{other}: imported as article {second.pk}" in out
    assert f"{story_url}: already here as article {first.pk}" in out
    assert f"{missing}: url: {missing} answered 404 Not Found." in err
    assert first.claims.count() >= 3


def test_command_needs_files_or_urls(db):
    with pytest.raises(CommandError, match="--url URL"):
        call_command("import_articles")


# The admin


def test_admin_imports_from_a_url(client, editor, story_url):
    client.force_login(editor)
    changelist = client.get(reverse("admin:annotations_article_changelist")).content.decode()
    form_url = reverse("admin:annotations_article_import_url")
    assert f'href="{form_url}"' in changelist
    assert client.get(form_url).status_code == 200
    response = client.post(form_url, {"url": story_url, "split": "on"})
    article = Article.objects.get()
    assert response["Location"] == reverse("admin:annotations_article_change", args=[article.pk])
    assert article.claims.count() >= 3
    assert article.fetch_records.count() == 1


def test_admin_shows_errors_and_duplicates(client, editor, story_url, page_server):
    client.force_login(editor)
    form_url = reverse("admin:annotations_article_import_url")
    response = client.post(form_url, {"url": page_server.url("/missing")})
    assert response.status_code == 400
    assert "answered 404" in response.content.decode()
    client.post(form_url, {"url": story_url})
    response = client.post(form_url, {"url": story_url})
    assert response.status_code == 409
    first = Article.objects.get()
    assert reverse("admin:annotations_article_change", args=[first.pk]) in response.content.decode()


def test_admin_import_needs_the_add_permission(client, reviewer, story_url, page_server):
    reviewer.is_staff = True
    reviewer.save()
    client.force_login(reviewer)
    response = client.post(reverse("admin:annotations_article_import_url"), {"url": story_url})
    assert response.status_code == 403
    assert page_server.paths == []
