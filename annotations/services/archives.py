"""Archived copies of cited web pages: request one, then fetch it through the intake's safe
fetcher on a worker once the request has committed.

The stored copy is the page's readable text (HTML reduced to text, so nothing in it can run
on our pages), and `sha256` is the SHA-256 of that text in UTF-8: anyone holding the stored
copy can check it. A fetch that fails is recorded with its error and never undoes the evidence
whose citation asked for it; archiving again makes a new attempt and keeps the old ones.
"""

import hashlib
import logging

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from annotations.htmltext import html_to_text, sanitize_html
from annotations.models import ArchiveStatus, Source, SourceArchive
from annotations.public_cache import public_pages_changed
from annotations.services.background import run_after_commit

logger = logging.getLogger("annotations.archives")

ARCHIVE_TASK = "annotations.tasks.archives.archive_source"
ARCHIVE_SOURCE = "annotations.change_source"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAX_ERROR = 1000


def source_archive_request(*, source: Source, actor: AbstractBaseUser | None) -> SourceArchive:
    """Archive the source's web page again (a new attempt; earlier copies are kept)."""
    if actor is None or not actor.has_perm(ARCHIVE_SOURCE):
        raise PermissionDenied(
            _(
                "Role rule: archiving a source needs the annotator or editor role "
                "(%(archive_source)s)."
            )
            % {"archive_source": ARCHIVE_SOURCE}
        )
    if not source.url:
        raise ValidationError(
            {"url": (_("Source %(source_pk)s has no URL to archive.") % {"source_pk": source.pk})}
        )
    with transaction.atomic():
        # Locking the source keeps two clicks from queueing two fetches.
        Source.objects.select_for_update().filter(pk=source.pk).first()
        if SourceArchive.objects.filter(source=source, status=ArchiveStatus.PENDING).exists():
            raise ValidationError(
                {
                    "url": (
                        _("Source %(source_pk)s is already being archived; wait for that copy.")
                        % {"source_pk": source.pk}
                    )
                }
            )
        return _queue(source, actor)


def source_archive_cited(*, source: Source, actor: AbstractBaseUser | None) -> SourceArchive | None:
    """Queue an archive of a source just cited, unless it has a URL no longer or a copy already."""
    if not source.url:
        return None
    has_copy = SourceArchive.objects.filter(
        source=source, status__in=(ArchiveStatus.PENDING, ArchiveStatus.ARCHIVED)
    ).exists()
    return None if has_copy else _queue(source, actor)


def source_archive_run(*, archive_id: int) -> SourceArchive | None:
    """Fetch the page of a pending archive and record the copy or the error; run it once only."""
    from annotations.intake.fetch import FetchError, fetch_url

    archive = SourceArchive.objects.filter(pk=archive_id, status=ArchiveStatus.PENDING).first()
    if archive is None:
        # Done already (a re-delivered task) or removed with its source.
        return None
    try:
        result = fetch_url(archive.requested_url)
    except FetchError as error:
        return _finish(archive, status=ArchiveStatus.FAILED, error=str(error))
    except Exception as error:
        logger.exception("archive %s of %s failed", archive.pk, archive.requested_url)
        return _finish(
            archive, status=ArchiveStatus.FAILED, error=f"Unexpected error: {type(error).__name__}"
        )
    text = _readable(result.body_text, result.content_type)
    return _finish(
        archive,
        status=ArchiveStatus.ARCHIVED,
        final_url=result.final_url,
        http_status=result.status,
        content_type=result.content_type,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        fetched_at=result.fetched_at,
    )


def _queue(source: Source, actor: AbstractBaseUser | None) -> SourceArchive:
    archive = SourceArchive(source=source, requested_url=source.url, requested_by=actor)
    archive.full_clean()
    archive.save()
    run_after_commit(ARCHIVE_TASK, source_archive_run, archive_id=archive.pk)
    return archive


def _finish(archive: SourceArchive, **fields) -> SourceArchive:
    if "error" in fields:
        fields["error"] = fields["error"][:_MAX_ERROR]
        fields["fetched_at"] = timezone.now()
    with transaction.atomic():
        updated = SourceArchive.objects.filter(pk=archive.pk, status=ArchiveStatus.PENDING).update(
            **fields
        )
    if updated:
        archive.refresh_from_db()
        if archive.status == ArchiveStatus.ARCHIVED:
            # A published fact-check links its sources' archived copies.
            public_pages_changed()
    return archive


def _readable(body: str, content_type: str) -> str:
    if content_type.split(";")[0].strip().lower() in _HTML_TYPES:
        return html_to_text(sanitize_html(body))
    return body.strip()
