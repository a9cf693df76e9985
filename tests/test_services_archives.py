"""Archived sources: a cited page is fetched after commit through the safe fetcher, a failure
is recorded without touching the evidence, archiving again is possible, and the stored copy is
shown as sanitised text."""

import functools
import hashlib
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annotations.models import ArchiveStatus, Evidence, ReviewAction, SourceArchive
from annotations.services import claim_transition, evidence_add
from annotations.services.archives import source_archive_request, source_archive_run
from tests.factories import ClaimFactory, SourceFactory
from tests.helpers import publish

PAGE = (
    "<!doctype html><html><head><title>Ridership 2025</title>"
    "<script>document.title='pwned'</script></head><body><h1>Ridership 2025</h1>"
    "<p>Ridership rose 12% in 2025.</p><p onclick='steal()'>Fares fell <b>4%</b>.</p>"
    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p></body></html>"
)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def site(tmp_path, settings):
    """Serve tmp_path on 127.0.0.1, with the fetcher allowed to reach it."""
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE = True
    (tmp_path / "stats.html").write_text(PAGE, encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def researching(annotator):
    return claim_transition(claim=ClaimFactory(), actor=annotator, action=ReviewAction.START)


def _cite(claim, actor, url, capture, *, execute=True):
    with capture(execute=execute):
        return evidence_add(claim=claim, actor=actor, stance="supports", url=url, title="Stats")


def test_a_cited_page_is_archived_as_text_with_its_hash(
    site, researching, annotator, django_capture_on_commit_callbacks
):
    evidence = _cite(
        researching, annotator, f"{site}/stats.html", django_capture_on_commit_callbacks
    )
    archive = SourceArchive.objects.get(source=evidence.source)
    assert archive.status == ArchiveStatus.ARCHIVED
    assert archive.final_url == f"{site}/stats.html"
    assert archive.http_status == 200
    assert archive.fetched_at is not None
    assert "Ridership rose 12% in 2025." in archive.text
    assert "pwned" not in archive.text and "onclick" not in archive.text
    assert archive.sha256 == hashlib.sha256(archive.text.encode("utf-8")).hexdigest()
    assert archive.requested_by == annotator


def test_nothing_is_fetched_before_the_evidence_commits(
    site, researching, annotator, django_capture_on_commit_callbacks
):
    evidence = _cite(
        researching,
        annotator,
        f"{site}/stats.html",
        django_capture_on_commit_callbacks,
        execute=False,
    )
    assert SourceArchive.objects.get(source=evidence.source).status == ArchiveStatus.PENDING


@pytest.mark.parametrize("private_allowed", [True, False])
def test_a_failed_fetch_is_recorded_and_the_evidence_stays(
    site, settings, researching, annotator, private_allowed, django_capture_on_commit_callbacks
):
    settings.FACTCHECK_FETCH_ALLOW_PRIVATE = private_allowed
    # Missing page (404) when private addresses are allowed; the guard's refusal otherwise.
    evidence = _cite(
        researching, annotator, f"{site}/gone.html", django_capture_on_commit_callbacks
    )
    archive = SourceArchive.objects.get(source=evidence.source)
    assert archive.status == ArchiveStatus.FAILED
    assert archive.error and archive.text == "" and archive.sha256 == ""
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_a_source_with_a_copy_is_not_fetched_again_when_cited_again(
    site, annotator, django_capture_on_commit_callbacks
):
    url = f"{site}/stats.html"
    for _ in range(2):
        claim = claim_transition(claim=ClaimFactory(), actor=annotator, action="start")
        _cite(claim, annotator, url, django_capture_on_commit_callbacks)
    assert SourceArchive.objects.count() == 1


def test_archiving_again_adds_an_attempt_and_keeps_the_old_copy(
    site, researching, annotator, django_capture_on_commit_callbacks
):
    evidence = _cite(
        researching, annotator, f"{site}/stats.html", django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        again = source_archive_request(source=evidence.source, actor=annotator)
    again.refresh_from_db()
    assert again.status == ArchiveStatus.ARCHIVED
    assert evidence.source.archives.filter(status=ArchiveStatus.ARCHIVED).count() == 2


def test_a_redelivered_archive_task_changes_nothing(
    site, researching, annotator, django_capture_on_commit_callbacks
):
    evidence = _cite(
        researching, annotator, f"{site}/stats.html", django_capture_on_commit_callbacks
    )
    archive = SourceArchive.objects.get(source=evidence.source)
    assert source_archive_run(archive_id=archive.pk) is None
    archive.refresh_from_db()
    assert archive.status == ArchiveStatus.ARCHIVED


def test_archiving_again_refuses_bad_requests_and_writes_nothing(annotator, reviewer):
    pending = SourceArchive.objects.create(
        source=SourceFactory(url="https://example.org/a"), requested_url="https://example.org/a"
    )
    no_url = SourceFactory(url="", title="Interview")
    with pytest.raises(PermissionDenied, match="annotator or editor"):
        source_archive_request(source=pending.source, actor=reviewer)
    with pytest.raises(ValidationError, match="no URL"):
        source_archive_request(source=no_url, actor=annotator)
    with pytest.raises(ValidationError, match="already being archived"):
        source_archive_request(source=pending.source, actor=annotator)
    assert SourceArchive.objects.count() == 1


def test_the_archive_page_shows_sanitised_text_labelled_as_an_archive(
    site, client, researching, annotator, django_capture_on_commit_callbacks
):
    evidence = _cite(
        researching, annotator, f"{site}/stats.html", django_capture_on_commit_callbacks
    )
    archive = SourceArchive.objects.get(source=evidence.source)
    client.force_login(annotator)
    page = client.get(f"/archives/{archive.pk}/").content.decode()
    assert "Archived copy" in page and archive.sha256 in page
    assert f"{site}/stats.html" in page
    assert "Ridership rose 12% in 2025." in page
    # The page's own markup arrives as text, escaped; its script never.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>4%</b>" not in page and "pwned" not in page
    claim_page = client.get(f"/claims/{researching.pk}/").content.decode()
    assert f'href="/archives/{archive.pk}/"' in claim_page
    assert "archived on" in claim_page


def test_only_published_claims_archives_are_public(
    client, annotator, reviewer, editor, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=False):
        published = publish(claim, annotator=annotator, reviewer=reviewer, editor=editor)
    source = published.evidence.get().source
    copy = SourceArchive.objects.get(source=source)
    SourceArchive.objects.filter(pk=copy.pk).update(
        status=ArchiveStatus.ARCHIVED, text="Kept.", sha256="0" * 64, fetched_at=copy.created_at
    )
    unpublished = SourceArchive.objects.create(
        source=SourceFactory(url="https://example.org/b"),
        requested_url="https://example.org/b",
        status=ArchiveStatus.ARCHIVED,
        text="Internal.",
        sha256="1" * 64,
        fetched_at=copy.created_at,
    )
    assert client.get(f"/archives/{copy.pk}/").status_code == 200
    assert client.get(f"/archives/{unpublished.pk}/").status_code == 404
    public_page = client.get(f"/factchecks/{published.pk}/").content.decode()
    assert f'href="/archives/{copy.pk}/" class="archived-link">archived on' in public_page
    client.force_login(reviewer)
    assert client.get(f"/archives/{unpublished.pk}/").status_code == 200


def test_the_archive_again_button_reports_a_refusal(client, reviewer, annotator):
    source = SourceFactory(url="")
    client.force_login(annotator)
    response = client.post(f"/sources/{source.pk}/archive/", {"next": "/claims/"}, follow=True)
    assert "Not archived: Source" in response.content.decode()
    assert not SourceArchive.objects.exists()
