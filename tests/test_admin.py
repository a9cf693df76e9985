import pytest

from annotations.models import Article, Claim, ClaimStatus
from annotations.services import SYSTEM, claim_create, claim_update
from tests.factories import ArticleFactory


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_adding_an_article_goes_through_the_import(editor_client, editor):
    response = editor_client.post(
        "/admin/annotations/article/add/",
        {"text": "date 2026-03-01 Ridership rose 12%.\n\n(Example Wire – Porto)", "language": "en"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.text == "Ridership rose 12%."
    assert (article.publisher, article.dateline) == ("Example Wire", "Porto")
    assert str(article.published_at) == "2026-03-01"
    assert article.created_by == editor


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   ", "language": "en"}, "This field is required"),
        ({"text": "Fine.", "language": "English"}, "is not a language tag"),
        ({"text": "date 2026-02-31 Bad.", "language": "en"}, "is not a valid date"),
    ],
)
def test_bad_article_input_is_shown_and_nothing_saved(editor_client, data, message):
    response = editor_client.post("/admin/annotations/article/add/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Article.objects.count() == 0


def test_article_metadata_edit_keeps_the_text(editor_client):
    article = ArticleFactory()
    response = editor_client.post(
        f"/admin/annotations/article/{article.pk}/change/",
        {
            "title": "Renamed",
            "url": article.url,
            "publisher": "Desk",
            "language": "en",
            "text": "Injected text",
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.publisher) == ("Renamed", "Desk")
    assert article.text.startswith("The city council")


def _claim_form(claim: Claim, **changes) -> dict:
    data = {
        "claim_text": claim.claim_text,
        "claimant": claim.claimant,
        "claimant_type": claim.claimant_type,
        "claim_date": "",
        "seen_version": claim.version,
        **{
            f"{prefix}-{key}": value
            for prefix in ("evidence", "verdicts", "review_events")
            for key, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))
        },
    }
    data.update(changes)
    return data


def test_claim_edit_bumps_version_and_status_cannot_be_posted(editor_client, editor):
    claim = claim_create(article=ArticleFactory(), actor=SYSTEM, quote="The city council")
    response = editor_client.post(
        f"/admin/annotations/claim/{claim.pk}/change/",
        _claim_form(claim, claimant="Council", status=ClaimStatus.PUBLISHED),
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.claimant, claim.version, claim.status) == ("Council", 2, ClaimStatus.CANDIDATE)
    assert claim.history.order_by("-history_date").first().history_user == editor


def test_stale_claim_edit_is_refused_with_a_message(editor_client, annotator):
    claim = claim_create(article=ArticleFactory(), actor=SYSTEM, quote="The city council")
    form = _claim_form(claim, claimant="Editor's version")
    claim_update(claim=claim, actor=annotator, expected_version=1, claimant="Annotator's version")

    response = editor_client.post(f"/admin/annotations/claim/{claim.pk}/change/", form, follow=True)
    assert "Not saved: Claim" in response.content.decode()
    assert "changed by annie meanwhile" in response.content.decode()
    claim.refresh_from_db()
    assert (claim.claimant, claim.version) == ("Annotator's version", 2)


def test_people_without_staff_status_cannot_enter(client, annotator):
    client.force_login(annotator)
    response = client.get("/admin/annotations/claim/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_workflow_rows_are_read_only_in_the_admin(editor_client):
    for model in ("reviewevent", "evidence", "verdict", "comment", "correction"):
        assert editor_client.get(f"/admin/annotations/{model}/add/").status_code == 403, model
