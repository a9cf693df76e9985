"""Add the claimant type, tags and the article history; rename the shipped rating scale.

The default scale shipped as "Truth-O-Meter", another organisation's trademark, and the name
goes into every export. It is renamed only if nobody renamed it since.
"""

import django.db.models.deletion
import django.db.models.functions.text
import simple_history.models
from django.conf import settings
from django.db import migrations, models

OLD_SCALE_NAME = "Truth-O-Meter"
NEW_SCALE_NAME = "Accuracy scale"


def rename_default_scale(apps, schema_editor):
    RatingScale = apps.get_model("annotations", "RatingScale")
    RatingScale.objects.filter(slug="default", name=OLD_SCALE_NAME).update(name=NEW_SCALE_NAME)


def restore_scale_name(apps, schema_editor):
    RatingScale = apps.get_model("annotations", "RatingScale")
    RatingScale.objects.filter(slug="default", name=NEW_SCALE_NAME).update(name=OLD_SCALE_NAME)


# Annotators now correct article metadata; every role reads tags, editors manage them.
GRANTS = {
    "annotator": ("change_article", "view_tag"),
    "reviewer": ("view_tag",),
    "editor": ("view_tag", "add_tag", "change_tag"),
}


def grant_permissions(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions of a new model are normally created after all migrations.
    config = apps.get_app_config("annotations")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in GRANTS.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="annotations", codename__in=codenames
                )
            )


def revoke_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in GRANTS.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="annotations", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0011_jobs_feeds"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="claimant_type",
            field=models.CharField(
                choices=[("person", "Person"), ("organization", "Organization")],
                default="person",
                help_text="Whether the claimant is a person or an organization.",
                max_length=12,
            ),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="claimant_type",
            field=models.CharField(
                choices=[("person", "Person"), ("organization", "Organization")],
                default="person",
                help_text="Whether the claimant is a person or an organization.",
                max_length=12,
            ),
        ),
        migrations.CreateModel(
            name="HistoricalArticle",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(blank=True, max_length=500)),
                ("url", models.URLField(blank=True, max_length=2000)),
                ("publisher", models.CharField(blank=True, max_length=200)),
                (
                    "dateline",
                    models.CharField(
                        blank=True,
                        help_text="Place or desk credited with the article.",
                        max_length=200,
                    ),
                ),
                ("author", models.CharField(blank=True, max_length=200)),
                (
                    "language",
                    models.CharField(default="en", help_text="BCP 47 tag, e.g. en.", max_length=35),
                ),
                ("published_at", models.DateField(blank=True, null=True)),
                ("original_filename", models.CharField(blank=True, max_length=255)),
                ("text_sha256", models.CharField(db_index=True, editable=False, max_length=64)),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical article",
                "verbose_name_plural": "historical articles",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Tag",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=50, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "ordering": ["name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("name", ""), _negated=True), name="tag_name_not_empty"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("name", django.db.models.functions.text.Lower("name"))),
                        name="tag_name_lower_case",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="claim",
            name="tags",
            field=models.ManyToManyField(blank=True, related_name="claims", to="annotations.tag"),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(("claimant_type__in", ["person", "organization"])),
                name="claim_claimant_type_valid",
            ),
        ),
        migrations.RunPython(rename_default_scale, restore_scale_name),
        migrations.RunPython(grant_permissions, revoke_permissions),
    ]
