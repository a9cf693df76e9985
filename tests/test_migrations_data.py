"""What a fresh database holds after `migrate`: the default scale and the roles."""

from django.contrib.auth.models import Group

from annotations.models import RatingScale
from annotations.permissions import ROLE_PERMISSIONS


def test_default_rating_scale(default_scale):
    ratings = list(default_scale.ratings.order_by("order"))
    assert [r.label for r in ratings] == [
        "True",
        "Mostly true",
        "Half true",
        "Mostly false",
        "False",
        "Misleading",
        "Unverifiable",
    ]
    assert [r.value for r in ratings] == [5, 4, 3, 2, 1, None, None]
    assert (default_scale.best_rating, default_scale.worst_rating) == (5, 1)
    assert all(r.description and r.colour.startswith("#") for r in ratings)
    assert RatingScale.objects.filter(is_default=True).count() == 1


def test_every_rating_value_lies_within_its_scale(default_scale):
    for rating in default_scale.ratings.exclude(value=None):
        assert default_scale.worst_rating <= rating.value <= default_scale.best_rating


def test_roles_exist_with_their_permissions(db):
    for role, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        held = {p.codename for p in group.permissions.all()}
        assert held == {name.rpartition(".")[2] for name in codenames}


def test_roles_differ_where_the_workflow_needs_them(annotator, reviewer, editor):
    assert annotator.has_perm("annotations.research_claim")
    assert not annotator.has_perm("annotations.review_claim")
    assert reviewer.has_perm("annotations.review_claim")
    assert not reviewer.has_perm("annotations.publish_claim")
    assert editor.has_perm("annotations.publish_claim")
    assert editor.has_perm("annotations.assign_claim")


def test_the_default_scale_ships_with_a_neutral_name(default_scale):
    assert default_scale.name == "Accuracy scale"


def test_the_rename_leaves_a_scale_the_desk_renamed_alone(default_scale):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("annotations.migrations.0001_squashed_0014_verbose_names")
    default_scale.name = "Our own scale"
    default_scale.save()
    migration.rename_default_scale(apps, None)
    default_scale.refresh_from_db()
    assert default_scale.name == "Our own scale"
    RatingScale.objects.filter(pk=default_scale.pk).update(name="Truth-O-Meter")
    migration.rename_default_scale(apps, None)
    default_scale.refresh_from_db()
    assert default_scale.name == "Accuracy scale"


SQUASHED = ("annotations", "0001_squashed_0014_verbose_names")
OLD_HISTORY = [
    "0001_initial",
    "0002_default_rating_scale",
    "0003_roles",
    "0004_verdict_review_round",
    "0005_claim_search_index",
    "0006_review_event_time_label",
    "0007_public_profile",
    "0008_auth_security",
    "0009_publicprofile_interface_language",
    "0010_notifications_archives",
    "0011_jobs_feeds",
    "0012_claimant_type_tags_article_history",
    "0013_intake_fetch_records_duplicates",
    "0014_verbose_names",
]


def test_a_database_migrated_before_the_squash_applies_only_what_came_after_it(db):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.recorder import MigrationRecorder

    # Record the history as a database migrated with 0001 to 0014 holds it.
    recorder = MigrationRecorder(connection)
    recorder.migration_qs.filter(app="annotations").delete()
    for name in OLD_HISTORY:
        recorder.record_applied("annotations", name)

    executor = MigrationExecutor(connection)
    assert SQUASHED in executor.loader.applied_migrations
    planned = {
        m.name for m, _backwards in executor.migration_plan(executor.loader.graph.leaf_nodes())
    }
    # None of the squashed steps runs again; what was added after the squash still does.
    assert not planned & {SQUASHED[1], *OLD_HISTORY}
    assert all(name > "0014" for name in planned)
    (leaf,) = executor.loader.graph.leaf_nodes("annotations")
    assert SQUASHED in executor.loader.graph.forwards_plan(leaf)
