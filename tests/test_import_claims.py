"""Round trip: export → import into an empty database → export gives the same claims."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from annotations.exports.stream import export_stream
from annotations.models import Article, Claim, ReviewEvent, Source
from annotations.services import claim_create
from annotations.services.transfer import claims_import_records, read_export
from tests.helpers import make_article, publish


@pytest.fixture
def exported(db, annotator, reviewer, editor):
    article = make_article()
    for quote in ("ridership rose 12% in 2025", "3.9% of trips were late"):
        claim = claim_create(article=article, actor=annotator, quote=quote, claimant="Officials")
        publish(claim, annotator=annotator, reviewer=reviewer, editor=editor)
    return "".join(export_stream("jsonl"))


def _empty_the_database() -> None:
    Claim.objects.all().delete()
    Source.objects.all().delete()
    Article.objects.all().delete()


def _without_local_ids(text: str) -> list[dict]:
    records = [json.loads(line) for line in text.splitlines()]
    for record in records:
        record.pop("id")
        record.pop("url")
        record["article"].pop("id")
    return records


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_export_import_export_gives_the_same_claims(exported, fmt, tmp_path, capsys):
    path = tmp_path / f"claims.{fmt}"
    path.write_text("".join(export_stream(fmt)), "utf-8")
    _empty_the_database()

    call_command("import_claims", str(path))
    assert "2 imported, 0 duplicate(s) skipped, 0 failed" in capsys.readouterr().out

    assert _without_local_ids("".join(export_stream("jsonl"))) == _without_local_ids(exported)
    assert ReviewEvent.objects.count() == 8


def test_importing_twice_skips_duplicates(exported, tmp_path, capsys):
    path = tmp_path / "claims.jsonl"
    path.write_text(exported, "utf-8")
    call_command("import_claims", str(path))
    out = capsys.readouterr().out
    assert "0 imported, 2 duplicate(s) skipped, 0 failed" in out
    assert out.count("skipped duplicate: record") == 2
    assert Claim.objects.filter(status="published").count() == 2


def test_missing_people_become_inactive_accounts(exported):
    _empty_the_database()
    get_user_model().objects.filter(username="rita").delete()
    report = claims_import_records(read_export(exported.splitlines(keepends=True)))
    assert report.users_created == ["rita"]
    rita = get_user_model().objects.get(username="rita")
    assert not rita.is_active and not rita.has_usable_password()
    assert len(report.created) == 2


def test_bad_records_are_reported_and_the_others_import(exported):
    _empty_the_database()
    first, second = (json.loads(line) for line in exported.splitlines())
    broken = json.loads(json.dumps(second))
    broken["selector"]["start"] = -4
    report = claims_import_records([broken, first, {"id": 9, "hello": "world"}])
    assert len(report.created) == 1
    assert report.failures[0].startswith("record 1 (claim ")
    assert "selector/start: -4 is less than the minimum of 0" in report.failures[0]
    assert report.failures[1].startswith("record 3 (claim 9): (record):")


def test_record_whose_article_text_is_unknown_is_refused(exported):
    _empty_the_database()
    second = json.loads(exported.splitlines()[1])
    assert "text" not in second["article"]
    report = claims_import_records([second])
    assert "is not in this database and the record does not carry its text" in report.failures[0]
    assert Claim.objects.count() == 0


def test_quote_that_contradicts_the_text_is_refused(exported):
    _empty_the_database()
    first = json.loads(exported.splitlines()[0])
    first["quote"] = "something else entirely"
    report = claims_import_records([first])
    assert "The quote does not match the article text" in report.failures[0]
    assert Claim.objects.count() == 0
    assert Article.objects.count() == 0  # the record's transaction took its article back too


def test_command_reports_unreadable_input(db, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("{not json\n", "utf-8")
    with pytest.raises(CommandError, match="Not JSON or JSON Lines"):
        call_command("import_claims", str(path))
    with pytest.raises(CommandError, match="cannot read the file"):
        call_command("import_claims", str(tmp_path / "missing.jsonl"))
