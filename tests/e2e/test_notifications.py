"""Mentions and the bell in real Chromium: autocomplete a mention, post it, and the person
mentioned sees the unread count, opens the notification and lands on the claim; the email
preferences and an archived copy's page."""

import pytest
from django.utils import timezone

from annotations.models import ArchiveStatus, Comment, Notification, SourceArchive
from tests.factories import ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_mention_autocompletes_and_rings_the_bell(open_as, annotator, reviewer, other_reviewer):
    claim = ClaimFactory(claim_text="Ridership rose 12% in 2025.")
    page = open_as(annotator)
    page.goto(f"/claims/{claim.pk}/")
    box = page.locator("form.comment-form textarea")
    box.click()
    box.press_sequentially("Please check this, @ri")
    options = page.locator("#mention-suggestions [role=option]")
    options.first.wait_for()
    assert options.all_inner_texts() == ["@rita"]
    assert box.get_attribute("aria-expanded") == "true"
    page.screenshot(path="/tmp/notifications-mention.png")
    box.press("Enter")
    assert box.input_value() == "Please check this, @rita "
    assert page.locator("#mention-suggestions").is_hidden()
    page.click("form.comment-form button[type=submit]")
    page.wait_for_selector("a.mention")
    assert page.locator("a.mention").inner_text() == "@rita"
    assert Comment.objects.get().text == "Please check this, @rita"

    # The reviewer sees the count on every page, opens the list and then the claim.
    other = open_as(reviewer)
    assert other.locator("#notification-bell .bell-count").inner_text() == "1"
    other.click("#notification-bell")
    other.wait_for_url("**/notifications/")
    other.screenshot(path="/tmp/notifications-list.png", full_page=True)
    item = other.locator("li.notification.unread")
    assert "annie mentioned you in a comment" in item.inner_text()
    item.locator("button[name=open]").click()
    other.wait_for_url(f"**/claims/{claim.pk}/")
    assert other.locator("#notification-bell .bell-count").count() == 0
    assert Notification.objects.get(recipient=reviewer).read_at is not None
    assert not Notification.objects.filter(recipient=other_reviewer).exists()


def test_email_preferences_and_an_archived_copy_read_well(open_as, reviewer):
    source = SourceFactory(title="Ridership statistics 2025")
    copy = SourceArchive.objects.create(
        source=source,
        requested_url=source.url,
        final_url=source.url,
        status=ArchiveStatus.ARCHIVED,
        text="Ridership grew by 11.8%.\n\n<script>alert(1)</script> stays text.",
        sha256="d" * 64,
        fetched_at=timezone.now(),
    )
    page = open_as(reviewer)
    page.goto("/notifications/preferences/")
    page.uncheck("input[value=mention]")
    page.click("main button[type=submit]")
    page.wait_for_selector(".message.success")
    page.screenshot(path="/tmp/notifications-preferences.png", full_page=True)
    assert not page.is_checked("input[value=mention]")
    page.goto(f"/archives/{copy.pk}/")
    assert "Archived copy" in page.locator(".archive-banner").inner_text()
    assert "<script>alert(1)</script> stays text." in page.locator(".archive-text").inner_text()
    page.screenshot(path="/tmp/archive-copy.png", full_page=True)
