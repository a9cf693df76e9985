"""Archived copies of sources: the one a page shows, and the newest per source."""

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Func, OuterRef, Prefetch, Subquery

from annotations.models import ArchiveStatus, ClaimStatus, SourceArchive

VIEW_SOURCE = "annotations.view_source"


def archived_copy(*, pk: int, user: AbstractBaseUser | AnonymousUser) -> SourceArchive | None:
    """Return the archived copy `pk` if this user may read it.

    The desk reads every copy; anyone else only a copy of a source that a published claim
    cites, which the public exports link to.
    """
    copies = SourceArchive.objects.filter(pk=pk, status=ArchiveStatus.ARCHIVED).select_related(
        "source"
    )
    if not (user.is_authenticated and user.has_perm(VIEW_SOURCE)):
        copies = copies.filter(source__evidence__claim__status=ClaimStatus.PUBLISHED).distinct()
    return copies.first()


def archives_prefetch(lookup: str = "source__archives") -> Prefetch:
    """Prefetch each source's archive attempts, newest first, as `archive_list`."""
    return Prefetch(
        lookup,
        queryset=SourceArchive.objects.defer("text").order_by("-created_at", "-id"),
        to_attr="archive_list",
    )


def archive_state(source) -> tuple[SourceArchive | None, SourceArchive | None]:
    """Return a source's newest archived copy and its newest attempt, from `archives_prefetch`."""
    attempts = getattr(source, "archive_list", None)
    if attempts is None:
        attempts = list(source.archives.defer("text").order_by("-created_at", "-id"))
    copy = next((a for a in attempts if a.status == ArchiveStatus.ARCHIVED), None)
    return copy, (attempts[0] if attempts else None)


# The newest archived copy of each evidence's source, as columns of the evidence row.
ARCHIVE_COLUMNS = ("archive_id", "archive_at", "archive_sha256", "archive_final_url")


def latest_copy_columns(
    moment: Callable[[str], str | Func] = lambda field: field,
) -> dict[str, Subquery]:
    """Return annotations naming each evidence row's source's newest archived copy.

    `moment` selects the copy's time (the export loader has PostgreSQL print it as text); it is
    applied inside the subquery, where the time is a plain column.
    """
    copies = SourceArchive.objects.filter(
        source=OuterRef("source_id"), status=ArchiveStatus.ARCHIVED
    ).order_by("-fetched_at", "-id")
    at = moment("fetched_at")
    if not isinstance(at, str):
        copies = copies.annotate(at_text=at)
        at = "at_text"
    fields = ("id", at, "sha256", "final_url")
    return {
        column: Subquery(copies.values(field)[:1])
        for column, field in zip(ARCHIVE_COLUMNS, fields, strict=True)
    }
