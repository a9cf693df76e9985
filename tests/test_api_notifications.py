"""The notifications API (list, unread filter, mark read) and the user lookup for @mentions."""

import pytest

from annotations.models import Notification, NotificationKind
from tests.factories import ClaimFactory, UserFactory
from tests.helpers import api_as


@pytest.fixture
def notes(reviewer, annotator):
    """Three notifications for the reviewer (one read) and one for someone else."""
    claim = ClaimFactory()

    def make(recipient, text, **fields):
        return Notification.objects.create(
            recipient=recipient,
            kind=NotificationKind.MENTION,
            claim=claim,
            actor=annotator,
            text=text,
            **fields,
        )

    read = make(reviewer, "first")
    read.read_at = read.created_at
    read.save()
    return {
        "read": read,
        "second": make(reviewer, "second"),
        "third": make(reviewer, "third"),
        "other": make(annotator, "not yours"),
    }


def test_the_list_shows_only_mine_newest_first_in_a_fixed_number_of_queries(
    api, reviewer, notes, django_assert_num_queries
):
    api_as(api, reviewer)
    # The session-less forced login needs no query: a count and a page.
    with django_assert_num_queries(2):
        body = api.get("/api/v1/notifications/").json()
    assert [item["id"] for item in body["results"]] == [
        notes[key].pk for key in ("third", "second", "read")
    ]
    # Told in the reader's language from its kind, claim and actor, not the stored text.
    assert body["results"][0]["text"] == notes["third"].message != notes["third"].text
    assert body["count"] == 3
    first = body["results"][0]
    assert first["actor"] == "annie" and first["unread"] is True
    assert first["claim_url"] == f"/claims/{notes['third'].claim_id}/"


def test_unread_filters_and_a_bad_value_is_refused(api, reviewer, notes):
    api_as(api, reviewer)
    body = api.get("/api/v1/notifications/?unread=1").json()
    assert [item["id"] for item in body["results"]] == [notes["third"].pk, notes["second"].pk]
    refused = api.get("/api/v1/notifications/?unread=maybe")
    assert refused.status_code == 400
    assert "unread" in refused.json()["fields"]


def test_mark_one_read_and_someone_elses_is_not_found(api, reviewer, notes):
    api_as(api, reviewer)
    answer = api.post(f"/api/v1/notifications/{notes['second'].pk}/read/")
    assert answer.status_code == 200 and answer.json()["unread"] is False
    assert api.post(f"/api/v1/notifications/{notes['other'].pk}/read/").status_code == 404
    notes["other"].refresh_from_db()
    assert notes["other"].read_at is None


def test_mark_all_read_says_how_many(api, reviewer, notes):
    api_as(api, reviewer)
    assert api.post("/api/v1/notifications/read-all/").json() == {"marked": 2}
    assert api.get("/api/v1/notifications/?unread=1").json()["count"] == 0
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_anonymous_callers_are_refused(api, notes):
    assert api.get("/api/v1/notifications/").status_code == 401
    assert api.post("/api/v1/notifications/read-all/").status_code == 401


def test_user_lookup_lists_desk_members_only(api, annotator, reviewer, other_reviewer):
    UserFactory(username="rich")  # no role: not a desk member
    gone = UserFactory(username="rob", is_active=False)
    gone.groups.set(reviewer.groups.all())
    api_as(api, annotator)
    assert api.get("/api/v1/users/?q=r").json() == [
        {"id": other_reviewer.pk, "username": "ravi"},
        {"id": reviewer.pk, "username": "rita"},
    ]
    assert api.get("/api/v1/users/?q=@RI").json() == [{"id": reviewer.pk, "username": "rita"}]


@pytest.mark.parametrize("query", ["", "?q=", "?q=" + "x" * 151])
def test_user_lookup_needs_a_sensible_query(api, annotator, query):
    api_as(api, annotator)
    answer = api.get(f"/api/v1/users/{query}")
    assert answer.status_code == 400
    assert "q" in answer.json()["fields"]


def test_user_lookup_is_for_desk_members(api, reviewer):
    api_as(api, UserFactory(username="visitor"))
    assert api.get("/api/v1/users/?q=r").status_code == 403


def test_the_text_follows_the_readers_language(api, reviewer, notes):
    api_as(api, reviewer)
    body = api.get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="fr").json()
    text = body["results"][0]["text"]
    assert text.startswith(translation_of(notes["third"], "fr")) and "annie" in text
    assert not text.startswith(translation_of(notes["third"], "en"))


def translation_of(notification, language: str) -> str:
    from django.utils import translation

    from annotations.models.notifications import MESSAGES

    with translation.override(language):
        return MESSAGES[notification.kind].format(actor="annie", claim=notification.claim_id)
