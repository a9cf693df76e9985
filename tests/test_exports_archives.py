"""The export's `archive` on each source: the newest archived copy's time, hash, page and final
URL, valid against the schema, and the same from the fast loader as from the ORM."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from annotations.exports.records import claim_record
from annotations.exports.stream import export_stream
from annotations.models import ArchiveStatus, SourceArchive
from tests.export_reference import orm_published_claims
from tests.helpers import published_claim

SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "docs" / "export.schema.json").read_text()
)


@pytest.fixture
def archived(annotator, reviewer, editor, settings):
    """Return the newest of a published claim's source's copies (after a failure, an older)."""
    settings.FACTCHECK_PUBLIC_BASE_URL = "https://desk.example.org"
    claim = published_claim(annotator=annotator, reviewer=reviewer, editor=editor)
    source = claim.evidence.get().source
    # The evidence asked for a copy; the fetch never ran here (it runs after commit).
    SourceArchive.objects.filter(source=source).update(
        status=ArchiveStatus.FAILED, error="Timed out."
    )
    earlier = timezone.now() - timezone.timedelta(days=2)
    for days, digest in ((2, "a"), (1, "b")):
        SourceArchive.objects.create(
            source=source,
            requested_url=source.url,
            final_url=source.url + "?from=redirect",
            status=ArchiveStatus.ARCHIVED,
            text="Ridership grew by 11.8%.",
            sha256=digest * 64,
            fetched_at=earlier + timezone.timedelta(days=2 - days),
        )
    return SourceArchive.objects.get(sha256="b" * 64)


def _records() -> list[dict]:
    return json.loads("".join(export_stream("json")))["claims"]


def test_the_source_carries_its_newest_archived_copy(archived):
    newest = archived
    archive = _records()[0]["evidence"][0]["source"]["archive"]
    assert archive == {
        "archived_at": newest.fetched_at.isoformat(),
        "sha256": "b" * 64,
        "url": f"https://desk.example.org/archives/{newest.pk}/",
        "final_url": newest.final_url,
    }


def test_the_archive_is_valid_and_null_without_a_copy(archived):
    document = json.loads("".join(export_stream("json")))
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    validator.validate(document)
    SourceArchive.objects.filter(status=ArchiveStatus.ARCHIVED).delete()
    document = json.loads("".join(export_stream("json")))
    validator.validate(document)
    assert document["claims"][0]["evidence"][0]["source"]["archive"] is None


def test_the_fast_loader_gives_what_the_orm_gives(archived):
    reference = [claim_record(claim, include_article_text=True) for claim in orm_published_claims()]
    assert _records() == reference


def test_archives_cost_the_export_no_query(archived):
    # The newest copy is read in the evidence rows' own query.
    with CaptureQueriesContext(connection) as with_copies:
        _records()
    SourceArchive.objects.all().delete()
    with CaptureQueriesContext(connection) as without:
        _records()
    assert len(with_copies.captured_queries) == len(without.captured_queries)
