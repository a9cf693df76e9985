"""Jobs: importing a list of URLs in the background, each item once, with progress and errors."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annotations.models import (
    Article,
    Claim,
    Job,
    JobItem,
    JobItemStatus,
    JobStatus,
)
from annotations.services.common import SYSTEM
from annotations.services.jobs import (
    MAX_JOB_URLS,
    is_transient,
    job_create_url_import,
    job_item_run,
    job_start,
)
from annotations.services.people import interface_language_set
from annotations.tasks.intake import backoff_seconds
from tests.factories import UserFactory
from tests.intake_site import PARAGRAPHS

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(intake_site):
    """Two article pages and one missing page on the local site."""
    first = intake_site.page("/one", "Ridership report", PARAGRAPHS)
    second = intake_site.page(
        "/two", "Budget report", ["The mayor said the budget grew 8 percent in 2024."]
    )
    return first, second, intake_site.url("/missing")


def run_now(django_capture_on_commit_callbacks, **arguments) -> Job:
    """Create a job and run its items here (no broker: Celery's eager mode)."""
    with django_capture_on_commit_callbacks(execute=True):
        job = job_create_url_import(**arguments)
    job.refresh_from_db()
    return job


def test_a_job_imports_each_url_and_records_progress_and_errors(
    pages, annotator, django_capture_on_commit_callbacks
):
    job = run_now(django_capture_on_commit_callbacks, actor=annotator, urls=[*pages, pages[0]])
    assert (job.total, job.done, job.failed) == (3, 2, 1)
    assert job.status == JobStatus.PARTLY_FAILED
    assert job.created_by == annotator and job.finished_at is not None
    done, failed = (
        JobItem.objects.filter(job=job, status=status).order_by("position")
        for status in (JobItemStatus.DONE, JobItemStatus.FAILED)
    )
    assert [item.article.title for item in done] == ["Ridership report", "Budget report"]
    assert all(item.article.created_by == annotator for item in done)
    # Each imported article is split and scored; the item says how many claims it holds.
    claims = Claim.objects.filter(article=done[0].article).count()
    assert claims >= 2
    assert done[0].message.startswith(f"{claims} candidate claims; 0 look checked before")
    (missing,) = failed
    assert missing.url == pages[2] and "404" in missing.message


def test_a_job_whose_items_all_fail_is_failed_and_one_without_failures_is_done(
    pages, annotator, django_capture_on_commit_callbacks
):
    failed = run_now(django_capture_on_commit_callbacks, actor=annotator, urls=[pages[2]])
    assert failed.status == JobStatus.FAILED
    done = run_now(django_capture_on_commit_callbacks, actor=SYSTEM, urls=pages[:1], split=False)
    assert done.status == JobStatus.DONE and done.created_by is None
    assert not Claim.objects.filter(article__url=pages[0]).exists()


def test_a_redelivered_item_imports_nothing_twice(
    pages, annotator, django_capture_on_commit_callbacks
):
    job = run_now(django_capture_on_commit_callbacks, actor=annotator, urls=pages[:1])
    item = job.items.get()
    articles, claims = Article.objects.count(), Claim.objects.count()
    # The broker hands the same message out again (a worker died before acknowledging it).
    job_item_run(item_id=item.pk, url_sha256=item.url_sha256)
    job_start(job_id=job.pk)
    job.refresh_from_db()
    assert (Article.objects.count(), Claim.objects.count()) == (articles, claims)
    assert (job.done, job.failed, job.status) == (1, 0, JobStatus.DONE)
    # A message whose key does not match its item is not run either.
    JobItem.objects.filter(pk=item.pk).update(status=JobItemStatus.QUEUED)
    assert job_item_run(item_id=item.pk, url_sha256="0" * 64) is None


def test_an_article_imported_before_is_linked_not_imported_again(
    pages, annotator, django_capture_on_commit_callbacks
):
    first = run_now(django_capture_on_commit_callbacks, actor=annotator, urls=pages[:1])
    again = run_now(django_capture_on_commit_callbacks, actor=annotator, urls=pages[:1])
    (item,) = again.items.all()
    assert item.status == JobItemStatus.DONE
    assert item.article == first.items.get().article
    assert "already" in item.message and f"(article {item.article_id})" in item.message
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("urls", "language", "message"),
    [
        (["javascript:alert(1)"], "", "URL 1 ('javascript:alert(1)') is not an http"),
        (["https://example.org/a", "example.org/b"], "", "URL 2"),
        (["", "  ", "# a comment"], "", "Give at least one URL."),
        ([f"https://example.org/{n}" for n in range(MAX_JOB_URLS + 1)], "", "more than 1000"),
        (["https://example.org/a\x00"], "", "NUL character"),
        (["https://example.org/a"], "english", "not a language tag"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_written(
    annotator, urls, language, message
):
    with pytest.raises(ValidationError, match=re.escape(message)):
        job_create_url_import(actor=annotator, urls=urls, language=language)
    assert not Job.objects.exists() and not JobItem.objects.exists()


def test_only_people_who_may_import_create_jobs():
    with pytest.raises(PermissionDenied, match="import articles from URLs"):
        job_create_url_import(actor=UserFactory(), urls=["https://example.org/a"])
    assert not Job.objects.exists()


def test_network_errors_are_retried_with_backoff_and_page_errors_are_not(
    intake_site, annotator, django_capture_on_commit_callbacks
):
    import httpx

    from annotations.intake.fetch import FetchError

    assert is_transient(httpx.ConnectError("refused"))
    assert is_transient(FetchError("timeout", temporary=True))
    wrapped = ValidationError("the page could not be fetched")
    wrapped.__cause__ = FetchError("503", temporary=True)
    assert is_transient(wrapped)
    assert not is_transient(ValidationError("404"))
    assert [backoff_seconds(n) for n in range(7)] == [10, 20, 40, 80, 160, 320, 600]
    # Without a broker there is no queue to retry from: the item fails, naming the cause.
    intake_site.routes.clear()
    from tests.intake_site import Route

    intake_site.routes["/busy"] = Route(b"busy", "text/plain", status=503)
    job = run_now(
        django_capture_on_commit_callbacks, actor=annotator, urls=[intake_site.url("/busy")]
    )
    assert job.status == JobStatus.FAILED
    assert "503" in job.items.get().message


def test_a_jobs_outcome_is_written_in_the_language_of_whoever_asked(
    pages, annotator, django_capture_on_commit_callbacks
):
    interface_language_set(user=annotator, actor=annotator, language="fr")
    job = run_now(django_capture_on_commit_callbacks, actor=annotator, urls=[pages[1]])
    (item,) = JobItem.objects.filter(job=job)
    claims = Claim.objects.filter(article=item.article).count()
    noun = "affirmation candidate" if claims == 1 else "affirmations candidates"
    assert item.message.startswith(f"{claims} {noun} ; ")
    assert item.message.endswith("déjà vérifiées.") or item.message.endswith("déjà vérifiée.")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_items_of_one_job_are_imported_side_by_side(pages, annotator, monkeypatch):
    import threading

    from django.db import connection, connections

    import annotations.services.intake as intake

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL): SQLite runs one writer at a time")
    job = job_create_url_import(actor=annotator, urls=list(pages[:2]), defer=True)
    first, second = job.items.order_by("position")
    entered, release = threading.Event(), threading.Event()
    real_import = intake.article_import_url

    def slow_first(*, url: str, **arguments):
        if url == first.url:
            entered.set()
            release.wait(timeout=30)
        return real_import(url=url, **arguments)

    monkeypatch.setattr(intake, "article_import_url", slow_first)

    def run(item) -> None:
        try:
            job_item_run(item_id=item.pk, url_sha256=item.url_sha256)
        finally:
            connections.close_all()

    slow = threading.Thread(target=run, args=(first,))
    slow.start()
    try:
        assert entered.wait(timeout=30)
        # The first item's transaction is open (its page still "downloading"): the second
        # item of the same job is imported meanwhile, not after it.
        fast = threading.Thread(target=run, args=(second,))
        fast.start()
        fast.join(timeout=20)
        assert not fast.is_alive(), "the second item waited for the first"
        assert JobItem.objects.get(pk=second.pk).status == JobItemStatus.DONE
        assert JobItem.objects.get(pk=first.pk).status == JobItemStatus.QUEUED
    finally:
        release.set()
        slow.join(timeout=60)
    job.refresh_from_db()
    assert (job.done, job.failed, job.status) == (2, 0, JobStatus.DONE)
