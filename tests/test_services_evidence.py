"""Sources (deduplicated by normalised URL) and evidence on claims."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annotations.models import Evidence, Source, SourceKind, Stance
from annotations.services import (
    evidence_add,
    evidence_remove,
    evidence_update,
    source_create,
    source_get_or_create,
)
from annotations.services.evidence import normalize_url
from tests.factories import ClaimFactory, EvidenceFactory, SourceFactory


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://stats.example.gov/reports/7", "stats.example.gov/reports/7"),
        ("http://stats.example.gov/reports/7/", "stats.example.gov/reports/7"),
        ("HTTPS://WWW.Stats.Example.gov:443/reports/7#table-2", "stats.example.gov/reports/7"),
        (
            "https://stats.example.gov/reports/7?utm_source=x&fbclid=y",
            "stats.example.gov/reports/7",
        ),
        ("https://example.org/a?b=2&a=1", "example.org/a?a=1&b=2"),
        ("https://example.org/a?a=1&b=2&utm_medium=social", "example.org/a?a=1&b=2"),
        ("https://example.org:8080/a", "example.org:8080/a"),
        ("https://example.org/", "example.org"),
        ("https://example.org/Report.PDF", "example.org/Report.PDF"),
        ("https://example.org/caf%c3%a9", "example.org/caf%C3%A9"),
        ("https://example.org/café", "example.org/caf%C3%A9"),
        ("https://bücher.example/katalog", "xn--bcher-kva.example/katalog"),
        ("  https://example.org/x  ", "example.org/x"),
    ],
)
def test_normalize_url(url, key):
    assert normalize_url(url) == key


@pytest.mark.parametrize("url", ["", "ftp://example.org/file", "example.org/page", "https://"])
def test_normalize_url_refuses_what_is_not_a_web_address(url):
    with pytest.raises(ValidationError) as error:
        normalize_url(url)
    assert "url" in error.value.message_dict


def test_source_get_or_create_finds_every_spelling(annotator):
    source, created = source_get_or_create(
        actor=annotator, url="https://www.stats.example.gov/ridership/?utm_source=news"
    )
    assert created
    assert source.title == "https://www.stats.example.gov/ridership/?utm_source=news"
    assert source.normalized_url == "stats.example.gov/ridership"
    for spelling in ("http://stats.example.gov/ridership", "https://STATS.example.gov/ridership#x"):
        again, created = source_get_or_create(actor=annotator, url=spelling, title="Other title")
        assert (again, created) == (source, False)
    assert Source.objects.count() == 1
    assert Source.objects.get().title == source.title


def test_source_create_refuses_a_known_url(annotator):
    first = source_create(actor=annotator, url="https://example.org/report", title="Report")
    with pytest.raises(ValidationError, match=f"Source {first.pk} \\(Report\\) has this URL"):
        source_create(actor=annotator, url="https://www.example.org/report/", title="Same")
    assert Source.objects.count() == 1


def test_sources_without_url_need_a_title_and_are_not_deduplicated(annotator):
    with pytest.raises(ValidationError) as error:
        source_create(actor=annotator, title="  ")
    assert "title" in error.value.message_dict
    one = source_create(actor=annotator, title="Interview with the transit authority")
    two = source_create(actor=annotator, title="Interview with the transit authority")
    assert one.pk != two.pk and one.normalized_url == two.normalized_url == ""


def test_source_fields_are_validated(annotator):
    with pytest.raises(ValidationError) as error:
        source_create(actor=annotator, title="Report", kind="rumour")
    assert "kind" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        source_create(actor=annotator, title="Report", published_at="last week")
    assert "published_at" in error.value.message_dict


def test_reviewer_cannot_add_sources(reviewer):
    with pytest.raises(PermissionDenied, match="Role rule"):
        source_create(actor=reviewer, url="https://example.org/x", title="X")


def test_evidence_add_with_a_url_cites_the_existing_source(annotator):
    known = SourceFactory(
        url="https://stats.example.gov/r/1", normalized_url="stats.example.gov/r/1"
    )
    claim = ClaimFactory(researching=True)
    evidence = evidence_add(
        claim=claim,
        actor=annotator,
        url="http://www.stats.example.gov/r/1/",
        stance=Stance.REFUTES,
        excerpt=" Ridership fell by 9%. ",
    )
    assert evidence.source == known
    assert evidence.excerpt == "Ridership fell by 9%."
    assert evidence.added_by == annotator
    assert evidence.history.get().history_user == annotator


def test_a_source_is_cited_once_per_claim(annotator):
    claim = ClaimFactory(researching=True)
    source = SourceFactory()
    first = evidence_add(claim=claim, actor=annotator, source=source, stance=Stance.SUPPORTS)
    with pytest.raises(
        ValidationError, match=f"already cited for this claim \\(evidence {first.pk}\\)"
    ):
        evidence_add(claim=claim, actor=annotator, source=source, stance=Stance.REFUTES)
    other_claim = ClaimFactory(researching=True, start=89, end=158)
    evidence_add(claim=other_claim, actor=annotator, source=source, stance=Stance.CONTEXT)
    assert Evidence.objects.filter(source=source).count() == 2


def test_evidence_add_validates_the_stance(annotator):
    with pytest.raises(ValidationError) as error:
        evidence_add(
            claim=ClaimFactory(researching=True),
            actor=annotator,
            source=SourceFactory(),
            stance="agrees",
        )
    assert "stance" in error.value.message_dict
    assert not Evidence.objects.exists()


def test_evidence_add_needs_a_source_or_url(annotator):
    with pytest.raises(ValidationError) as error:
        evidence_add(claim=ClaimFactory(researching=True), actor=annotator, stance=Stance.REFUTES)
    assert "source" in error.value.message_dict


def test_evidence_add_creates_the_source_it_cites(annotator):
    claim = ClaimFactory(researching=True)
    new_source = {
        "title": "Interview with the harbour master",
        "publisher": "Desk notes",
        "published_at": "2026-03-01",
        "kind": SourceKind.INTERVIEW,
    }
    evidence = evidence_add(claim=claim, actor=annotator, stance=Stance.CONTEXT, **new_source)
    source = evidence.source
    assert source.url == ""
    assert (source.title, source.publisher, source.kind) == (
        new_source["title"],
        new_source["publisher"],
        new_source["kind"],
    )
    assert source.created_by == annotator


def test_evidence_add_refused_leaves_no_source(reviewer):
    with pytest.raises(PermissionDenied):
        evidence_add(
            claim=ClaimFactory(researching=True),
            actor=reviewer,
            stance=Stance.SUPPORTS,
            url="https://example.org/report",
            title="Report",
        )
    assert not Source.objects.exists()


def test_evidence_is_frozen_once_submitted(annotator):
    claim = ClaimFactory(in_review=True)
    evidence = EvidenceFactory(claim=claim)
    with pytest.raises(ValidationError, match=r"Research rule: .* this one is in review"):
        evidence_add(claim=claim, actor=annotator, source=SourceFactory(), stance=Stance.CONTEXT)
    with pytest.raises(ValidationError, match="Research rule"):
        evidence_update(evidence=evidence, actor=annotator, note="Later thought.")
    with pytest.raises(ValidationError, match="Research rule"):
        evidence_remove(evidence=evidence, actor=annotator)
    assert Evidence.objects.filter(claim=claim).count() == 1


def test_only_researchers_change_evidence(reviewer, annotator, other_annotator, editor):
    claim = ClaimFactory(researching=True, assignee=annotator)
    with pytest.raises(PermissionDenied, match="Role rule"):
        evidence_add(claim=claim, actor=reviewer, source=SourceFactory(), stance=Stance.CONTEXT)
    with pytest.raises(PermissionDenied, match=r"Assignment rule: .* assigned to annie"):
        evidence_add(
            claim=claim, actor=other_annotator, source=SourceFactory(), stance=Stance.CONTEXT
        )
    assert evidence_add(claim=claim, actor=editor, source=SourceFactory(), stance=Stance.CONTEXT)


def test_evidence_update_is_recorded_in_history(annotator, other_annotator):
    evidence = EvidenceFactory(claim=ClaimFactory(researching=True))
    updated = evidence_update(
        evidence=evidence, actor=other_annotator, stance=Stance.CONTEXT, note="Background only."
    )
    assert (updated.stance, updated.note, updated.excerpt) == (
        Stance.CONTEXT,
        "Background only.",
        evidence.excerpt,
    )
    latest = updated.history.latest("history_date")
    assert latest.history_user == other_annotator
    assert latest.stance == Stance.CONTEXT


def test_evidence_remove_keeps_the_record_in_history(annotator):
    evidence = EvidenceFactory(claim=ClaimFactory(researching=True))
    evidence_remove(evidence=evidence, actor=annotator)
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    removed = Evidence.history.filter(id=evidence.pk).latest("history_date")
    assert (removed.history_type, removed.history_user, removed.excerpt) == (
        "-",
        annotator,
        evidence.excerpt,
    )
    assert Source.objects.filter(pk=evidence.source_id).exists()
    with pytest.raises(ValidationError, match="already been removed"):
        evidence_remove(evidence=evidence, actor=annotator)
