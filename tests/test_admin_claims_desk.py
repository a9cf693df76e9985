"""The claims admin as the desk uses it: published claims read-only, tags, labels and copy."""

import pytest

from annotations.models import ClaimStatus
from annotations.services import claim_create, claim_transition
from tests.helpers import publish

CHANGELIST = "/admin/annotations/claim/"


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _form(claim, **changes) -> dict:
    data = {
        "claim_text": claim.claim_text,
        "claimant": claim.claimant,
        "claimant_type": claim.claimant_type,
        "claim_date": "",
        "tags": "",
        "seen_version": claim.version,
        **{
            f"{prefix}-{key}": value
            for prefix in ("evidence", "verdicts")
            for key, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))
        },
    }
    data.update(changes)
    return data


def _published(article, annotator, reviewer, editor):
    claim = claim_create(article=article, actor=annotator, quote="fares fell")
    return publish(claim, annotator=annotator, reviewer=reviewer, editor=editor)


def _messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def test_a_published_claim_is_shown_read_only_with_no_save_button(
    editor_client, article, annotator, reviewer, editor
):
    claim = _published(article, annotator, reviewer, editor)
    page = editor_client.get(f"{CHANGELIST}{claim.pk}/change/").content.decode()
    assert "This claim is published: its wording cannot change here." in page
    assert 'name="claim_text"' not in page and 'name="tags"' not in page
    assert 'name="_save"' not in page


def test_saving_a_published_claim_anyway_gives_one_red_message_and_changes_nothing(
    editor_client, article, annotator, reviewer, editor
):
    claim = _published(article, annotator, reviewer, editor)
    response = editor_client.post(
        f"{CHANGELIST}{claim.pk}/change/", _form(claim, claim_text="Other"), follow=True
    )
    levels = [level for level, _ in _messages(response)]
    assert levels == ["error"], _messages(response)
    assert "cannot be edited" in _messages(response)[0][1]
    claim.refresh_from_db()
    assert (claim.claim_text, claim.status) == ("fares fell", ClaimStatus.PUBLISHED)


def test_the_admin_edits_the_claimant_type_and_tags_through_the_service(
    editor_client, article, editor
):
    claim = claim_create(article=article, actor=editor, quote="fares fell")
    response = editor_client.post(
        f"{CHANGELIST}{claim.pk}/change/",
        _form(claim, claimant_type="organization", tags="Transit,  Budget"),
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.claimant_type == "organization"
    assert sorted(claim.tags.values_list("name", flat=True)) == ["budget", "transit"]
    assert claim.version == 2
    listed = editor_client.get(f"{CHANGELIST}?tags__id__exact={claim.tags.get(name='budget').pk}")
    assert f"/admin/annotations/claim/{claim.pk}/change/" in listed.content.decode()


def test_the_admin_refuses_bad_tags_with_one_message(editor_client, article, editor):
    claim = claim_create(article=article, actor=editor, quote="fares fell")
    response = editor_client.post(
        f"{CHANGELIST}{claim.pk}/change/", _form(claim, tags="x" * 60), follow=True
    )
    assert [level for level, _ in _messages(response)] == ["error"]
    claim.refresh_from_db()
    assert claim.version == 1 and not claim.tags.exists()


def test_the_list_names_claims_by_their_text_and_the_history_reads_as_words(
    editor_client, article, annotator, editor
):
    claim = claim_create(article=article, actor=annotator, quote="fares fell")
    claim_transition(claim=claim, actor=annotator, action="start")
    from annotations.services import claim_update

    claim_update(claim=claim, actor=annotator, expected_version=2, claim_text="Bus fares fell.")
    listed = editor_client.get(CHANGELIST).content.decode()
    assert "Bus fares fell." in listed
    page = editor_client.get(f"{CHANGELIST}{claim.pk}/change/").content.decode()
    assert "<strong>Start research</strong>" in page
    assert "<ins>Researching</ins>" in page and "<del>Candidate</del>" in page
    assert "Requestchanges" not in page and "in_review" not in page


def test_the_admin_exports_the_selected_published_claims_as_csv(
    editor_client, article, annotator, reviewer, editor
):
    claim = _published(article, annotator, reviewer, editor)
    response = editor_client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [claim.pk]}
    )
    assert response["Content-Disposition"] == 'attachment; filename="claims.csv"'
    text = b"".join(response.streaming_content).decode()
    assert text.splitlines()[0].startswith("id,url,article_id")
    assert "fares fell" in text.splitlines()[1]
