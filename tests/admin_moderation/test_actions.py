"""The moderation admin: bulk workflow actions by role, skip-and-report, exports and the
claim page."""

import json

import pytest
from django.core.management import call_command

from annotations.models import Claim, Correction, ReviewEvent
from annotations.services import claim_create, claim_transition, evidence_add
from tests.admin_desk import (
    CHANGELIST,
    QUOTES,
    S,
    claim_in,
    confirm_action,
    page_messages,
    run_action,
    staff,
)
from tests.factories import ClaimFactory, UserFactory
from tests.helpers import propose

# Every action, for a role that may take it and one that may not.

# action: (status the claim is in, allowed role, forbidden role, status afterwards, form data)
ACTION_MATRIX = {
    "start": (S.CANDIDATE, "annotator", "reviewer", S.RESEARCHING, None),
    "approve": (S.IN_REVIEW, "reviewer", "annotator", S.APPROVED, None),
    "request_changes": (S.IN_REVIEW, "reviewer", "annotator", S.RESEARCHING, {"comment": "x"}),
    "publish": (S.APPROVED, "editor", "reviewer", S.PUBLISHED, None),
    "dismiss": (S.CANDIDATE, "editor", "reviewer", S.DISMISSED, {"comment": "Opinion."}),
    "restore": (S.DISMISSED, "editor", "reviewer", S.CANDIDATE, None),
    "reopen": (S.PUBLISHED, "editor", "annotator", S.RESEARCHING, {"comment": "Wrong year."}),
}


@pytest.mark.parametrize("action", sorted(ACTION_MATRIX))
def test_each_workflow_action_works_for_its_role(client, people, article, action):
    status, allowed, _, after, form = ACTION_MATRIX[action]
    claim = claim_in(status, people, article=article, quote=QUOTES[0])
    client.force_login(people[allowed])

    response = run_action(client, action, [claim])
    if form is not None:
        assert response.templates[0].name == "admin/annotations/claim/action_confirmation.html"
        claim.refresh_from_db()
        assert claim.status == status, "nothing changes before the confirmation"
        response = confirm_action(client, action, [claim], **form)

    claim.refresh_from_db()
    assert claim.status == after, page_messages(response)
    assert any(message.endswith(" 1 claim.") for message in page_messages(response))
    event = ReviewEvent.objects.filter(claim=claim).latest("at", "id")
    assert (event.action, event.actor) == (action, people[allowed])
    if form:
        assert event.comment == form["comment"]


@pytest.mark.parametrize("action", [*sorted(ACTION_MATRIX), "assign"])
def test_each_workflow_action_is_hidden_from_and_refused_to_other_roles(
    client, people, article, action
):
    status, _, forbidden, _, _ = ACTION_MATRIX.get(
        action, (S.CANDIDATE, "editor", "reviewer", None, None)
    )
    claim = claim_in(status, people, article=article, quote=QUOTES[0])
    events = ReviewEvent.objects.filter(claim=claim).count()
    client.force_login(people[forbidden])

    page = client.get(CHANGELIST)
    assert page.status_code == 200
    assert f'value="{action}"' not in page.content.decode()
    response = run_action(client, action, [claim], comment="x", confirm="yes")
    assert "No action selected." in page_messages(response)
    assert Claim.objects.get(pk=claim.pk).version == claim.version
    assert ReviewEvent.objects.filter(claim=claim).count() == events


def test_assign_asks_for_the_person_then_assigns(client, people, article):
    claims = [claim_in(S.CANDIDATE, people, article=article, quote=q) for q in QUOTES[:2]]
    client.force_login(people["editor"])

    page = run_action(client, "assign", claims)
    assert 'name="assignee"' in page.content.decode()
    response = confirm_action(client, "assign", claims, assignee=people["annotator"].pk)

    assert "Assigned 2 claims." in page_messages(response)
    assert {c.assignee for c in Claim.objects.filter(pk__in=[c.pk for c in claims])} == {
        people["annotator"]
    }


def test_assign_names_the_people_who_lack_the_role(client, people, article):
    claim = claim_in(S.CANDIDATE, people, article=article, quote=QUOTES[0])
    client.force_login(people["editor"])
    response = confirm_action(client, "assign", [claim], assignee=people["reviewer"].pk)
    (message,) = page_messages(response)
    assert "Assigned 0 claims; 1 failed" in message
    assert "rita does not have it" in message


# Skip and report.


def test_mixed_selection_proceeds_with_the_claims_that_may_and_names_the_others(
    client, people, article
):
    in_review = claim_in(S.IN_REVIEW, people, article=article, quote=QUOTES[0])
    researching = claim_in(S.RESEARCHING, people, article=article, quote=QUOTES[1])
    other_review = claim_in(S.IN_REVIEW, people, article=article, quote=QUOTES[2])
    client.force_login(people["reviewer"])

    response = run_action(client, "approve", [in_review, researching, other_review])

    statuses = dict(Claim.objects.values_list("pk", "status"))
    assert statuses[in_review.pk] == statuses[other_review.pk] == S.APPROVED
    assert statuses[researching.pk] == S.RESEARCHING
    (message,) = page_messages(response)
    assert message.startswith("Approved 2 claims; 1 failed and was left as they were:")
    assert f"“the city hired 120 drivers” (claim {researching.pk})" in message
    assert "Transition rule: cannot approve a claim that is researching" in message


def test_four_eyes_rule_skips_the_claims_the_editor_researched(client, people, article):
    editor = people["editor"]
    theirs = claim_create(article=article, actor=editor, quote=QUOTES[0])
    claim_transition(claim=theirs, actor=editor, action="start")
    evidence_add(
        claim=theirs, actor=editor, stance="refutes", url="https://a.example.org/", title="A"
    )
    propose(theirs, editor, "false", "Wrong.")
    claim_transition(claim=theirs, actor=editor, action="submit")
    others = claim_in(S.IN_REVIEW, people, article=article, quote=QUOTES[1])
    client.force_login(editor)

    response = run_action(client, "approve", [theirs, others])

    (message,) = page_messages(response)
    assert "Approved 1 claim; 1 failed" in message
    assert "Four-eyes rule: edith researched this claim" in message
    assert Claim.objects.get(pk=theirs.pk).status == S.IN_REVIEW


def test_every_claim_refused_is_an_error_not_a_warning(client, people, article):
    claim = claim_in(S.CANDIDATE, people, article=article, quote=QUOTES[0])
    client.force_login(people["editor"])
    response = run_action(client, "publish", [claim])
    (message,) = list(response.context["messages"])
    assert message.level_tag == "error"
    assert str(message).startswith("Published 0 claims; 1 failed")


def test_a_claim_changed_after_the_confirmation_page_is_skipped_as_stale(client, people, article):
    claim = claim_in(S.CANDIDATE, people, article=article, quote=QUOTES[0])
    client.force_login(people["editor"])
    run_action(client, "dismiss", [claim])
    seen = Claim.objects.get(pk=claim.pk)
    claim_transition(claim=claim, actor=people["annotator"], action="start")
    claim_transition(claim=claim, actor=people["annotator"], action="unassign")
    response = confirm_action(client, "dismiss", [seen], comment="Opinion.")
    (message,) = page_messages(response)
    assert "changed by annie meanwhile" in message
    assert Claim.objects.get(pk=claim.pk).status == S.RESEARCHING


def test_confirmation_needs_a_comment_and_changes_nothing_without_one(client, people, article):
    claim = claim_in(S.CANDIDATE, people, article=article, quote=QUOTES[0])
    client.force_login(people["editor"])
    response = confirm_action(client, "dismiss", [claim], comment="  ")
    assert response.templates[0].name == "admin/annotations/claim/action_confirmation.html"
    assert "This field is required." in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).status == S.CANDIDATE


def test_reopen_keeps_the_public_correction_note(client, people, article):
    claim = claim_in(S.PUBLISHED, people, article=article, quote=QUOTES[0])
    client.force_login(people["editor"])
    confirm_action(
        client, "reopen", [claim], comment="The figure is for 2024.", correction="Year corrected."
    )
    assert Correction.objects.get(claim=claim).note == "Year corrected."


# Exports.


def test_export_json_holds_the_selected_published_claims_only(client, people, article, tmp_path):
    published = claim_in(S.PUBLISHED, people, article=article, quote=QUOTES[0])
    candidate = claim_in(S.CANDIDATE, people, article=article, quote=QUOTES[1])
    client.force_login(people["reviewer"])

    response = client.post(
        CHANGELIST,
        {"action": "export_json", "index": 0, "_selected_action": [published.pk, candidate.pk]},
    )

    assert response["Content-Disposition"] == 'attachment; filename="claims.json"'
    body = b"".join(response.streaming_content)
    # Every published claim is selected: the download is byte for byte the command's export
    # for the desk (a reviewer may read the internal history).
    call_command(
        "export_claims", format="json", include="internal", output=str(tmp_path / "all.json")
    )
    assert body == (tmp_path / "all.json").read_bytes()
    document = json.loads(body)
    assert [record["id"] for record in document["claims"]] == [published.pk]
    assert document["claims"][0]["article"]["text"] == article.text
    assert document["claims"][0]["verdict"]["rating"] == "mostly-true"
    follow = client.get(CHANGELIST)
    expected = "Exported 1 published claim; left out 1 that is not published"
    assert any(expected in m for m in page_messages(follow))


def test_an_export_names_only_the_first_claims_it_leaves_out(client, people, article):
    published = claim_in(S.PUBLISHED, people, article=article, quote=QUOTES[0])
    candidates = [ClaimFactory() for _ in range(12)]
    client.force_login(people["editor"])
    selected = [published.pk] + [c.pk for c in candidates]
    response = client.post(
        CHANGELIST, {"action": "export_json", "index": 0, "_selected_action": selected}
    )
    assert [r["id"] for r in json.loads(b"".join(response.streaming_content))["claims"]] == [
        published.pk
    ]
    (message,) = page_messages(client.get(CHANGELIST))
    assert "left out 12 that are not published" in message
    assert message.endswith(" and 2 more.")
    named = [c.pk for c in candidates[:10]]
    assert [f"(claim {pk})" in message for pk in named] == [True] * 10
    assert f"(claim {candidates[-1].pk})" not in message


def test_export_claimreview(client, people, article):
    published = claim_in(S.PUBLISHED, people, article=article, quote=QUOTES[0])
    client.force_login(people["editor"])
    response = client.post(
        CHANGELIST, {"action": "export_claimreview", "index": 0, "_selected_action": published.pk}
    )
    (review,) = json.loads(b"".join(response.streaming_content))
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"]["alternateName"] == "Mostly true"


def test_export_of_nothing_published_says_so(client, people, article):
    claim = claim_in(S.CANDIDATE, people, article=article, quote=QUOTES[0])
    client.force_login(people["editor"])
    response = run_action(client, "export_json", [claim])
    assert any(m.startswith("Nothing exported") for m in page_messages(response))


def test_staff_without_a_role_sees_no_claims_and_cannot_export(client, people, article):
    claim = claim_in(S.PUBLISHED, people, article=article, quote=QUOTES[0])
    client.force_login(staff(UserFactory(username="nobody")))
    assert client.get(CHANGELIST).status_code == 403
    response = client.post(
        CHANGELIST, {"action": "export_json", "index": 0, "_selected_action": claim.pk}
    )
    assert response.status_code == 403


# The claim page.


def test_claim_page_shows_history_and_the_actions_open_to_the_viewer(client, people, article):
    claim = claim_in(S.IN_REVIEW, people, article=article, quote=QUOTES[0])
    client.force_login(people["editor"])
    page = client.get(f"{CHANGELIST}{claim.pk}/change/").content.decode()

    assert 'id="history"' in page
    assert "Submit" in page and "Evidence added" in page
    assert 'form="fc-action-approve"' in page
    assert 'form="fc-action-publish"' not in page
    assert 'name="status"' not in page


def test_claim_page_actions_post_through_the_bulk_action(client, people, article):
    claim = claim_in(S.IN_REVIEW, people, article=article, quote=QUOTES[0])
    client.force_login(people["reviewer"])
    response = client.post(
        CHANGELIST,
        {"action": "approve", "index": 0, "_selected_action": claim.pk},
        follow=True,
    )
    assert "Approved 1 claim." in page_messages(response)


def test_status_is_not_a_form_field(client, people, article):
    claim = claim_in(S.CANDIDATE, people, article=article, quote=QUOTES[0])
    client.force_login(people["editor"])
    response = client.post(
        f"{CHANGELIST}{claim.pk}/change/",
        {
            "claim_text": claim.claim_text,
            "claimant": "",
            "claimant_type": "person",
            "claim_date": "",
            "seen_version": claim.version,
            "status": S.PUBLISHED,
            "published_at": "2026-01-01 00:00:00",
            "evidence-TOTAL_FORMS": 0,
            "evidence-INITIAL_FORMS": 0,
            "verdicts-TOTAL_FORMS": 0,
            "verdicts-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.published_at) == (S.CANDIDATE, None)
    assert not ReviewEvent.objects.filter(claim=claim, to_status=S.PUBLISHED).exists()
