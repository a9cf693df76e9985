"""People's permissions come from the cache, and any change of roles is seen at once."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.permission_cache import _key
from annotations.permissions import EDITOR, REVIEWER
from annotations.services.auth import api_token_create
from tests.test_settings import _manage, _setting

PUBLISH = "annotations.publish_claim"
REVIEW = "annotations.review_claim"
RESEARCH = "annotations.research_claim"


@pytest.fixture
def cached(settings):
    settings.FACTCHECK_PERMISSION_CACHE_SECONDS = 300


def _fresh(user):
    """Return the person as the next request reads them: a new object, nothing cached on it."""
    return get_user_model().objects.get(pk=user.pk)


def _permission_queries(check) -> int:
    with CaptureQueriesContext(connection) as queries:
        check()
    return sum('"auth_permission"' in query["sql"] for query in queries.captured_queries)


def test_the_next_request_reads_the_permissions_from_the_cache(cached, annotator):
    assert _permission_queries(lambda: _fresh(annotator).has_perm(RESEARCH)) == 2
    person = _fresh(annotator)
    assert _permission_queries(lambda: person.has_perm(RESEARCH)) == 0
    assert person.has_perm(RESEARCH) and not person.has_perm(PUBLISH)
    assert RESEARCH in cache.get(_key(annotator.pk))


def test_without_the_setting_every_request_reads_the_database(settings, annotator):
    settings.FACTCHECK_PERMISSION_CACHE_SECONDS = 0
    for _ in range(2):
        assert _permission_queries(lambda: _fresh(annotator).has_perm(RESEARCH)) == 2
    assert cache.get(_key(annotator.pk)) is None


def test_a_role_given_or_taken_is_seen_at_once(cached, annotator):
    reviewers = Group.objects.get(name=REVIEWER)
    assert not _fresh(annotator).has_perm(REVIEW)
    annotator.groups.add(reviewers)
    assert _fresh(annotator).has_perm(REVIEW)
    annotator.groups.remove(reviewers)
    assert not _fresh(annotator).has_perm(REVIEW)
    reviewers.user_set.add(annotator)  # from the group's side
    assert _fresh(annotator).has_perm(REVIEW)
    reviewers.user_set.remove(annotator)
    assert not _fresh(annotator).has_perm(REVIEW)
    annotator.groups.clear()
    assert not _fresh(annotator).has_perm(RESEARCH)


def test_a_group_emptied_from_its_side_takes_the_role_from_everyone(
    cached, annotator, other_annotator
):
    for person in (annotator, other_annotator):
        assert _fresh(person).has_perm(RESEARCH)
    Group.objects.get(name="annotator").user_set.clear()
    for person in (annotator, other_annotator):
        assert not _fresh(person).has_perm(RESEARCH)


def test_a_groups_permissions_changed_either_way_reach_its_members(cached, annotator):
    group = Group.objects.get(name="annotator")
    research = Permission.objects.get(codename="research_claim")
    publish = Permission.objects.get(codename="publish_claim")
    assert _fresh(annotator).has_perm(RESEARCH)
    group.permissions.remove(research)
    assert not _fresh(annotator).has_perm(RESEARCH)
    publish.group_set.add(group)  # from the permission's side
    assert _fresh(annotator).has_perm(PUBLISH)
    publish.group_set.clear()
    assert not _fresh(annotator).has_perm(PUBLISH)
    group.permissions.clear()
    assert not _fresh(annotator).has_perm("annotations.add_claim")


def test_a_persons_own_permissions_changed_either_way(cached, annotator):
    publish = Permission.objects.get(codename="publish_claim")
    assert not _fresh(annotator).has_perm(PUBLISH)
    annotator.user_permissions.add(publish)
    assert _fresh(annotator).has_perm(PUBLISH)
    publish.user_set.clear()
    assert not _fresh(annotator).has_perm(PUBLISH)
    publish.user_set.add(annotator)
    assert _fresh(annotator).has_perm(PUBLISH)
    annotator.user_permissions.remove(publish)
    assert not _fresh(annotator).has_perm(PUBLISH)


def test_a_deleted_group_or_permission_is_gone_at_once(cached, annotator, editor):
    assert _fresh(editor).has_perm(PUBLISH)
    Group.objects.get(name=EDITOR).delete()
    assert not _fresh(editor).has_perm(PUBLISH)
    assert _fresh(annotator).has_perm(RESEARCH)
    Permission.objects.get(codename="research_claim").delete()
    assert not _fresh(annotator).has_perm(RESEARCH)


def test_an_account_made_inactive_has_no_permissions_whatever_is_cached(cached, annotator):
    assert _fresh(annotator).has_perm(RESEARCH)
    get_user_model().objects.filter(pk=annotator.pk).update(is_active=False)
    assert cache.get(_key(annotator.pk)) is not None
    assert not _fresh(annotator).has_perm(RESEARCH)


def test_a_set_stored_by_a_request_racing_the_change_is_forgotten_when_it_commits(
    cached, annotator, django_capture_on_commit_callbacks
):
    stale = _fresh(annotator).get_all_permissions()
    with django_capture_on_commit_callbacks(execute=True):
        annotator.groups.clear()
        cache.set(_key(annotator.pk), stale, 300)  # read before the change, stored after it
    assert not _fresh(annotator).has_perm(RESEARCH)


def test_the_api_refuses_a_write_right_after_the_role_is_taken(cached, api, annotator, article):
    _token, key = api_token_create(user=annotator, name="desk", actor=annotator)
    client = api
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")  # each request reads the person anew
    quote = {"article": article.pk, "quote": "120 drivers"}
    assert client.post("/api/v1/claims/", quote, format="json").status_code == 201
    annotator.groups.clear()
    refused = client.post("/api/v1/claims/", {**quote, "quote": "fares"}, format="json")
    assert refused.status_code == 403
    assert "annotations.add_claim" in refused.json()["message"]


def test_the_setting_is_on_with_redis_and_refuses_a_negative_value():
    assert _setting("FACTCHECK_PERMISSION_CACHE_SECONDS", DEBUG="1", REDIS_URL="") == "0"
    on = _setting(
        "FACTCHECK_PERMISSION_CACHE_SECONDS", DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/15"
    )
    assert on == "300"

    refused = _manage("check", DEBUG="1", REDIS_URL="", FACTCHECK_PERMISSION_CACHE_SECONDS="-1")
    assert refused.returncode != 0
    assert "FACTCHECK_PERMISSION_CACHE_SECONDS must be 0 (off) or more." in refused.stderr
