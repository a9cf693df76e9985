"""The system check that refuses a database stopped inside the squashed migrations."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db.migrations.recorder import MigrationRecorder

from annotations.checks import (
    SQUASHED_MIGRATION,
    check_squashed_history,
    half_squashed_error,
    replaced_migrations,
)


def test_replaced_migrations_are_the_fourteen_old_ones():
    names = replaced_migrations()
    assert len(names) == 14
    assert names[0] == "0001_initial"
    assert names[-1] == "0014_verbose_names"


@pytest.mark.parametrize(
    "recorded",
    [
        set(),
        {SQUASHED_MIGRATION},
        set(replaced_migrations()),
        set(replaced_migrations()[:5]) | {SQUASHED_MIGRATION},
    ],
    ids=["fresh", "squashed", "all old", "squashed recorded"],
)
def test_complete_histories_pass(recorded):
    assert half_squashed_error(recorded) is None


def test_a_history_stopped_inside_the_range_is_an_error_naming_where():
    error = half_squashed_error(set(replaced_migrations()[:13]))
    assert error is not None
    assert error.id == "annotations.E001"
    assert "0013_intake_fetch_records_duplicates" in error.msg
    assert "0014_verbose_names" in error.hint


@pytest.mark.django_db
def test_migrate_refuses_a_database_stopped_inside_the_range():
    recorded = MigrationRecorder.Migration.objects.filter(app="annotations")
    recorded.filter(name__in=[SQUASHED_MIGRATION, "0014_verbose_names"]).delete()
    assert [error.id for error in check_squashed_history(databases=["default"])] == [
        "annotations.E001"
    ]
    with pytest.raises(SystemCheckError, match="part-way"):
        call_command("migrate", verbosity=0, skip_checks=False)


@pytest.mark.django_db
def test_the_test_database_passes():
    assert check_squashed_history(databases=["default"]) == []
