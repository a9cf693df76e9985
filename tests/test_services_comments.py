"""Comments: post, edit within the window, hide and unhide; never delete."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import annotations.services as services
from annotations.models import Comment
from annotations.selectors import comments_for
from annotations.services import comment_add, comment_edit, comment_hide, comment_unhide
from tests.factories import ClaimFactory, CommentFactory, UserFactory


def test_every_role_can_comment(annotator, reviewer, editor):
    claim = ClaimFactory()
    for person in (annotator, reviewer, editor):
        comment = comment_add(claim=claim, actor=person, text=f"  Note from {person}.  ")
        assert (comment.author, comment.text) == (person, f"Note from {person}.")
    assert Comment.objects.filter(claim=claim).count() == 3


def test_someone_without_a_role_cannot_comment(db):
    with pytest.raises(PermissionDenied, match="Role rule"):
        comment_add(claim=ClaimFactory(), actor=UserFactory(), text="Hello")


@pytest.mark.parametrize("text", ["", "   ", "x" * 10_001])
def test_comment_text_is_checked(annotator, text):
    with pytest.raises(ValidationError) as error:
        comment_add(claim=ClaimFactory(), actor=annotator, text=text)
    assert "text" in error.value.message_dict
    assert not Comment.objects.exists()


def test_author_edits_within_the_window(annotator):
    comment = comment_add(claim=ClaimFactory(), actor=annotator, text="Ridership fell 12%.")
    edited = comment_edit(comment=comment, actor=annotator, text="Ridership fell 9%.")
    assert edited.text == "Ridership fell 9%."
    assert edited.edited_at is not None
    assert [record.text for record in edited.history.order_by("history_date")] == [
        "Ridership fell 12%.",
        "Ridership fell 9%.",
    ]


def test_only_the_author_edits(annotator, editor):
    comment = comment_add(claim=ClaimFactory(), actor=annotator, text="Mine.")
    with pytest.raises(PermissionDenied, match="only its author"):
        comment_edit(comment=comment, actor=editor, text="Edited by someone else.")
    assert Comment.objects.get(pk=comment.pk).text == "Mine."


def test_edit_window_closes(settings, annotator):
    settings.FACTCHECK_COMMENT_EDIT_WINDOW = 600
    comment = CommentFactory(
        author=annotator, created_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    with pytest.raises(ValidationError, match="can be edited for 10 minutes") as error:
        comment_edit(comment=comment, actor=annotator, text="Too late.")
    assert error.value.error_dict["text"][0].code == "edit_window_closed"
    assert Comment.objects.get(pk=comment.pk).edited_at is None


def test_edit_window_defaults_to_fifteen_minutes(settings, annotator):
    del settings.FACTCHECK_COMMENT_EDIT_WINDOW
    fresh = CommentFactory(
        author=annotator, created_at=timezone.now() - datetime.timedelta(minutes=14)
    )
    assert comment_edit(comment=fresh, actor=annotator, text="Still in time.").edited_at
    stale = CommentFactory(
        author=annotator, created_at=timezone.now() - datetime.timedelta(minutes=16)
    )
    with pytest.raises(ValidationError, match="15 minutes"):
        comment_edit(comment=stale, actor=annotator, text="Too late.")


def test_editors_hide_and_unhide(annotator, reviewer, editor):
    comment = comment_add(claim=ClaimFactory(), actor=annotator, text="Off-topic rant.")
    with pytest.raises(PermissionDenied, match="Role rule"):
        comment_hide(comment=comment, actor=reviewer)

    hidden = comment_hide(comment=comment, actor=editor, reason="Off topic")
    assert (hidden.hidden, hidden.hidden_by) == (True, editor)
    assert hidden.hidden_at is not None
    record = hidden.history.latest("history_date")
    assert (record.history_user, record.history_change_reason) == (editor, "Off topic")

    assert list(comments_for(claim=comment.claim, user=annotator)) == []
    assert list(comments_for(claim=comment.claim, user=editor)) == [hidden]

    with pytest.raises(ValidationError, match="already hidden \\(hidden by edith\\)"):
        comment_hide(comment=comment, actor=editor)
    with pytest.raises(ValidationError, match="cannot be edited"):
        comment_edit(comment=comment, actor=annotator, text="Sorry.")

    shown = comment_unhide(comment=comment, actor=editor)
    assert (shown.hidden, shown.hidden_by, shown.hidden_at) == (False, None, None)
    assert list(comments_for(claim=comment.claim, user=annotator)) == [shown]
    with pytest.raises(ValidationError, match="already visible"):
        comment_unhide(comment=comment, actor=editor)


def test_there_is_no_way_to_delete_a_comment():
    assert not [name for name in services.__all__ if "comment" in name and "delete" in name]
