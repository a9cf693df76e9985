"""The notifications page, the bell, email preferences, and @mentions linked in comments."""

import pytest

from annotations.models import Notification, NotificationKind, NotificationPreference
from annotations.services import comment_add
from tests.factories import ClaimFactory


@pytest.fixture
def mention(annotator, reviewer) -> Notification:
    return Notification.objects.create(
        recipient=reviewer,
        kind=NotificationKind.MENTION,
        claim=ClaimFactory(),
        actor=annotator,
        text="annie mentioned you in a comment on claim 1",
    )


def test_the_bell_shows_the_unread_count_with_one_query(
    client, reviewer, mention, django_assert_num_queries
):
    client.force_login(reviewer)
    # Session, user, the page's count, the navigation's two permission reads, the bell's
    # count, the page's rows.
    with django_assert_num_queries(7):
        page = client.get("/notifications/").content.decode()
    assert 'id="notification-bell"' in page
    assert 'class="bell-count" aria-label="1 unread">1</span>' in page
    assert "annie mentioned you" in page


def test_no_unread_no_count_and_no_bell_for_visitors(client, reviewer):
    client.force_login(reviewer)
    assert "bell-count" not in client.get("/notifications/").content.decode()
    client.logout()
    assert "notification-bell" not in client.get("/factchecks/").content.decode()


def test_opening_a_notification_marks_it_read_and_goes_to_its_claim(client, reviewer, mention):
    client.force_login(reviewer)
    response = client.post(f"/notifications/{mention.pk}/read/", {"open": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"/claims/{mention.claim_id}/"
    mention.refresh_from_db()
    assert mention.read_at is not None


def test_someone_elses_notification_is_not_found(client, annotator, mention):
    client.force_login(annotator)
    assert client.post(f"/notifications/{mention.pk}/read/").status_code == 404
    mention.refresh_from_db()
    assert mention.read_at is None


def test_mark_all_read(client, reviewer, mention):
    client.force_login(reviewer)
    page = client.post("/notifications/read-all/", follow=True).content.decode()
    assert "Marked 1 notification read." in page
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_preferences_start_with_every_email_and_save_a_choice(client, reviewer):
    client.force_login(reviewer)
    page = client.get("/notifications/preferences/").content.decode()
    assert page.count("checked") == len(NotificationKind.values)
    response = client.post(
        "/notifications/preferences/", {"email_kinds": ["mention"], "choosing": "1"}
    )
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=reviewer).email_kinds == ["mention"]
    page = client.get("/notifications/preferences/").content.decode()
    assert page.count("checked") == 1


def test_an_unknown_email_kind_is_refused_and_nothing_changes(client, reviewer):
    client.force_login(reviewer)
    response = client.post(
        "/notifications/preferences/", {"email_kinds": ["gossip"], "choosing": "1"}
    )
    assert response.status_code == 400
    assert "gossip" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_a_post_from_outside_the_form_changes_nothing(client, reviewer):
    client.force_login(reviewer)
    response = client.post("/notifications/preferences/", {})
    assert response.status_code == 400
    assert "Send your choices from the email preferences form." in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_unticking_every_box_turns_every_email_off(client, reviewer):
    client.force_login(reviewer)
    assert client.post("/notifications/preferences/", {"choosing": "1"}).status_code == 302
    assert NotificationPreference.objects.get(user=reviewer).email_kinds == []


def test_mentions_in_comments_link_to_the_person_and_stay_escaped(client, annotator, reviewer):
    claim = ClaimFactory()
    comment_add(claim=claim, actor=annotator, text="@rita see <b>this</b>; @nobody, mail bob@x.org")
    client.force_login(annotator)
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert '<a class="mention" href="/claims/?assignee=rita">@rita</a>' in page
    assert "&lt;b&gt;this&lt;/b&gt;" in page
    assert "@nobody" in page and 'assignee=nobody"' not in page
    assert "bob@x.org" in page
    assert 'data-mentions-url="/api/v1/users/"' in page


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
