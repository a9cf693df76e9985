"""The desk day to day: returned claims, stale pages, counts that add up, claimant types,
public URLs from the request, and CSV exports."""

import csv
import io
import json

import pytest
from django.urls import reverse

from annotations.errors import ConflictError
from annotations.exports.claimreview import claim_review
from annotations.exports.stream import export_stream
from annotations.exports.table import safe_cell
from annotations.models import Claim, ClaimantType, ClaimStatus
from annotations.selectors.queues import returned_queue_for
from annotations.services import claim_create, claim_transition, claim_update
from tests.helpers import propose, publish, research
from tests.pages import edit_claim


def _submitted(article, annotator, quote="fares fell") -> Claim:
    claim = claim_create(article=article, actor=annotator, quote=quote, claimant="Dana Ortiz")
    research(claim, annotator, stance="refutes", url="https://stats.example.gov/f", title="F")
    propose(claim, annotator, "false", "They rose.")
    return claim_transition(claim=claim, actor=annotator, action="submit")


def _returned(article, annotator, reviewer) -> Claim:
    claim = _submitted(article, annotator)
    return claim_transition(
        claim=claim, actor=reviewer, action="request_changes", comment="Cite the 2025 report."
    )


# Returned claims


def test_a_returned_claim_shows_the_reviewers_comment_on_its_page(
    client, article, annotator, reviewer
):
    claim = _returned(article, annotator, reviewer)
    client.force_login(annotator)
    page = client.get(reverse("claim-detail", args=[claim.pk])).content.decode()
    assert 'id="changes-requested"' in page
    assert "Changes requested</strong> by rita" in page
    assert "Cite the 2025 report." in page


def test_the_banner_goes_once_the_claim_is_submitted_again(client, article, annotator, reviewer):
    claim = _returned(article, annotator, reviewer)
    claim_transition(claim=claim, actor=annotator, action="submit")
    client.force_login(annotator)
    page = client.get(reverse("claim-detail", args=[claim.pk])).content.decode()
    assert 'id="changes-requested"' not in page


def test_the_changes_requested_queue_lists_returned_claims_for_their_researcher(
    client, article, annotator, other_annotator, reviewer, editor, django_assert_num_queries
):
    claim = _returned(article, annotator, reviewer)
    _submitted(article, annotator, quote="120 drivers")  # in review: not returned
    with django_assert_num_queries(1):
        (found,) = returned_queue_for(user=annotator)
    assert (found.pk, found.returned_by, found.returned_comment) == (
        claim.pk,
        "rita",
        "Cite the 2025 report.",
    )
    assert list(returned_queue_for(user=other_annotator)) == []
    assert [c.pk for c in returned_queue_for(user=editor)] == [claim.pk]
    client.force_login(annotator)
    dashboard = client.get(reverse("home")).content.decode()
    assert "Changes requested" in dashboard and "Cite the 2025 report." in dashboard
    client.force_login(editor)
    queue = client.get(reverse("review-queue")).content.decode()
    assert "Changes requested" in queue and f'data-claim-id="{claim.pk}"' in queue


# Stale pages and one's own earlier action


def test_signed_in_pages_are_never_stored(client, article, annotator):
    client.force_login(annotator)
    for url in (reverse("home"), reverse("claim-list"), article.get_absolute_url()):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_public_pages_for_readers_keep_their_caching(client, db):
    assert "no-store" not in client.get(reverse("factcheck-list")).get("Cache-Control", "")


def test_a_step_taken_twice_says_the_person_already_took_it(article, annotator, reviewer):
    claim = _submitted(article, annotator)
    claim_transition(claim=claim, actor=reviewer, action="approve", expected_status="in_review")
    with pytest.raises(ConflictError) as error:
        claim_transition(claim=claim, actor=reviewer, action="approve", expected_status="in_review")
    assert error.value.message.startswith(f"You already changed claim {claim.pk}")
    assert "meanwhile" not in error.value.message


def test_an_edit_from_an_old_window_says_it_was_the_same_person(article, annotator):
    claim = claim_create(article=article, actor=annotator, quote="fares fell")
    claim_update(claim=claim, actor=annotator, expected_version=1, claim_text="Fares fell.")
    with pytest.raises(ConflictError) as error:
        claim_update(claim=claim, actor=annotator, expected_version=1, claim_text="Again.")
    assert "changed by you in another window or an earlier request" in error.value.message


# The claim page edits the claimant type and the tags


def test_the_claim_page_saves_the_claimant_type_and_tags(client, article, annotator):
    claim = claim_create(article=article, actor=annotator, quote="fares fell")
    claim_transition(claim=claim, actor=annotator, action="start")
    claim.refresh_from_db()
    client.force_login(annotator)
    response = edit_claim(
        client,
        claim,
        claim_text="Fares fell.",
        claimant="Transit Authority",
        claimant_type="organization",
        tags="Fares, transit",
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.claimant_type == ClaimantType.ORGANIZATION
    assert sorted(claim.tags.values_list("name", flat=True)) == ["fares", "transit"]
    listed = client.get(reverse("claim-list") + "?tag=FARES").content.decode()
    assert f'data-claim-id="{claim.pk}"' in listed


def test_the_claim_page_refuses_bad_tags_and_changes_nothing(client, article, annotator):
    claim = claim_create(article=article, actor=annotator, quote="fares fell", tags=["fares"])
    client.force_login(annotator)
    response = edit_claim(
        client, claim, version=1, claim_text="x", claimant="", tags="a, " + "b" * 60
    )
    assert response.status_code == 400
    assert "at most 50" in response.content.decode()
    claim.refresh_from_db()
    assert (claim.version, claim.claim_text) == (1, "fares fell")


# Counts that add up


def test_the_article_list_counts_every_status(client, article, annotator, reviewer):
    claim_create(article=article, actor=annotator, quote="120 drivers")
    _returned(article, annotator, reviewer)
    _submitted(article, annotator, quote="3.9% of trips")
    client.force_login(annotator)
    page = client.get(reverse("article-list")).content.decode()
    assert '<li class="total"><span class="n">3</span>' in page
    assert '<li class="status-candidate"><span class="n">1</span>' in page
    assert '<li class="status-researching"><span class="n">1</span>' in page
    assert '<li class="status-in_review"><span class="n">1</span>' in page


def test_the_dashboard_shows_a_chip_for_every_status_and_the_total(client, article, annotator):
    claim_create(article=article, actor=annotator, quote="120 drivers")
    client.force_login(annotator)
    page = client.get(reverse("home")).content.decode()
    for status in ClaimStatus.values:
        assert f'class="status-{status}"' in page
    assert '<li class="total"><span class="n">1</span> <span class="label">claim</span>' in page


# Claimant type


@pytest.mark.parametrize(
    ("kind", "schema_type"), [("organization", "Organization"), ("person", "Person")]
)
def test_claimreview_names_the_claimant_by_type(
    article, annotator, reviewer, editor, kind, schema_type
):
    claim = claim_create(
        article=article,
        actor=annotator,
        quote="fares fell",
        claimant="Israel Defense Forces",
        claimant_type=kind,
    )
    claim = publish(claim, annotator=annotator, reviewer=reviewer, editor=editor)
    author = claim_review(claim)["itemReviewed"]["author"]
    assert author == {"@type": schema_type, "name": "Israel Defense Forces"}
    (record,) = json.loads("".join(export_stream("json")))["claims"]
    assert record["claimant_type"] == kind


def test_an_unknown_claimant_type_is_refused(api, article, annotator):
    api.force_authenticate(annotator)
    response = api.post(
        "/api/v1/claims/",
        {"article": article.pk, "quote": "fares fell", "claimant_type": "robot"},
        format="json",
    )
    assert response.status_code == 400
    assert "claimant_type" in response.json()["fields"]
    assert not Claim.objects.exists()


# Public URLs


def test_public_urls_follow_the_request_when_the_setting_is_unset(
    client, article, annotator, reviewer, editor, settings
):
    settings.FACTCHECK_PUBLIC_BASE_URL = ""
    claim = publish(
        claim_create(article=article, actor=annotator, quote="fares fell"),
        annotator=annotator,
        reviewer=reviewer,
        editor=editor,
    )
    settings.ALLOWED_HOSTS = ["checks.example.net"]
    page = client.get(
        reverse("factcheck-public", args=[claim.pk]), HTTP_HOST="checks.example.net"
    ).content.decode()
    assert f"http://checks.example.net/factchecks/{claim.pk}/" in page
    export = client.get("/api/v1/exports/claims/?format=json", HTTP_HOST="checks.example.net")
    (record,) = json.loads(b"".join(export.streaming_content))["claims"]
    assert record["url"] == f"http://checks.example.net/factchecks/{claim.pk}/"
    # The command line has no request: the documented default.
    assert '"url":"http://127.0.0.1:8000/factchecks/' in "".join(export_stream("json"))
    settings.FACTCHECK_PUBLIC_BASE_URL = "https://checks.example.org/"
    assert claim_review(claim)["url"] == f"https://checks.example.org/factchecks/{claim.pk}/"


# CSV


@pytest.mark.parametrize("text", ["=SUM(A1)", "+1", "-1", "@cmd", "\tx"])
def test_csv_cells_that_would_run_as_formulas_are_defused(text):
    assert safe_cell(text) == "'" + text
    assert safe_cell("plain") == "plain" and safe_cell(-1) == -1


def test_the_csv_export_has_a_header_and_one_row_per_claim(
    api, article, annotator, reviewer, editor, django_assert_num_queries
):
    for quote, claimant in (("fares fell", '=HYPERLINK("x")'), ("120 drivers", "Dana, Ortiz")):
        claim = claim_create(
            article=article, actor=annotator, quote=quote, claimant=claimant, tags=["Transit"]
        )
        publish(claim, annotator=annotator, reviewer=reviewer, editor=editor)
    with django_assert_num_queries(5):
        response = api.get("/api/v1/exports/claims/?format=csv&tag=transit")
        text = b"".join(response.streaming_content).decode("utf-8")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="claims-csv.csv"'
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2
    assert {row["claimant"] for row in rows} == {'\'=HYPERLINK("x")', "Dana, Ortiz"}
    assert {row["tags"] for row in rows} == {"transit"}
    assert rows[0]["rating"] == "mostly-true" and rows[0]["claimant_type"] == "person"
    assert list(rows[0]) == text.splitlines()[0].split(",")


@pytest.mark.parametrize(
    ("query", "field"), [("article=abc", "article"), ("tag=" + "t" * 120, "tag")]
)
def test_the_export_refuses_bad_filters(api, db, query, field):
    response = api.get(f"/api/v1/exports/claims/?format=csv&{query}")
    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_the_export_command_writes_csv(article, annotator, reviewer, editor, capsys):
    from django.core.management import call_command

    publish(
        claim_create(article=article, actor=annotator, quote="fares fell"),
        annotator=annotator,
        reviewer=reviewer,
        editor=editor,
    )
    call_command("export_claims", format="csv")
    (row,) = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert row["quote"] == "fares fell"


# Article details


def test_an_annotator_corrects_an_articles_details_and_the_change_is_recorded(
    client, article, annotator
):
    client.force_login(annotator)
    url = reverse("article-details", args=[article.pk])
    form = client.get(url).content.decode()
    assert 'name="title" value="Transit report"' in form
    response = client.post(
        url, {"title": "Transit report, corrected", "url": article.url, "language": "en"}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Transit report, corrected"
    page = client.get(url).content.decode()
    assert "annie" in page and "<ins>Transit report, corrected</ins>" in page


def test_bad_details_are_refused_on_the_form_and_change_nothing(client, article, annotator):
    client.force_login(annotator)
    url = reverse("article-details", args=[article.pk])
    response = client.post(url, {"title": "X", "url": "not a url", "language": "english!"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "is not a language tag" in page or "Enter a valid URL" in page
    article.refresh_from_db()
    assert article.title == "Transit report"


def test_reviewers_may_not_edit_article_details(client, article, reviewer):
    client.force_login(reviewer)
    url = reverse("article-details", args=[article.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "X", "language": "en"}).status_code == 403


def test_the_article_page_links_to_its_details_for_those_who_may_edit_them(
    client, article, annotator, reviewer
):
    details = reverse("article-details", args=[article.pk])
    client.force_login(annotator)
    assert f'href="{details}"' in client.get(article.get_absolute_url()).content.decode()
    client.force_login(reviewer)
    assert f'href="{details}"' not in client.get(article.get_absolute_url()).content.decode()
