"""Archived copies in the admin: listed on the source's page, and archived again by an action."""

from django.utils import timezone

from annotations.models import ArchiveStatus, SourceArchive
from tests.factories import SourceFactory


def test_the_source_page_lists_each_attempt_with_a_link_to_the_copy(client, editor):
    source = SourceFactory()
    copy = SourceArchive.objects.create(
        source=source,
        requested_url=source.url,
        status=ArchiveStatus.ARCHIVED,
        text="Kept.",
        sha256="c" * 64,
        fetched_at=timezone.now(),
    )
    SourceArchive.objects.create(
        source=source, requested_url=source.url, status=ArchiveStatus.FAILED, error="HTTP 503"
    )
    client.force_login(editor)
    page = client.get(f"/admin/annotations/source/{source.pk}/change/").content.decode()
    assert f'href="/archives/{copy.pk}/">archived on' in page
    assert "c" * 64 in page and "HTTP 503" in page


def test_the_action_archives_again_and_names_each_refusal(client, editor):
    with_url = SourceFactory()
    without = SourceFactory(url="", normalized_url="", title="Phone interview")
    client.force_login(editor)
    response = client.post(
        "/admin/annotations/source/",
        {"action": "archive_again", "_selected_action": [with_url.pk, without.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Archiving 1 source; 1 failed" in page
    assert "has no URL to archive" in page
    assert list(SourceArchive.objects.values_list("source_id", "status")) == [
        (with_url.pk, ArchiveStatus.PENDING)
    ]
