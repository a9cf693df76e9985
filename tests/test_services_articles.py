import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annotations.models import Article
from annotations.services import (
    SYSTEM,
    article_build,
    article_create,
    article_import,
    article_update_metadata,
)
from annotations.services.articles import derive_title
from annotations.splitting.normalize import text_sha256

AGENCY_COPY = (
    "\ufeffdate 2026-02-03 Officials said 40 buses were added.\r\n\r\n"
    "Ridership rose 12% in 2025.\r\n\r\n(Example Wire – Lisbon)\r\n"
)


@pytest.fixture
def no_articles_written(db):
    before = Article.objects.count()
    yield
    assert Article.objects.count() == before


def test_import_normalises_lifts_metadata_and_keeps_the_original(annotator):
    article = article_import(text=AGENCY_COPY, actor=annotator)
    article.refresh_from_db()

    assert article.text == "Officials said 40 buses were added.\n\nRidership rose 12% in 2025."
    assert article.published_at == datetime.date(2026, 2, 3)
    assert (article.publisher, article.dateline) == ("Example Wire", "Lisbon")
    assert article.original == AGENCY_COPY
    assert article.text_sha256 == text_sha256(article.text)
    assert article.language == "en"
    assert article.created_by == annotator
    assert article.title == "Officials said 40 buses were added."


def test_explicit_metadata_overrides_what_is_lifted(db):
    article = article_import(
        actor=SYSTEM,
        text=AGENCY_COPY,
        title="Buses",
        publisher="Desk",
        url="https://example.org/a",
        language="pt-PT",
        published_at="2026-02-04",
        author="A. Writer",
    )
    assert (article.title, article.publisher, article.url) == (
        "Buses",
        "Desk",
        "https://example.org/a",
    )
    assert article.published_at == datetime.date(2026, 2, 4)
    assert article.language == "pt-PT"
    assert article.dateline == "Lisbon"


def test_import_from_a_markdown_file_takes_its_heading_as_title(db):
    data = b"# Measles cases rise\n\nHealth officials reported 27 cases."
    article = article_import(actor=SYSTEM, file=io.BytesIO(data), filename="report.md")
    assert article.title == "Measles cases rise"
    assert article.original_filename == "report.md"


def test_sample_article_is_lifted(shared_dir, db):
    path = shared_dir / "samples" / "us-hamas-talks.txt"
    with path.open("rb") as handle:
        article = article_import(actor=SYSTEM, file=handle, filename=path.name)
    assert article.published_at == datetime.date(2025, 3, 5)
    assert "(YWN World Headquarters – NYC)" not in article.text
    assert article.publisher == "YWN World Headquarters"
    assert article.text.endswith("pressure against Hamas.")
    assert article.original == path.read_text("utf-8")


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"text": ""}, "text", "empty"),
        ({"text": " \n\t \u3000"}, "text", "empty"),
        ({"text": "(Reuters)"}, "text", "Nothing claimable"),
        ({"text": "date 2025-02-30 Bad day."}, "published_at", "not a valid date"),
        ({"text": "Fine.", "published_at": "yesterday"}, "published_at", "YYYY-MM-DD"),
        ({"text": "Fine.", "url": "not a url"}, "url", "valid URL"),
        ({"text": "Fine.", "url": "ftp://example.org/x"}, "url", "valid URL"),
        ({"text": "Fine.", "language": "English"}, "language", "language tag"),
        ({"text": "Fine.", "title": "x" * 501}, "title", "at most 500"),
        ({"text": "Fine \ud800 broken."}, "text", "surrogate"),
        ({"text": b"\xff\xfe broken bytes"}, "text", "not valid UTF-8"),
        ({"text": "Fine.", "file": io.BytesIO(b"x")}, "text", "not both"),
        ({}, "text", "either the text or a file"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(kwargs, field, message, no_articles_written):
    with pytest.raises(ValidationError) as raised:
        article_import(actor=SYSTEM, **kwargs)
    errors = raised.value.message_dict
    assert field in errors, errors
    assert message in " ".join(errors[field])


def test_unsupported_file_type_is_refused(no_articles_written):
    with pytest.raises(ValidationError) as raised:
        article_import(actor=SYSTEM, file=io.BytesIO(b"%PDF-1.7"), filename="report.pdf")
    assert "report.pdf: unsupported file type .pdf" in raised.value.message_dict["file"][0]


def test_file_that_is_not_utf8_is_refused(no_articles_written):
    with pytest.raises(ValidationError) as raised:
        article_import(actor=SYSTEM, file=io.BytesIO("Caf\xe9".encode("latin-1")), filename="a.txt")
    assert "not valid UTF-8" in raised.value.message_dict["file"][0]


def test_size_limit_is_configurable(settings, no_articles_written):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 10
    with pytest.raises(ValidationError) as raised:
        article_import(actor=SYSTEM, text="é" * 6)  # 12 bytes of UTF-8, 6 characters
    assert "larger than the limit of 10 bytes" in raised.value.message_dict["text"][0]
    with pytest.raises(ValidationError):
        article_import(actor=SYSTEM, file=io.BytesIO(b"x" * 11), filename="big.txt")


def test_default_size_limit_is_two_megabytes(settings, no_articles_written):
    assert settings.FACTCHECK_MAX_ARTICLE_BYTES == 2 * 1024 * 1024
    with pytest.raises(ValidationError) as raised:
        article_import(actor=SYSTEM, text="a" * (2 * 1024 * 1024 + 1))
    assert "2 MB" in raised.value.message_dict["text"][0]


def test_duplicate_url_is_refused(db):
    article_import(actor=SYSTEM, text="First.", url="https://example.org/story")
    with pytest.raises(ValidationError) as raised:
        article_import(actor=SYSTEM, text="Second.", url="https://example.org/story")
    assert "already exists" in raised.value.message_dict["url"][0]
    assert Article.objects.count() == 1


def test_articles_without_url_may_coexist(db):
    article_import(actor=SYSTEM, text="First.")
    article_import(actor=SYSTEM, text="Second.")
    assert Article.objects.count() == 2


def test_update_metadata_changes_fields_but_never_the_text(annotator):
    article = article_import(actor=SYSTEM, text="Officials said 40 buses were added.")
    article_update_metadata(
        article=article, actor=annotator, title="New", published_at="2026-01-02"
    )
    article.refresh_from_db()
    assert article.title == "New"
    assert article.published_at == datetime.date(2026, 1, 2)
    # Audited: the history keeps who changed the title, and from what.
    latest, earlier = article.history.order_by("-history_date")[:2]
    assert (latest.history_user, latest.title, earlier.title) == (
        annotator,
        "New",
        "Officials said 40 buses were added.",
    )
    with pytest.raises(ValidationError) as raised:
        article_update_metadata(article=article, actor=annotator, text="Other text.")
    assert "text" in raised.value.message_dict
    article.refresh_from_db()
    assert article.text == "Officials said 40 buses were added."


@pytest.mark.parametrize("who", [None, "reviewer"])
def test_editing_details_needs_the_permission_to_change_articles(who, reviewer, article):
    with pytest.raises(PermissionDenied, match=r"annotations\.change_article"):
        article_update_metadata(article=article, actor=reviewer if who else None, title="X")
    article.refresh_from_db()
    assert article.title == "Transit report"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "The transit authority said on Tuesday that ridership rose 12% in 2025 across "
            "the whole network. Officials added more.",
            "The transit authority said on Tuesday that ridership rose 12% in 2025 across "
            "the whole network.",
        ),
        ("word " * 60, "word " * 15 + "word…"),
        ("交" * 200, "交" * 80 + "…"),
    ],
)
def test_a_derived_title_never_ends_inside_a_word(text, title):
    assert derive_title(text.strip()) == title.strip().replace(" …", "…")


@pytest.mark.parametrize("who", [None, "reviewer"])
def test_import_needs_the_permission_to_add_articles(who, reviewer, no_articles_written):
    actor = reviewer if who else None
    with pytest.raises(PermissionDenied, match=r"annotations\.add_article"):
        article_import(text=AGENCY_COPY, actor=actor)
    with pytest.raises(PermissionDenied, match=r"annotations\.add_article"):
        article_create(article=article_build(text=AGENCY_COPY), actor=actor)


def test_import_from_the_command_line_credits_nobody(db):
    article = article_import(text=AGENCY_COPY, actor=SYSTEM)
    article.refresh_from_db()
    assert article.created_by is None


def test_an_import_asks_whether_it_is_a_duplicate_once(db, annotator, monkeypatch):
    import annotations.services.articles as articles

    asked = []
    original = articles.refuse_duplicate

    def spy(**kwargs):
        asked.append(kwargs)
        original(**kwargs)

    monkeypatch.setattr(articles, "refuse_duplicate", spy)
    article_import(actor=annotator, text="The council approved 12 new buses on Monday.")
    # Under the text's lock, just before saving; the build leaves the question to it.
    assert len(asked) == 1
    assert asked[0]["text_sha256"]
