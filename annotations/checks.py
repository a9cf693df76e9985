"""System checks that guard the database the app runs on."""

from __future__ import annotations

import importlib
from typing import Any

from django.core.checks import Error, Tags, register
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

SQUASHED_MIGRATION = "0001_squashed_0014_verbose_names"


def replaced_migrations() -> list[str]:
    """Return the names of the migrations the squashed one replaces."""
    module = importlib.import_module(f"annotations.migrations.{SQUASHED_MIGRATION}")
    return [name for app, name in module.Migration.replaces if app == "annotations"]


def half_squashed_error(recorded: set[str]) -> Error | None:
    """Tell why a history that stopped inside the squashed range cannot be migrated, if it did."""
    replaced = replaced_migrations()
    applied = [name for name in replaced if name in recorded]
    if SQUASHED_MIGRATION in recorded or not applied or len(applied) == len(replaced):
        return None
    return Error(
        f"This database stopped part-way through the app's old migrations (last applied: "
        f"{applied[-1]}); they are squashed into {SQUASHED_MIGRATION} and their files are gone.",
        hint=(
            "Migrate it to 0014_verbose_names with a release from before the squash, then run "
            "migrate with this one."
        ),
        id="annotations.E001",
    )


@register(Tags.database)
def check_squashed_history(app_configs: Any = None, databases: Any = None, **kwargs: Any) -> list:
    """Refuse a database whose history stopped inside the squashed migrations."""
    errors = []
    for alias in databases or ():
        recorder = MigrationRecorder(connections[alias])
        if not recorder.has_table():
            continue
        recorded = set(
            recorder.migration_qs.filter(app="annotations").values_list("name", flat=True)
        )
        error = half_squashed_error(recorded)
        if error is not None:
            errors.append(error)
    return errors
