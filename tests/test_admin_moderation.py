"""The moderation admin: bulk workflow actions by role, skip-and-report, exports, comments,
ratings, people, the dashboard and fixed query counts on the lists."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from annotations.admin.articles import ArticleAdmin
from annotations.admin.claims import ClaimAdmin
from annotations.admin.sources import SourceAdmin
from annotations.models import (
    Claim,
    ClaimStatus,
    Comment,
    Correction,
    Rating,
    RatingScale,
    ReviewEvent,
)
from annotations.permissions import ANNOTATOR
from annotations.services import (
    SYSTEM,
    claim_create,
    claim_transition,
    comment_add,
    evidence_add,
)
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    EvidenceFactory,
    UserFactory,
    VerdictFactory,
)
from tests.helpers import make_article, propose

CHANGELIST = "/admin/annotations/claim/"
S = ClaimStatus

QUOTES = (
    "ridership rose 12% in 2025",
    "the city hired 120 drivers",
    "fares fell",
    "3.9% of trips were late",
    "Mayor Dana Ortiz said",
)


def _staff(user):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def people(annotator, reviewer, editor):
    """Staff accounts in each role (the admin lets in staff only)."""
    return {"annotator": _staff(annotator), "reviewer": _staff(reviewer), "editor": editor}


@pytest.fixture
def article(db):
    return make_article()


def claim_in(status: str, people: dict, *, article, quote: str) -> Claim:
    """Walk a new claim to `status` through the services, as the people in each role would."""
    annotator, reviewer, editor = people["annotator"], people["reviewer"], people["editor"]
    claim = claim_create(article=article, actor=annotator, quote=quote)
    if status == S.DISMISSED:
        claim_transition(claim=claim, actor=editor, action="dismiss", comment="Opinion.")
    if status in (S.RESEARCHING, S.IN_REVIEW, S.APPROVED, S.PUBLISHED):
        claim_transition(claim=claim, actor=annotator, action="start")
    if status in (S.IN_REVIEW, S.APPROVED, S.PUBLISHED):
        evidence_add(
            claim=claim,
            actor=annotator,
            stance="supports",
            url=f"https://stats.example.gov/{claim.pk}",
            title=f"Statistics {claim.pk}",
        )
        propose(claim, annotator, "mostly-true", "Close to the official figure.")
        claim_transition(claim=claim, actor=annotator, action="submit")
    if status in (S.APPROVED, S.PUBLISHED):
        claim_transition(claim=claim, actor=reviewer, action="approve")
    if status == S.PUBLISHED:
        claim_transition(claim=claim, actor=editor, action="publish")
    claim.refresh_from_db()
    assert claim.status == status
    return claim


def run_action(client, action: str, claims, **data):
    """Post a bulk action from the claim list, as the action bar does."""
    payload = {"action": action, "index": 0, "_selected_action": [c.pk for c in claims], **data}
    return client.post(CHANGELIST, payload, follow=True)


def confirm_action(client, action: str, claims, **data):
    """Post a confirmation page's form back, with the versions of the claims it showed."""
    payload = {
        "action": action,
        "confirm": "yes",
        "_selected_action": [c.pk for c in claims],
        **{f"version-{c.pk}": c.version for c in claims},
        **data,
    }
    return client.post(CHANGELIST, payload, follow=True)


def page_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


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
    client.force_login(_staff(UserFactory(username="nobody")))
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
    assert "Submit" in page and "Evidence created" in page
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


# Articles.


def test_split_and_resplit_articles(client, people):
    fresh = ArticleFactory()
    split_before = ArticleFactory()
    claim_create(article=split_before, actor=SYSTEM, quote="The city council")
    client.force_login(people["editor"])

    response = client.post(
        "/admin/annotations/article/",
        {"action": "split", "index": 0, "_selected_action": [fresh.pk, split_before.pk]},
        follow=True,
    )
    messages = page_messages(response)
    assert messages[0].startswith("Split 1 article; 1 failed")
    assert "use “Re-split”" in messages[0]
    assert Claim.objects.filter(article=fresh, origin="auto").exists()

    response = client.post(
        "/admin/annotations/article/",
        {"action": "resplit", "index": 0, "_selected_action": [fresh.pk, split_before.pk]},
        follow=True,
    )
    messages = page_messages(response)
    assert messages[0] == "Re-split 2 articles."
    assert "1 claims kept as they were" in messages[1]
    assert Claim.objects.filter(article=split_before, origin="manual").count() == 1


def test_reviewers_cannot_split(client, people):
    article = ArticleFactory()
    client.force_login(people["reviewer"])
    page = client.get("/admin/annotations/article/").content.decode()
    assert 'value="split"' not in page
    assert not Claim.objects.filter(article=article).exists()


def test_article_list_counts_claims_by_status(client, people, article):
    claim_in(S.CANDIDATE, people, article=article, quote=QUOTES[0])
    claim_in(S.RESEARCHING, people, article=article, quote=QUOTES[1])
    claim_in(S.RESEARCHING, people, article=article, quote=QUOTES[2])
    client.force_login(people["editor"])
    page = client.get("/admin/annotations/article/").content.decode()
    assert f"?article__id__exact={article.pk}&amp;status__exact=researching" in page
    filtered = client.get(f"{CHANGELIST}?article__id__exact={article.pk}&status__exact=researching")
    assert filtered.context["cl"].result_count == 2


# Comments, ratings, people.


def test_editors_hide_and_show_comments_which_stay_in_the_history(client, people, article):
    claim = claim_in(S.RESEARCHING, people, article=article, quote=QUOTES[0])
    comment = comment_add(claim=claim, actor=people["annotator"], text="Rude remark.")
    client.force_login(people["editor"])

    response = client.post(
        "/admin/annotations/comment/",
        {"action": "hide", "index": 0, "_selected_action": comment.pk},
        follow=True,
    )
    assert "Hid 1 comment." in page_messages(response)
    comment.refresh_from_db()
    assert (comment.hidden, comment.hidden_by) == (True, people["editor"])
    assert Comment.objects.filter(pk=comment.pk).exists()

    again = client.post(
        "/admin/annotations/comment/",
        {"action": "hide", "index": 0, "_selected_action": comment.pk},
        follow=True,
    )
    assert "already hidden" in page_messages(again)[0]
    client.post(
        "/admin/annotations/comment/",
        {"action": "unhide", "index": 0, "_selected_action": comment.pk},
    )
    comment.refresh_from_db()
    assert not comment.hidden
    assert comment.history.count() == 3

    page = client.get(f"{CHANGELIST}{claim.pk}/change/").content.decode()
    assert "Rude remark." in page


def test_reviewers_cannot_hide_comments(client, people, article):
    claim = claim_in(S.RESEARCHING, people, article=article, quote=QUOTES[0])
    comment = comment_add(claim=claim, actor=people["annotator"], text="Rude remark.")
    client.force_login(people["reviewer"])
    assert 'value="hide"' not in client.get("/admin/annotations/comment/").content.decode()
    client.post(
        "/admin/annotations/comment/",
        {"action": "hide", "index": 0, "_selected_action": comment.pk},
    )
    assert not Comment.objects.get(pk=comment.pk).hidden


def _scale_form(scale: RatingScale, **changes) -> dict:
    ratings = list(scale.ratings.order_by("order", "id"))
    data = {
        "name": scale.name,
        "slug": scale.slug,
        "description": scale.description,
        "best_rating": scale.best_rating,
        "worst_rating": scale.worst_rating,
        "is_default": "on" if scale.is_default else "",
        "ratings-TOTAL_FORMS": len(ratings),
        "ratings-INITIAL_FORMS": len(ratings),
        "ratings-MIN_NUM_FORMS": 0,
        "ratings-MAX_NUM_FORMS": 1000,
    }
    for index, rating in enumerate(ratings):
        for name in ("order", "slug", "label", "colour", "description"):
            data[f"ratings-{index}-{name}"] = getattr(rating, name)
        data[f"ratings-{index}-value"] = "" if rating.value is None else rating.value
        data[f"ratings-{index}-id"] = rating.pk
        data[f"ratings-{index}-scale"] = scale.pk
        if rating.retired:
            data[f"ratings-{index}-retired"] = "on"
    data.update(changes)
    return data, ratings


def test_a_rating_in_use_cannot_be_deleted_only_retired(client, people, article, default_scale):
    claim_in(S.IN_REVIEW, people, article=article, quote=QUOTES[0])
    used = Rating.objects.get(scale=default_scale, slug="mostly-true")
    client.force_login(people["editor"])
    url = f"/admin/annotations/ratingscale/{default_scale.pk}/change/"
    data, ratings = _scale_form(default_scale)
    index = ratings.index(used)

    response = client.post(url, {**data, f"ratings-{index}-DELETE": "on"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "is used by 1 verdict, so it cannot be deleted" in page
    assert "Tick “retired” instead" in page
    assert Rating.objects.filter(pk=used.pk).exists()

    response = client.post(url, {**data, f"ratings-{index}-retired": "on"})
    assert response.status_code == 302
    used.refresh_from_db()
    assert used.retired


def test_a_rating_nobody_used_can_be_deleted(client, people, default_scale):
    unused = Rating.objects.get(scale=default_scale, slug="unverifiable")
    client.force_login(people["editor"])
    data, ratings = _scale_form(default_scale)
    index = ratings.index(unused)
    response = client.post(
        f"/admin/annotations/ratingscale/{default_scale.pk}/change/",
        {**data, f"ratings-{index}-DELETE": "on"},
    )
    assert response.status_code == 302
    assert not Rating.objects.filter(pk=unused.pk).exists()


def test_editors_see_people_and_roles_but_cannot_grant_superuser(client, people):
    client.force_login(people["editor"])
    page = client.get("/admin/auth/user/")
    assert page.status_code == 200
    assert "annie" in page.content.decode() and ANNOTATOR in page.content.decode()

    target = people["annotator"]
    response = client.post(
        f"/admin/auth/user/{target.pk}/change/",
        {"username": target.username, "is_superuser": "on", "is_staff": "on"},
    )
    assert response.status_code == 403
    target.refresh_from_db()
    assert not target.is_superuser


def test_even_with_change_rights_an_editor_cannot_make_a_superuser(client, people):
    from django.contrib.auth.models import Permission

    editor = people["editor"]
    editor.user_permissions.add(Permission.objects.get(codename="change_user"))
    client.force_login(editor)
    target = people["annotator"]
    page = client.get(f"/admin/auth/user/{target.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page
    assert 'name="groups"' not in page

    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    assert client.get(f"/admin/auth/user/{superuser.pk}/change/").status_code == 200
    response = client.post(
        f"/admin/auth/user/{superuser.pk}/change/", {"username": "renamed", "email": "x@y.z"}
    )
    assert response.status_code == 403


def test_assignee_autocomplete_offers_people_with_a_role(client, people):
    UserFactory(username="rolelessrita")
    client.force_login(people["editor"])
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "annotations", "model_name": "claim", "field_name": "assignee", "term": "r"},
    )
    names = {item["text"] for item in response.json()["results"]}
    assert "rita" in names and "arthur" not in names and "rolelessrita" not in names


def test_blind_reviews_still_sealed_stay_out_of_the_verdict_list(
    client, people, article, default_scale, other_reviewer
):
    default_scale.blind_review = True
    default_scale.save()
    claim = claim_in(S.IN_REVIEW, people, article=article, quote=QUOTES[0])
    from annotations.services import verdict_review

    verdict_review(
        claim=claim,
        actor=people["reviewer"],
        rating=Rating.objects.get(scale=default_scale, slug="false"),
        explanation="Sealed.",
    )
    client.force_login(people["editor"])
    listed = client.get("/admin/annotations/verdict/").context["cl"].result_count
    assert listed == 1  # the proposal only
    page = client.get(f"{CHANGELIST}{claim.pk}/change/").content.decode()
    assert "Sealed." not in page


# The dashboard.


def test_dashboard_shows_counts_waits_workload_and_recent_steps(client, people, article):
    claim_in(S.IN_REVIEW, people, article=article, quote=QUOTES[0])
    claim_in(S.APPROVED, people, article=article, quote=QUOTES[1])
    claim_in(S.CANDIDATE, people, article=article, quote=QUOTES[2])
    client.force_login(people["editor"])

    response = client.get("/admin/")

    page = response.content.decode()
    assert 'id="moderation-dashboard"' in page
    counts = {item.status: item.count for item in response.context["dashboard"].status_counts}
    assert counts == {
        S.CANDIDATE: 1,
        S.RESEARCHING: 0,
        S.IN_REVIEW: 1,
        S.APPROVED: 1,
        S.PUBLISHED: 0,
        S.DISMISSED: 0,
    }
    waiting = response.context["dashboard"].waiting
    assert [claim.quote for claim in waiting] == [QUOTES[0], QUOTES[1]]
    workload = {row.user.username: row for row in response.context["dashboard"].workload}
    assert workload["rita"].reviewed_recently == 1
    assert "annie" not in workload  # annotators hold no claims once submitted
    assert "Recent review steps" in page and "approve" in page.lower()


def test_dashboard_queries_do_not_grow_with_the_claims(client, people, article):
    client.force_login(people["editor"])
    claim_in(S.IN_REVIEW, people, article=article, quote=QUOTES[0])
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    for quote in QUOTES[1:]:
        claim_in(S.IN_REVIEW, people, article=article, quote=quote)
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/")
    assert len(many) == len(few)


# Fixed query counts on the lists, whatever the page size.


def _many_claims(count: int, people) -> None:
    reviewer, annotator = people["reviewer"], people["annotator"]
    for index in range(count):
        evidence = EvidenceFactory(
            claim=ClaimFactory(assignee=annotator if index % 2 else None, article=ArticleFactory()),
            added_by=annotator,
        )
        if index % 3 == 0:
            VerdictFactory(
                claim=evidence.claim, author=reviewer, is_final=True, approved_at=timezone.now()
            )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# Session, user, permissions, list filters' choices, count, page, per-page choices and so on:
# whatever the page shows, never one query per row.
# The claim list's tag filter lists the tags in use: one query more.
LIST_QUERIES = {"claim": 11, "article": 10, "source": 6}


@pytest.mark.parametrize(
    ("model", "admin_class"),
    [("claim", ClaimAdmin), ("article", ArticleAdmin), ("source", SourceAdmin)],
)
def test_changelists_run_a_fixed_number_of_queries_whatever_the_page_size(
    client, people, monkeypatch, django_assert_num_queries, model, admin_class
):
    _many_claims(24, people)
    client.force_login(people["editor"])
    url = f"/admin/annotations/{model}/"
    client.get(url)  # warm the content types and the session

    monkeypatch.setattr(admin_class, "list_per_page", 5)
    small = _queries(client, url)
    monkeypatch.setattr(admin_class, "list_per_page", 20)
    large = _queries(client, url)

    assert small == large
    with django_assert_num_queries(LIST_QUERIES[model]):
        client.get(url)


def test_claim_list_with_every_filter_and_a_search(client, people):
    _many_claims(6, people)
    client.force_login(people["editor"])
    rating = Rating.objects.get(scale__is_default=True, slug="false")
    url = (
        f"{CHANGELIST}?status__exact=candidate&verdict={rating.pk}"
        f"&assignee__id__exact={people['annotator'].pk}&publisher=Example+News&origin__exact=manual"
        f"&has_evidence=yes&updated_at__year={timezone.now().year}&q=council"
    )
    response = client.get(url)
    assert response.status_code == 200
    result = response.context["cl"].result_count
    expected = Claim.objects.filter(
        assignee=people["annotator"],
        verdicts__rating=rating,
        verdicts__is_final=True,
        evidence__isnull=False,
    ).distinct()
    assert result == expected.count() >= 1


def test_a_bulk_report_names_twenty_failures_and_counts_the_rest(rf):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    from annotations.admin.base import NAMED_FAILURES, BulkOutcome

    request = rf.post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    outcome = BulkOutcome(done=["a"], skipped=[(f"claim {n}", "Stale.") for n in range(25)])
    outcome.report(request, verb="Approved", noun=("claim", "claims"))
    (message,) = [str(m) for m in get_messages(request)]
    assert message.startswith("Approved 1 claim; 25 failed and were left as they were:")
    assert message.count("<li>") == NAMED_FAILURES + 1
    assert "<strong>claim 19</strong>" in message and "claim 20<" not in message
    assert message.endswith("<li>and 5 more</li></ul>")
