"""Round trip: export → import into an empty database → export gives the same claims."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from annotations.exports.stream import export_stream
from annotations.models import Article, Claim, ReviewEvent
from annotations.services.transfer import claims_import_records, read_export
from annotations.splitting.normalize import text_sha256
from tests.helpers import empty_the_database
from tests.test_hostile_input import row_counts


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
    path.write_text("".join(export_stream(fmt, internal=True)), "utf-8")
    empty_the_database()

    call_command("import_claims", str(path))
    assert "2 imported, 0 duplicate(s) skipped, 0 failed" in capsys.readouterr().out

    again = "".join(export_stream("jsonl", internal=True))
    assert _without_local_ids(again) == _without_local_ids(exported)
    assert ReviewEvent.objects.count() == 8


def test_importing_twice_skips_duplicates(exported, tmp_path, capsys):
    path = tmp_path / "claims.jsonl"
    path.write_text(exported, "utf-8")
    call_command("import_claims", str(path))
    out = capsys.readouterr().out
    assert "0 imported, 2 duplicate(s) skipped, 0 failed" in out
    assert out.count("skipped duplicate: line") == 2
    assert Claim.objects.filter(status="published").count() == 2


def test_missing_people_become_inactive_accounts(exported):
    empty_the_database()
    get_user_model().objects.filter(username="rita").delete()
    report = claims_import_records(read_export(exported.splitlines(keepends=True)))
    assert report.users_created == ["rita"]
    rita = get_user_model().objects.get(username="rita")
    assert not rita.is_active and not rita.has_usable_password()
    assert len(report.created) == 2


def test_bad_records_are_reported_and_with_partial_the_others_import(exported):
    empty_the_database()
    first, second = (json.loads(line) for line in exported.splitlines())
    broken = json.loads(json.dumps(second))
    broken["selector"]["start"] = -4
    report = claims_import_records([broken, first, {"id": 9, "hello": "world"}], partial=True)
    assert len(report.created) == 1
    assert report.failures[0].startswith("record 1 (claim ")
    assert "selector/start: -4 is less than the minimum of 0" in report.failures[0]
    assert report.failures[1].startswith("record 3 (claim 9): (record):")


def test_one_bad_record_imports_nothing_by_default(exported):
    empty_the_database()
    first, second = (json.loads(line) for line in exported.splitlines())
    second["selector"]["start"] = -4
    get_user_model().objects.filter(username="rita").delete()
    before = row_counts()
    report = claims_import_records([first, second])
    assert report.rolled_back and report.created == [] and report.users_created == []
    assert report.failures[0].startswith("record 2 (claim ")
    assert row_counts() == before


def _truncated(exported: str) -> str:
    """Return the export with a third record cut off mid-line, as a failed copy leaves it."""
    first = exported.splitlines()[0]
    return exported + first[: len(first) // 2] + "\n"


def test_a_truncated_file_imports_nothing_and_names_the_line(exported, tmp_path, capsys):
    path = tmp_path / "claims.jsonl"
    path.write_text(_truncated(exported), "utf-8")
    empty_the_database()
    before = row_counts()
    with pytest.raises(CommandError, match=r"nothing was imported \(first: line 3: not JSON"):
        call_command("import_claims", str(path))
    assert "failed: line 3: not JSON: " in capsys.readouterr().err
    assert row_counts() == before


def test_partial_keeps_the_good_records_and_reports_each_failure(exported, tmp_path, capsys):
    lines = _truncated(exported).splitlines(keepends=True)
    bad = json.loads(lines[1])
    bad["quote"] = "something else entirely"
    lines[1] = json.dumps(bad) + "\n"
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(lines), "utf-8")
    empty_the_database()
    with pytest.raises(CommandError, match="2 record\\(s\\) could not be imported; the other 1"):
        call_command("import_claims", str(path), "--partial")
    out, err = capsys.readouterr()
    claim = Claim.objects.get()
    assert f"line 1 (claim {json.loads(lines[0])['id']}): imported as claim {claim.pk}" in out
    assert f"failed: line 2 (claim {bad['id']}): The quote does not match" in err
    assert "failed: line 3: not JSON" in err
    assert "1 imported, 0 duplicate(s) skipped, 2 failed" in out


@pytest.mark.parametrize(
    "change,problem",
    [
        (lambda r: r.update(claimant="Offic\x00ials"), "claimant: contains a NUL character"),
        (lambda r: r["article"].update(title="a\x00"), "article/title: contains a NUL character"),
        (lambda r: r.update(reasons=json.loads("[" * 40 + "]" * 40)), "nested more than 32"),
        (lambda r: r.update(claim_text="x" * 10_001), "a claim may have at most 10,000"),
    ],
)
def test_unstorable_records_are_refused_with_the_field_named(exported, change, problem):
    record = json.loads(exported.splitlines()[0])
    record["article"]["text"] = Article.objects.get().text
    empty_the_database()
    change(record)
    before = row_counts()
    report = claims_import_records([record], partial=True)
    assert problem in report.failures[0]
    assert row_counts() == before


def test_record_whose_article_text_is_unknown_is_refused(exported):
    empty_the_database()
    second = json.loads(exported.splitlines()[1])
    assert "text" not in second["article"]
    report = claims_import_records([second])
    assert "is not in this database and the record does not carry its text" in report.failures[0]
    assert Claim.objects.count() == 0


def test_quote_that_contradicts_the_text_is_refused(exported):
    empty_the_database()
    first = json.loads(exported.splitlines()[0])
    first["quote"] = "something else entirely"
    report = claims_import_records([first])
    assert "The quote does not match the article text" in report.failures[0]
    assert Claim.objects.count() == 0
    assert Article.objects.count() == 0  # the record's transaction took its article back too


def test_span_that_cuts_a_character_is_refused(exported):
    empty_the_database()
    first = json.loads(exported.splitlines()[0])
    text = "A firefighter 👩🏽‍🚒 said 63 people were treated."
    end = text.index("‍")  # between the skin tone and the joiner: inside the emoji
    first["article"].update(text=text, text_sha256=text_sha256(text))
    first["selector"].update(start=0, end=end, prefix="", suffix=text[end : end + 32])
    first["quote"] = text[:end]
    report = claims_import_records([first])
    assert "falls inside a character" in report.failures[0]
    assert Claim.objects.count() == 0


def test_command_reports_unreadable_input(db, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("{not json\n", "utf-8")
    with pytest.raises(CommandError, match="Not JSON or JSON Lines"):
        call_command("import_claims", str(path))
    with pytest.raises(CommandError, match="cannot read the file"):
        call_command("import_claims", str(tmp_path / "missing.jsonl"))


def test_a_public_export_is_refused_with_the_reason(exported):
    public = "".join(export_stream("jsonl"))
    empty_the_database()
    users_before = get_user_model().objects.count()
    report = claims_import_records(read_export(public.splitlines(keepends=True)))
    assert report.created == [] and len(report.failures) == 2
    assert "public export" in report.failures[0] and "--include internal" in report.failures[0]
    assert get_user_model().objects.count() == users_before
    assert Claim.objects.count() == 0 and Article.objects.count() == 0
