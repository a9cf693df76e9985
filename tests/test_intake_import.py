"""Import by URL: the service, duplicates, and every entry point, against a local server."""

from __future__ import annotations

import time
from ipaddress import ip_network

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annotations.errors import DuplicateArticleError
from annotations.intake.ssrf import FetchPolicy
from annotations.models import Article, Claim, FetchRecord, PossibleDuplicate
from annotations.services import article_import, article_import_url
from annotations.services import articles as articles_service
from tests.helpers import at_once

pytestmark = pytest.mark.usefixtures("loopback_only")

STORY = [
    "The regional water board said on Tuesday that reservoir levels fell to 41 percent of "
    "capacity in October, the lowest autumn reading since 2017.",
    "Board chair Ines Varga told reporters that household use rose 8 percent over the summer "
    "while rainfall was a third below the long-term average.",
    "The board will ask farms in the valley to cut irrigation by a fifth from January, and "
    "fines of up to 2,000 euros will apply to anyone filling private pools.",
    "Environmental groups welcomed the measures but said leaks in the city network still "
    "waste about a quarter of all treated water every year.",
]
# The same wire story as another outlet ran it: a new first sentence, a few words changed.
REWRITE = [
    "Reservoirs in the region have dropped sharply, officials warned this week.",
    STORY[0].replace("on Tuesday", "this week"),
    STORY[1].replace("told reporters", "said"),
    STORY[2],
    STORY[3].replace("Environmental groups", "Campaigners"),
]
OTHER = [
    "The city's libraries will open on Sundays from March, the culture department said, "
    "after a pilot in two districts drew 30,000 visitors in six months.",
    "Opening hours on weekdays stay the same, and the extra shifts will be covered by 14 new "
    "part-time staff paid from the existing budget for community programmes.",
]


def page(title: str, paragraphs: list[str], *, canonical: str = "") -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title>{link}"
        "<meta name='author' content='Lena Park'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>© Valley Post. All rights reserved.</footer></body></html>"
    )


def counts() -> tuple[int, int, int, int]:
    return (
        Article.objects.count(),
        Claim.objects.count(),
        FetchRecord.objects.count(),
        PossibleDuplicate.objects.count(),
    )


@pytest.fixture
def story_url(page_server) -> str:
    return page_server.html("/water", page("Reservoirs at their lowest since 2017", STORY))


# The service.


def test_import_by_url_fetches_extracts_splits_and_keeps_the_record(
    db, story_url, allow_local, annotator
):
    article = article_import_url(actor=annotator, url=story_url)
    assert article.title == "Reservoirs at their lowest since 2017"
    assert article.url == story_url
    assert article.author == "Lena Park"
    assert article.language == "en"
    assert "reservoir levels fell to 41 percent" in article.text
    assert "All rights reserved" not in article.text and "World" not in article.text
    assert article.original.startswith("<!doctype html>")
    assert article.created_by == annotator
    assert article.claims.count() >= 3
    record = FetchRecord.objects.get()
    assert (record.article, record.requested_url, record.final_url, record.status) == (
        article,
        story_url,
        story_url,
        200,
    )
    assert len(record.content_sha256) == 64 and record.fetched_by == annotator


def test_import_without_split_and_with_a_language(db, story_url, allow_local, annotator):
    article = article_import_url(actor=annotator, url=story_url, split=False, language="en-GB")
    assert (article.claims.count(), article.language) == (0, "en-GB")


def test_redirects_are_recorded_and_the_final_url_kept(
    db, page_server, story_url, allow_local, annotator
):
    start = page_server.redirect("/short/w", "/water")
    article = article_import_url(actor=annotator, url=start)
    record = article.fetch_records.get()
    assert (record.requested_url, record.final_url, record.redirects) == (
        start,
        story_url,
        [story_url],
    )
    assert article.url == story_url


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda s: s.url("/missing"), "answered 404 Not Found"),
        (lambda s: s.html("/doc.pdf", b"%PDF-1.7", "application/pdf"), "is application/pdf"),
        (lambda s: s.html("/pic", b"\x89PNG", "image/png"), "is image/png"),
        (lambda s: s.html("/empty", "<html><body><nav>Home</nav></body></html>"), "no readable"),
        (lambda s: "gopher://example.org/", "Enter a valid URL"),
        (lambda s: "", "Enter the URL"),
    ],
)
def test_a_failed_import_names_the_problem_and_writes_nothing(
    db, page_server, allow_local, annotator, setup, message
):
    url = setup(page_server)
    before = counts()
    with pytest.raises(ValidationError) as caught:
        article_import_url(actor=annotator, url=url)
    assert message in caught.value.message_dict["url"][0]
    assert counts() == before


def test_a_redirect_to_the_metadata_address_is_refused(db, page_server, annotator, monkeypatch):
    # The address rule on, only the local server itself exempt: the redirect's target is refused.
    exempt = FetchPolicy(ports=None, exempt_networks=(ip_network("127.0.0.1/32"),))
    monkeypatch.setattr(FetchPolicy, "from_settings", classmethod(lambda cls: exempt))
    start = page_server.redirect("/meta", "http://169.254.169.254/latest/meta-data/")
    with pytest.raises(ValidationError, match=r"169\.254\.169\.254 is a private"):
        article_import_url(actor=annotator, url=start)
    assert counts() == (0, 0, 0, 0)


def test_the_guard_is_on_by_default(db, annotator):
    with pytest.raises(ValidationError, match="private, local or reserved"):
        article_import_url(actor=annotator, url="http://127.0.0.1/water")
    assert counts() == (0, 0, 0, 0)


def test_a_reviewer_may_not_import_and_nothing_is_fetched(db, page_server, story_url, reviewer):
    with pytest.raises(PermissionDenied):
        article_import_url(actor=reviewer, url=story_url)
    assert page_server.paths == []


# Duplicates.


def test_the_same_url_is_refused_without_fetching_again(
    db, page_server, story_url, allow_local, annotator
):
    first = article_import_url(actor=annotator, url=story_url)
    fetched = len(page_server.paths)
    with pytest.raises(DuplicateArticleError) as caught:
        article_import_url(actor=annotator, url=story_url)
    assert (caught.value.article, caught.value.reason) == (first, "url")
    assert len(page_server.paths) == fetched
    assert f"(article {first.pk})" in caught.value.summary


def test_a_redirect_to_a_known_page_is_a_duplicate(
    db, page_server, story_url, allow_local, annotator
):
    first = article_import_url(actor=annotator, url=story_url)
    start = page_server.redirect("/amp/water", "/water")
    with pytest.raises(DuplicateArticleError) as caught:
        article_import_url(actor=annotator, url=start)
    assert caught.value.article == first
    assert Article.objects.count() == 1


def test_a_page_naming_a_known_canonical_url_is_a_duplicate(
    db, page_server, story_url, allow_local, annotator
):
    first = article_import_url(actor=annotator, url=story_url)
    copy = page_server.html("/print/water", page("Print", STORY, canonical=story_url))
    with pytest.raises(DuplicateArticleError) as caught:
        article_import_url(actor=annotator, url=copy)
    assert caught.value.article == first


def test_the_same_text_under_another_url_is_a_duplicate(
    db, page_server, story_url, allow_local, annotator
):
    first = article_import_url(actor=annotator, url=story_url)
    mirror = page_server.html("/mirror", page("Reservoirs at their lowest since 2017", STORY))
    with pytest.raises(DuplicateArticleError) as caught:
        article_import_url(actor=annotator, url=mirror)
    assert (caught.value.article, caught.value.reason) == (first, "text")


def test_pasted_text_twice_is_a_duplicate(db, annotator):
    text = "\n\n".join(STORY)
    first = article_import(actor=annotator, text=text)
    before = counts()
    with pytest.raises(DuplicateArticleError) as caught:
        article_import(actor=annotator, text=text.replace("\n", "\r\n"))
    assert (caught.value.article, caught.value.reason) == (first, "text")
    assert caught.value.message_dict == {"text": [caught.value.summary]}
    assert counts() == before


def test_a_rewritten_story_is_imported_and_flagged(db, annotator):
    first = article_import(actor=annotator, text="\n\n".join(STORY))
    rewrite = article_import(actor=annotator, text="\n\n".join(REWRITE))
    other = article_import(actor=annotator, text="\n\n".join(OTHER))
    flag = PossibleDuplicate.objects.get()
    assert (flag.article, flag.duplicate_of) == (rewrite, first)
    assert 0.5 <= flag.similarity < 1
    assert not PossibleDuplicate.objects.filter(article=other).exists()
    assert not PossibleDuplicate.objects.filter(article=first).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_text_imported_twice_at_once_is_saved_once(annotator, monkeypatch):
    text = "\n\n".join(STORY)
    fingerprint = articles_service.article_fingerprint

    def slowly(**kwargs):
        # Keep the first import's transaction open after its save, so the second one runs
        # its check while the first has not committed: the window a real race needs.
        time.sleep(0.5)
        return fingerprint(**kwargs)

    monkeypatch.setattr(articles_service, "article_fingerprint", slowly)
    results = at_once(
        lambda: article_import(actor=annotator, text=text),
        lambda: article_import(actor=annotator, text=text),
    )
    outcomes = sorted(kind for kind, _ in results)
    assert outcomes == ["error", "ok"], results
    error = next(value for kind, value in results if kind == "error")
    assert isinstance(error, DuplicateArticleError)
    assert Article.objects.count() == 1
