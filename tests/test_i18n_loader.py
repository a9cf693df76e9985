"""The loader's report, the append-only refusals and the jobs' messages in the reader's language."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.http import Http404
from django.utils import translation

from annotations.exports.stream import export_stream
from annotations.models import Claim, JobItem, JobItemStatus
from annotations.selectors.jobs import job_for
from annotations.services.jobs import job_create_url_import
from annotations.services.transfer import claims_import_records, read_export
from annotations.tasks import intake
from tests.factories import ReviewEventFactory
from tests.helpers import empty_the_database


def test_an_import_reports_a_bad_record_in_french(exported):
    record = json.loads(exported.splitlines()[0])
    record["quote"] = "something else entirely"
    start, end = record["selector"]["start"], record["selector"]["end"]
    empty_the_database()
    with translation.override("fr"):
        report = claims_import_records([record])
    assert report.rolled_back
    assert report.failures == [
        f"enregistrement 1 (affirmation {record['id']}) : La citation ne correspond pas au "
        f"texte de l’article en {start}–{end} ; l’export et l’article divergent."
    ]


def test_the_same_report_stays_in_english_without_a_language(exported):
    record = json.loads(exported.splitlines()[0])
    record["claim_text"] = "x" * 10_001
    empty_the_database()
    report = claims_import_records([record], partial=True)
    assert report.failures == [
        f"record 1 (claim {record['id']}): the claim is 10,001 characters long; a claim may "
        "have at most 10,000."
    ]


def test_the_command_names_a_truncated_line_in_french(exported, tmp_path, locale_is, capsys):
    first = exported.splitlines()[0]
    path = tmp_path / "claims.jsonl"
    path.write_text(exported + first[: len(first) // 2] + "\n", "utf-8")
    empty_the_database()
    locale_is("fr_FR.UTF-8")
    with pytest.raises(CommandError, match=r"rien n’a été importé \(premier : ligne 3 : pas du"):
        call_command("import_claims", str(path))
    err = capsys.readouterr().err
    assert "échec : ligne 3 : pas du JSON : " in err
    assert Claim.objects.count() == 0


def test_a_public_export_is_refused_in_portuguese(exported):
    public = "".join(export_stream("jsonl"))
    empty_the_database()
    with translation.override("pt-br"):
        report = claims_import_records(read_export(public.splitlines(keepends=True)))
    assert "Esta é uma exportação pública" in report.failures[0]
    assert report.failures[0].startswith("registro 1 (alegação ")


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The JSON document has no list of claims."),
        ("es", "El documento JSON no tiene una lista de afirmaciones."),
        ("pt-br", "O documento JSON não tem uma lista de alegações."),
        ("fr", "Le document JSON n’a pas de liste d’affirmations."),
        ("ar", "مستند JSON لا يحتوي على قائمة ادعاءات."),
    ],
)
def test_a_document_without_claims_is_refused_in_each_language(language, message):
    with translation.override(language), pytest.raises(ValidationError) as refused:
        list(read_export(['{"claims": 3}\n']))
    assert refused.value.message_dict == {"file": [message]}


def test_a_review_event_refuses_a_change_in_spanish(db):
    event = ReviewEventFactory()
    event.comment = "rewritten"
    with translation.override("es"):
        with pytest.raises(ValidationError) as changed:
            event.save()
        with pytest.raises(ValidationError) as deleted:
            event.delete()
    assert changed.value.messages == [
        "Los eventos de revisión solo se pueden añadir y no se pueden cambiar."
    ]
    assert deleted.value.messages == [
        "Los eventos de revisión solo se pueden añadir y no se pueden eliminar."
    ]


def test_a_job_nobody_may_see_is_missing_in_spanish(annotator):
    with translation.override("es"), pytest.raises(Http404, match=r"^No existe esa tarea\.$"):
        job_for(pk=987654, user=annotator)


def test_an_internal_error_is_recorded_in_the_active_language(annotator, monkeypatch):
    job = job_create_url_import(actor=annotator, urls=["https://example.org/report"])
    item = JobItem.objects.get(job=job)

    def broken(**arguments) -> None:
        raise RuntimeError("the extractor broke")

    monkeypatch.setattr(intake, "job_item_run", broken)
    with translation.override("fr"):
        intake.import_job_item.apply(kwargs={"item_id": item.pk, "url_sha256": item.url_sha256})
    item.refresh_from_db()
    assert item.status == JobItemStatus.FAILED
    assert item.message.startswith("Erreur interne : ")
    assert "the extractor broke" in item.message


@pytest.mark.django_db
def test_healthz_refuses_a_post_in_the_browser_language(client):
    response = client.post("/healthz", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 405
    assert response.json() == {"message": "Utilisez GET."}
    assert client.post("/healthz").json() == {"message": "Use GET."}
