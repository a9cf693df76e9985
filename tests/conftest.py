"""Shared fixtures: users in each role, a default rating scale, and the shared data folder."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from hypothesis import settings as hypothesis_settings

from annotations.models import RatingScale
from annotations.permissions import ANNOTATOR, EDITOR, REVIEWER
from tests.factories import UserFactory

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

# A loaded CI machine can make any example slow; correctness, not time, is what is tested.
hypothesis_settings.register_profile("project", deadline=None)
hypothesis_settings.load_profile("project")


@pytest.fixture
def shared_dir() -> Path:
    """Return ../shared (samples, standards, datasets), skipping when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}); these checks need its data")
    return SHARED


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _user_in(role: str, username: str):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def annotator(db):
    return _user_in(ANNOTATOR, "annie")


@pytest.fixture
def other_annotator(db):
    return _user_in(ANNOTATOR, "arthur")


@pytest.fixture
def reviewer(db):
    return _user_in(REVIEWER, "rita")


@pytest.fixture
def other_reviewer(db):
    return _user_in(REVIEWER, "ravi")


@pytest.fixture
def editor(db):
    user = _user_in(EDITOR, "edith")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def default_scale(db) -> RatingScale:
    return RatingScale.objects.get(is_default=True)
