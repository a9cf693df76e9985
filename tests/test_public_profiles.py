"""Public profiles: who may set a public name, and where it is set (service, admin, page)."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from annotations.models import PublicProfile
from annotations.services import public_profile_set


def test_a_person_names_themself_and_spaces_are_tidied(annotator):
    profile = public_profile_set(
        user=annotator, actor=annotator, public_name="  Annie   Fact ", show_name_publicly=True
    )
    assert (profile.public_name, profile.show_name_publicly) == ("Annie Fact", True)
    again = public_profile_set(
        user=annotator, actor=annotator, public_name="Annie F.", show_name_publicly=False
    )
    assert again.pk == profile.pk
    assert PublicProfile.objects.get().public_name == "Annie F."


def test_an_editor_may_set_anyone_and_others_may_not(annotator, reviewer, editor):
    public_profile_set(user=reviewer, actor=editor, public_name="Rita R.", show_name_publicly=True)
    with pytest.raises(PermissionDenied, match="Role rule"):
        public_profile_set(
            user=reviewer, actor=annotator, public_name="Not Rita", show_name_publicly=False
        )
    with pytest.raises(PermissionDenied):
        public_profile_set(user=reviewer, actor=None, public_name="x", show_name_publicly=False)
    assert PublicProfile.objects.get(user=reviewer).public_name == "Rita R."


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "public name is required"), ("   ", "public name is required"), ("a\x00b", "NUL")],
)
def test_bad_names_are_refused_and_nothing_is_saved(annotator, name, message):
    with pytest.raises(ValidationError, match=message):
        public_profile_set(
            user=annotator, actor=annotator, public_name=name, show_name_publicly=True
        )
    assert not PublicProfile.objects.exists()


def test_editors_manage_profiles_in_the_admin(client, annotator, editor):
    client.force_login(editor)
    assert client.get("/admin/annotations/publicprofile/").status_code == 200
    response = client.post(
        "/admin/annotations/publicprofile/add/",
        {"user": annotator.pk, "public_name": "Annie Fact", "show_name_publicly": "on"},
    )
    assert response.status_code == 302, response.content
    assert PublicProfile.objects.get(user=annotator).shown_name == "Annie Fact"


def test_the_admin_refuses_a_shown_name_left_empty(client, annotator, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/annotations/publicprofile/add/",
        {"user": annotator.pk, "public_name": "", "show_name_publicly": "on"},
    )
    assert response.status_code == 200
    assert "A public name is required to show it publicly." in response.content.decode()
    assert not PublicProfile.objects.exists()


def test_other_roles_do_not_see_profiles_in_the_admin(client, reviewer):
    reviewer.is_staff = True
    reviewer.save(update_fields=["is_staff"])
    client.force_login(reviewer)
    assert client.get("/admin/annotations/publicprofile/").status_code == 403


def test_a_person_sets_their_name_on_their_profile_page(client, annotator):
    assert client.get("/accounts/profile/").status_code == 302  # sign in first
    client.force_login(annotator)
    page = client.get("/accounts/profile/")
    assert page.status_code == 200 and "never show your login name" in page.content.decode()
    response = client.post(
        "/accounts/profile/", {"public_name": "Annie Fact", "show_name_publicly": "on"}
    )
    assert response.status_code == 302
    assert PublicProfile.objects.get(user=annotator).shown_name == "Annie Fact"
    # The page shows what is saved.
    page = client.get("/accounts/profile/").content.decode()
    assert 'value="Annie Fact"' in page
    assert re.search(r'<input type="checkbox" name="show_name_publicly"[^>]* checked', page)


def test_the_profile_page_names_the_problem_and_saves_nothing(client, annotator):
    client.force_login(annotator)
    response = client.post("/accounts/profile/", {"public_name": "", "show_name_publicly": "on"})
    assert response.status_code == 400
    assert "A public name is required to show it publicly." in response.content.decode()
    response = client.post("/accounts/profile/", {"public_name": "a" * 101})
    assert response.status_code == 400
    assert "at most 100 characters" in response.content.decode()
    assert not PublicProfile.objects.exists()
