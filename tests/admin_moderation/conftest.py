"""Fixtures of the moderation admin tests."""

import pytest

from tests.admin_desk import desk_people


@pytest.fixture
def people(annotator, reviewer, editor) -> dict:
    """Staff accounts in each role (the admin lets in staff only)."""
    return desk_people(annotator, reviewer, editor)
