"""The schema and shipped data of migrations 0001 to 0014, squashed into one migration.

A database that applied 0001 to 0014 is already at this migration (see `replaces`); a new one
gets the same tables, then the same data: the default rating scale, the role groups with their
permissions, the PostgreSQL search index, DRF's old tokens carried over, the scale's rename.
"""

import datetime
import hashlib

import django.core.validators
import django.db.models.deletion
import django.db.models.expressions
import django.db.models.functions.text
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

from annotations.permissions import ROLE_PERMISSIONS

# The default rating scale (from 0002), under the name it first shipped with; see the rename.
DEFAULT_SCALE = {
    "name": "Truth-O-Meter",
    "slug": "default",
    "description": "The default six-step scale plus two labels off the scale.",
    "best_rating": 5,
    "worst_rating": 1,
}

# slug, label, colour, value (None: off the numeric scale), description
DEFAULT_RATINGS = [
    ("true", "True", "#15803d", 5, "The claim is accurate and nothing significant is missing."),
    (
        "mostly-true",
        "Mostly true",
        "#65a30d",
        4,
        "The claim is accurate but needs clarification or additional information.",
    ),
    (
        "half-true",
        "Half true",
        "#ca8a04",
        3,
        "The claim is partially accurate but leaves out important details or takes things out of "
        "context.",
    ),
    (
        "mostly-false",
        "Mostly false",
        "#ea580c",
        2,
        "The claim contains an element of truth but ignores critical facts that would give a "
        "different impression.",
    ),
    ("false", "False", "#dc2626", 1, "The claim is not accurate."),
    (
        "misleading",
        "Misleading",
        "#9333ea",
        None,
        "The facts stated may be accurate, but they are presented so as to give a false impression.",
    ),
    (
        "unverifiable",
        "Unverifiable",
        "#6b7280",
        None,
        "The available evidence is not enough to establish whether the claim is accurate.",
    ),
]


def create_default_scale(apps, schema_editor):
    RatingScale = apps.get_model("annotations", "RatingScale")
    Rating = apps.get_model("annotations", "Rating")
    scale, _ = RatingScale.objects.get_or_create(
        slug=DEFAULT_SCALE["slug"], defaults={**DEFAULT_SCALE, "is_default": True}
    )
    for order, (slug, label, colour, value, description) in enumerate(DEFAULT_RATINGS, start=1):
        Rating.objects.get_or_create(
            scale=scale,
            slug=slug,
            defaults={
                "label": label,
                "colour": colour,
                "value": value,
                "order": order,
                "description": description,
            },
        )


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; this step needs them now. Every
    # model exists by here, so each role gets all of ROLE_PERMISSIONS at once (before the
    # squash, 0008 and 0012 granted the permissions of the models they added).
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        permissions = []
        for qualified in codenames:
            app_label, _, codename = qualified.rpartition(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label or "annotations", codename=codename
            ).first()
            # Permissions of models that later migrations add are granted by those migrations.
            if permission is not None:
                permissions.append(permission)
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=list(ROLE_PERMISSIONS)).delete()


# The index lives outside the model state: on SQLite, Django rebuilds a table with every index
# the model declares whenever it alters it, and SQLite has no GIN indexes. The expression is the
# one `annotations.search.claim_search_vector` builds; tests check the planner uses it.
SEARCH_INDEX = GinIndex(
    SearchVector("quote", "claim_text", "claimant", config="simple"), name="claim_search_idx"
)


def create_search_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("annotations", "Claim"), SEARCH_INDEX)


def drop_search_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("annotations", "Claim"), SEARCH_INDEX)


def carry_over_old_tokens(apps, schema_editor):
    """Carry DRF's old never-expiring keys over as expiring tokens stored as digests."""
    connection = schema_editor.connection
    if "authtoken_token" not in connection.introspection.table_names():
        return
    APIToken = apps.get_model("annotations", "APIToken")
    now = django.utils.timezone.now()
    expires = now + datetime.timedelta(days=settings.FACTCHECK_API_TOKEN_DAYS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT key, user_id FROM authtoken_token")
        rows = cursor.fetchall()
        for key, user_id in rows:
            APIToken.objects.create(
                user_id=user_id,
                name="carried over from the old token",
                key_digest=hashlib.sha256(key.encode("utf-8")).hexdigest(),
                key_prefix=key[:8],
                created_at=now,
                expires_at=expires,
            )
        # The old table held the keys in clear and nothing reads it any more.
        cursor.execute("DELETE FROM authtoken_token")


# The default scale shipped as "Truth-O-Meter", another organisation's trademark, and the name
# goes into every export. It is renamed only if nobody renamed it since.
OLD_SCALE_NAME = "Truth-O-Meter"
NEW_SCALE_NAME = "Accuracy scale"


def rename_default_scale(apps, schema_editor):
    RatingScale = apps.get_model("annotations", "RatingScale")
    RatingScale.objects.filter(slug="default", name=OLD_SCALE_NAME).update(name=NEW_SCALE_NAME)


def restore_scale_name(apps, schema_editor):
    RatingScale = apps.get_model("annotations", "RatingScale")
    RatingScale.objects.filter(slug="default", name=NEW_SCALE_NAME).update(name=OLD_SCALE_NAME)


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("annotations", "0001_initial"),
        ("annotations", "0002_default_rating_scale"),
        ("annotations", "0003_roles"),
        ("annotations", "0004_verdict_review_round"),
        ("annotations", "0005_claim_search_index"),
        ("annotations", "0006_review_event_time_label"),
        ("annotations", "0007_public_profile"),
        ("annotations", "0008_auth_security"),
        ("annotations", "0009_publicprofile_interface_language"),
        ("annotations", "0010_notifications_archives"),
        ("annotations", "0011_jobs_feeds"),
        ("annotations", "0012_claimant_type_tags_article_history"),
        ("annotations", "0013_intake_fetch_records_duplicates"),
        ("annotations", "0014_verbose_names"),
    ]

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Article",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(blank=True, max_length=500, verbose_name="title")),
                ("url", models.URLField(blank=True, max_length=2000, verbose_name="url")),
                (
                    "publisher",
                    models.CharField(blank=True, max_length=200, verbose_name="publisher"),
                ),
                (
                    "dateline",
                    models.CharField(
                        blank=True,
                        help_text="Place or desk credited with the article.",
                        max_length=200,
                        verbose_name="dateline",
                    ),
                ),
                ("author", models.CharField(blank=True, max_length=200, verbose_name="author")),
                (
                    "language",
                    models.CharField(
                        default="en",
                        help_text="BCP 47 tag, e.g. en.",
                        max_length=35,
                        verbose_name="language",
                    ),
                ),
                (
                    "published_at",
                    models.DateField(blank=True, null=True, verbose_name="published at"),
                ),
                (
                    "text",
                    models.TextField(
                        help_text="Canonical plain text (NFC, \\n line ends); claim offsets point into it.",
                        verbose_name="text",
                    ),
                ),
                (
                    "html",
                    models.TextField(
                        blank=True,
                        help_text="Sanitised HTML of the original, when any.",
                        verbose_name="html",
                    ),
                ),
                (
                    "original",
                    models.TextField(
                        blank=True,
                        help_text="The input exactly as it arrived, kept for provenance.",
                        verbose_name="original",
                    ),
                ),
                (
                    "original_filename",
                    models.CharField(blank=True, max_length=255, verbose_name="original filename"),
                ),
                (
                    "text_sha256",
                    models.CharField(
                        db_index=True, editable=False, max_length=64, verbose_name="text sha256"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
            ],
            options={
                "verbose_name": "article",
                "verbose_name_plural": "articles",
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="ArticleFingerprint",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="fingerprint",
                        serialize=False,
                        to="annotations.article",
                        verbose_name="article",
                    ),
                ),
                ("minhash", models.BinaryField(verbose_name="minhash")),
            ],
            options={
                "verbose_name": "article fingerprint",
                "verbose_name_plural": "article fingerprints",
            },
        ),
        migrations.CreateModel(
            name="ArticleBand",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(db_index=True, max_length=18, verbose_name="key")),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="annotations.article",
                        verbose_name="article",
                    ),
                ),
            ],
            options={
                "verbose_name": "article band",
                "verbose_name_plural": "article bands",
            },
        ),
        migrations.CreateModel(
            name="AuthEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("login", "signed in"),
                            ("login_failed", "sign-in failed"),
                            ("lockout", "locked out"),
                            ("logout", "signed out"),
                            ("token_created", "API token created"),
                            ("token_revoked", "API token revoked"),
                            ("password_changed", "password changed"),
                            ("deactivated", "account deactivated"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("username", models.CharField(blank=True, max_length=150, verbose_name="username")),
                (
                    "ip_address",
                    models.GenericIPAddressField(blank=True, null=True, verbose_name="ip address"),
                ),
                ("detail", models.CharField(blank=True, max_length=300, verbose_name="detail")),
                (
                    "at",
                    models.DateTimeField(
                        db_index=True, default=django.utils.timezone.now, verbose_name="at"
                    ),
                ),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        help_text="Who did it, when someone else did it to the account (e.g. an admin).",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="actor",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        help_text="The account concerned, when it exists.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="auth_events",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "auth event",
                "verbose_name_plural": "auth events",
                "ordering": ("-at", "-id"),
            },
        ),
        migrations.CreateModel(
            name="Claim",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "start",
                    models.PositiveIntegerField(
                        help_text="First code point of the quote in the text.", verbose_name="start"
                    ),
                ),
                (
                    "end",
                    models.PositiveIntegerField(
                        help_text="Code point just after the quote.", verbose_name="end"
                    ),
                ),
                (
                    "quote",
                    models.TextField(
                        help_text="The article text between start and end, kept for integrity.",
                        verbose_name="quote",
                    ),
                ),
                ("prefix", models.CharField(blank=True, max_length=32, verbose_name="prefix")),
                ("suffix", models.CharField(blank=True, max_length=32, verbose_name="suffix")),
                (
                    "claim_text",
                    models.TextField(
                        help_text="The claim restated so it stands alone.",
                        verbose_name="claim text",
                    ),
                ),
                (
                    "claimant",
                    models.CharField(
                        blank=True,
                        help_text="Who made the claim.",
                        max_length=300,
                        verbose_name="claimant",
                    ),
                ),
                (
                    "claim_date",
                    models.DateField(
                        blank=True,
                        help_text="When the claim was made.",
                        null=True,
                        verbose_name="claim date",
                    ),
                ),
                (
                    "checkworthiness",
                    models.FloatField(blank=True, null=True, verbose_name="checkworthiness"),
                ),
                ("reasons", models.JSONField(blank=True, default=list, verbose_name="reasons")),
                (
                    "origin",
                    models.CharField(
                        choices=[
                            ("auto", "Suggested by splitting"),
                            ("manual", "Marked by a person"),
                        ],
                        default="manual",
                        max_length=10,
                        verbose_name="origin",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("candidate", "Candidate"),
                            ("researching", "Researching"),
                            ("in_review", "In review"),
                            ("approved", "Approved"),
                            ("published", "Published"),
                            ("dismissed", "Dismissed"),
                        ],
                        default="candidate",
                        editable=False,
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "published_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="published at"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="claims",
                        to="annotations.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "assignee",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="assigned_claims",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="assignee",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "researcher",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        help_text="Who submitted the claim for review; may not review it (four-eyes rule).",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="researched_claims",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="researcher",
                    ),
                ),
                (
                    "claimant_type",
                    models.CharField(
                        choices=[("person", "Person"), ("organization", "Organization")],
                        default="person",
                        help_text="Whether the claimant is a person or an organization.",
                        max_length=12,
                        verbose_name="claimant type",
                    ),
                ),
            ],
            options={
                "verbose_name": "claim",
                "verbose_name_plural": "claims",
                "ordering": ["article", "start", "end"],
                "permissions": [
                    ("research_claim", "Can start research on claims and submit them for review"),
                    ("review_claim", "Can approve claims or request changes"),
                    ("publish_claim", "Can publish, dismiss, restore and reopen claims"),
                    ("assign_claim", "Can assign claims to other people"),
                    ("moderate_comment", "Can hide and unhide comments"),
                ],
            },
        ),
        migrations.CreateModel(
            name="Comment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField(verbose_name="text")),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="created at"
                    ),
                ),
                (
                    "edited_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="edited at"),
                ),
                ("hidden", models.BooleanField(default=False, verbose_name="hidden")),
                (
                    "hidden_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="hidden at"),
                ),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="author",
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="annotations.claim",
                        verbose_name="claim",
                    ),
                ),
                (
                    "hidden_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="hidden by",
                    ),
                ),
            ],
            options={
                "verbose_name": "comment",
                "verbose_name_plural": "comments",
                "ordering": ["claim", "created_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="Feed",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("url", models.URLField(max_length=2000, unique=True, verbose_name="url")),
                ("title", models.CharField(blank=True, max_length=300, verbose_name="title")),
                ("language", models.CharField(blank=True, max_length=35, verbose_name="language")),
                (
                    "interval_minutes",
                    models.PositiveIntegerField(default=60, verbose_name="interval minutes"),
                ),
                ("etag", models.CharField(blank=True, max_length=500, verbose_name="etag")),
                (
                    "last_modified",
                    models.CharField(blank=True, max_length=100, verbose_name="last modified"),
                ),
                ("next_poll_at", models.DateTimeField(db_index=True, verbose_name="next poll at")),
                (
                    "consecutive_failures",
                    models.PositiveIntegerField(default=0, verbose_name="consecutive failures"),
                ),
                ("last_error", models.TextField(blank=True, verbose_name="last error")),
                (
                    "last_error_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="last error at"),
                ),
                (
                    "last_polled_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="last polled at"),
                ),
                ("active", models.BooleanField(default=True, verbose_name="active")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
            ],
            options={
                "verbose_name": "feed",
                "verbose_name_plural": "feeds",
                "ordering": ["title", "url"],
            },
        ),
        migrations.CreateModel(
            name="FeedEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("guid", models.TextField(verbose_name="guid")),
                ("guid_sha256", models.CharField(max_length=64, verbose_name="guid sha256")),
                ("url", models.URLField(max_length=2000, verbose_name="url")),
                ("title", models.CharField(blank=True, max_length=500, verbose_name="title")),
                ("seen_at", models.DateTimeField(auto_now_add=True, verbose_name="seen at")),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="feed_entries",
                        to="annotations.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "feed",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="entries",
                        to="annotations.feed",
                        verbose_name="feed",
                    ),
                ),
            ],
            options={
                "verbose_name": "feed entry",
                "verbose_name_plural": "feed entries",
                "ordering": ["-seen_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="FetchRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("requested_url", models.URLField(max_length=2000, verbose_name="requested url")),
                (
                    "final_url",
                    models.URLField(
                        help_text="Where the redirects ended.",
                        max_length=2000,
                        verbose_name="final url",
                    ),
                ),
                ("status", models.PositiveSmallIntegerField(verbose_name="status")),
                (
                    "content_type",
                    models.CharField(blank=True, max_length=100, verbose_name="content type"),
                ),
                ("charset", models.CharField(blank=True, max_length=40, verbose_name="charset")),
                (
                    "content_sha256",
                    models.CharField(
                        help_text="SHA-256 of the bytes received (after transfer decoding).",
                        max_length=64,
                        verbose_name="content sha256",
                    ),
                ),
                ("redirects", models.JSONField(blank=True, default=list, verbose_name="redirects")),
                ("fetched_at", models.DateTimeField(verbose_name="fetched at")),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="fetch_records",
                        to="annotations.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "fetched_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="fetched by",
                    ),
                ),
            ],
            options={
                "verbose_name": "fetch record",
                "verbose_name_plural": "fetch records",
                "ordering": ["-fetched_at", "-id"],
            },
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
                ("title", models.CharField(blank=True, max_length=500, verbose_name="title")),
                ("url", models.URLField(blank=True, max_length=2000, verbose_name="url")),
                (
                    "publisher",
                    models.CharField(blank=True, max_length=200, verbose_name="publisher"),
                ),
                (
                    "dateline",
                    models.CharField(
                        blank=True,
                        help_text="Place or desk credited with the article.",
                        max_length=200,
                        verbose_name="dateline",
                    ),
                ),
                ("author", models.CharField(blank=True, max_length=200, verbose_name="author")),
                (
                    "language",
                    models.CharField(
                        default="en",
                        help_text="BCP 47 tag, e.g. en.",
                        max_length=35,
                        verbose_name="language",
                    ),
                ),
                (
                    "published_at",
                    models.DateField(blank=True, null=True, verbose_name="published at"),
                ),
                (
                    "original_filename",
                    models.CharField(blank=True, max_length=255, verbose_name="original filename"),
                ),
                (
                    "text_sha256",
                    models.CharField(
                        db_index=True, editable=False, max_length=64, verbose_name="text sha256"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created at"),
                ),
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
                        verbose_name="created by",
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
            name="HistoricalClaim",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "start",
                    models.PositiveIntegerField(
                        help_text="First code point of the quote in the text.", verbose_name="start"
                    ),
                ),
                (
                    "end",
                    models.PositiveIntegerField(
                        help_text="Code point just after the quote.", verbose_name="end"
                    ),
                ),
                (
                    "quote",
                    models.TextField(
                        help_text="The article text between start and end, kept for integrity.",
                        verbose_name="quote",
                    ),
                ),
                ("prefix", models.CharField(blank=True, max_length=32, verbose_name="prefix")),
                ("suffix", models.CharField(blank=True, max_length=32, verbose_name="suffix")),
                (
                    "claim_text",
                    models.TextField(
                        help_text="The claim restated so it stands alone.",
                        verbose_name="claim text",
                    ),
                ),
                (
                    "claimant",
                    models.CharField(
                        blank=True,
                        help_text="Who made the claim.",
                        max_length=300,
                        verbose_name="claimant",
                    ),
                ),
                (
                    "claim_date",
                    models.DateField(
                        blank=True,
                        help_text="When the claim was made.",
                        null=True,
                        verbose_name="claim date",
                    ),
                ),
                (
                    "checkworthiness",
                    models.FloatField(blank=True, null=True, verbose_name="checkworthiness"),
                ),
                ("reasons", models.JSONField(blank=True, default=list, verbose_name="reasons")),
                (
                    "origin",
                    models.CharField(
                        choices=[
                            ("auto", "Suggested by splitting"),
                            ("manual", "Marked by a person"),
                        ],
                        default="manual",
                        max_length=10,
                        verbose_name="origin",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("candidate", "Candidate"),
                            ("researching", "Researching"),
                            ("in_review", "In review"),
                            ("approved", "Approved"),
                            ("published", "Published"),
                            ("dismissed", "Dismissed"),
                        ],
                        default="candidate",
                        editable=False,
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                (
                    "published_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="published at"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created at"),
                ),
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
                    "article",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="annotations.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "assignee",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="assignee",
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
                        verbose_name="created by",
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
                (
                    "researcher",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        help_text="Who submitted the claim for review; may not review it (four-eyes rule).",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="researcher",
                    ),
                ),
                (
                    "claimant_type",
                    models.CharField(
                        choices=[("person", "Person"), ("organization", "Organization")],
                        default="person",
                        help_text="Whether the claimant is a person or an organization.",
                        max_length=12,
                        verbose_name="claimant type",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical claim",
                "verbose_name_plural": "historical claims",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalComment",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField(verbose_name="text")),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="created at"
                    ),
                ),
                (
                    "edited_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="edited at"),
                ),
                ("hidden", models.BooleanField(default=False, verbose_name="hidden")),
                (
                    "hidden_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="hidden at"),
                ),
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
                    "author",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="author",
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="annotations.claim",
                        verbose_name="claim",
                    ),
                ),
                (
                    "hidden_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="hidden by",
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
                "verbose_name": "historical comment",
                "verbose_name_plural": "historical comments",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Job",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("url_import", "Import from URLs"),
                            ("feed_poll", "New entries of a feed"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("running", "Running"),
                            ("done", "Done"),
                            ("failed", "Failed"),
                            ("partly_failed", "Partly failed"),
                        ],
                        default="queued",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                ("total", models.PositiveIntegerField(default=0, verbose_name="total")),
                ("done", models.PositiveIntegerField(default=0, verbose_name="done")),
                ("failed", models.PositiveIntegerField(default=0, verbose_name="failed")),
                ("options", models.JSONField(blank=True, default=dict, verbose_name="options")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "started_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="started at"),
                ),
                (
                    "finished_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="finished at"),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "feed",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="jobs",
                        to="annotations.feed",
                        verbose_name="feed",
                    ),
                ),
            ],
            options={
                "verbose_name": "job",
                "verbose_name_plural": "jobs",
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="JobItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveIntegerField(verbose_name="position")),
                ("url", models.URLField(max_length=2000, verbose_name="url")),
                ("url_sha256", models.CharField(max_length=64, verbose_name="url sha256")),
                (
                    "status",
                    models.CharField(
                        choices=[("queued", "Queued"), ("done", "Done"), ("failed", "Failed")],
                        default="queued",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("message", models.TextField(blank=True, verbose_name="message")),
                ("attempts", models.PositiveIntegerField(default=0, verbose_name="attempts")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="annotations.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "feed_entry",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="job_items",
                        to="annotations.feedentry",
                        verbose_name="feed entry",
                    ),
                ),
                (
                    "job",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="items",
                        to="annotations.job",
                        verbose_name="job",
                    ),
                ),
            ],
            options={
                "verbose_name": "job item",
                "verbose_name_plural": "job items",
                "ordering": ["job", "position"],
            },
        ),
        migrations.CreateModel(
            name="Notification",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("assigned", "A claim is assigned to you"),
                            ("approved", "A claim you researched is approved"),
                            (
                                "returned",
                                "A claim you researched is returned with changes requested",
                            ),
                            ("published", "A claim you researched is published"),
                            ("review_waiting", "A review is waiting for you"),
                            ("mention", "Someone mentions you in a comment"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("text", models.CharField(max_length=300, verbose_name="text")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("read_at", models.DateTimeField(blank=True, null=True, verbose_name="read at")),
                (
                    "emailed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="emailed at"),
                ),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="actor",
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="annotations.claim",
                        verbose_name="claim",
                    ),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notifications",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recipient",
                    ),
                ),
            ],
            options={
                "verbose_name": "notification",
                "verbose_name_plural": "notifications",
                "ordering": ["-created_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="NotificationPreference",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "email_kinds",
                    models.JSONField(blank=True, default=list, verbose_name="email kinds"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notification_preference",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "notification preference",
                "verbose_name_plural": "notification preferences",
            },
        ),
        migrations.CreateModel(
            name="PublicProfile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "public_name",
                    models.CharField(
                        blank=True,
                        help_text="The name readers see (never the login name).",
                        max_length=100,
                        verbose_name="public name",
                    ),
                ),
                (
                    "show_name_publicly",
                    models.BooleanField(
                        default=False,
                        help_text="Credit this person by name on public pages, feeds and exports.",
                        verbose_name="show name publicly",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="public_profile",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
                (
                    "interface_language",
                    models.CharField(
                        blank=True,
                        help_text="The language of the interface for this person; blank follows the browser.",
                        max_length=10,
                        verbose_name="interface language",
                    ),
                ),
            ],
            options={
                "verbose_name": "public profile",
                "verbose_name_plural": "public profiles",
            },
        ),
        migrations.CreateModel(
            name="RatingScale",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                ("slug", models.SlugField(unique=True, verbose_name="slug")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("best_rating", models.SmallIntegerField(default=5, verbose_name="best rating")),
                ("worst_rating", models.SmallIntegerField(default=1, verbose_name="worst rating")),
                ("is_default", models.BooleanField(default=False, verbose_name="is default")),
                (
                    "blind_review",
                    models.BooleanField(
                        default=False,
                        help_text="Claims rated on this scale need two independent reviewer verdicts.",
                        verbose_name="blind review",
                    ),
                ),
            ],
            options={
                "verbose_name": "rating scale",
                "verbose_name_plural": "rating scales",
                "ordering": ["name"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("is_default", True)),
                        fields=("is_default",),
                        name="rating_scale_one_default",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("best_rating__gt", models.F("worst_rating"))),
                        name="rating_scale_best_above_worst",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Rating",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(verbose_name="slug")),
                ("label", models.CharField(max_length=100, verbose_name="label")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "colour",
                    models.CharField(
                        default="#6b7280",
                        max_length=7,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^#[0-9a-fA-F]{6}$", "Enter a colour as #rrggbb."
                            )
                        ],
                        verbose_name="colour",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "value",
                    models.SmallIntegerField(
                        blank=True,
                        help_text="ClaimReview ratingValue; empty for labels off the scale.",
                        null=True,
                        verbose_name="value",
                    ),
                ),
                (
                    "retired",
                    models.BooleanField(
                        default=False,
                        help_text="Kept for old verdicts; not offered.",
                        verbose_name="retired",
                    ),
                ),
                (
                    "scale",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="ratings",
                        to="annotations.ratingscale",
                        verbose_name="scale",
                    ),
                ),
            ],
            options={
                "verbose_name": "rating",
                "verbose_name_plural": "ratings",
                "ordering": ["scale", "order", "id"],
            },
        ),
        migrations.CreateModel(
            name="ReviewEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("start", "Start research"),
                            ("submit", "Submit for review"),
                            ("approve", "Approve"),
                            ("request_changes", "Request changes"),
                            ("publish", "Publish"),
                            ("dismiss", "Dismiss"),
                            ("restore", "Restore"),
                            ("reopen", "Reopen"),
                            ("assign", "Assign"),
                            ("unassign", "Unassign"),
                            ("review", "Blind review verdict"),
                            ("adjudicate", "Adjudicate"),
                        ],
                        max_length=20,
                        verbose_name="action",
                    ),
                ),
                (
                    "from_status",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("candidate", "Candidate"),
                            ("researching", "Researching"),
                            ("in_review", "In review"),
                            ("approved", "Approved"),
                            ("published", "Published"),
                            ("dismissed", "Dismissed"),
                        ],
                        max_length=20,
                        verbose_name="from status",
                    ),
                ),
                (
                    "to_status",
                    models.CharField(
                        choices=[
                            ("candidate", "Candidate"),
                            ("researching", "Researching"),
                            ("in_review", "In review"),
                            ("approved", "Approved"),
                            ("published", "Published"),
                            ("dismissed", "Dismissed"),
                        ],
                        max_length=20,
                        verbose_name="to status",
                    ),
                ),
                ("comment", models.TextField(blank=True, verbose_name="comment")),
                ("data", models.JSONField(blank=True, default=dict, verbose_name="data")),
                (
                    "at",
                    models.DateTimeField(
                        db_index=True, default=django.utils.timezone.now, verbose_name="time"
                    ),
                ),
                (
                    "actor",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="actor",
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="review_events",
                        to="annotations.claim",
                        verbose_name="claim",
                    ),
                ),
            ],
            options={
                "verbose_name": "review event",
                "verbose_name_plural": "review events",
                "ordering": ["claim", "at", "id"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalVerdict",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("explanation", models.TextField(blank=True, verbose_name="explanation")),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("proposal", "Proposed by the researcher"),
                            ("review", "Independent review"),
                            ("adjudication", "Editor's adjudication"),
                        ],
                        default="proposal",
                        max_length=20,
                        verbose_name="role",
                    ),
                ),
                (
                    "is_final",
                    models.BooleanField(default=False, editable=False, verbose_name="is final"),
                ),
                (
                    "approved_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="approved at"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created at"),
                ),
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
                    "approved_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="approved by",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="author",
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="annotations.claim",
                        verbose_name="claim",
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
                (
                    "rating",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="annotations.rating",
                        verbose_name="rating",
                    ),
                ),
                (
                    "submission",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        help_text="The submission (review round) a review or adjudication answers.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="annotations.reviewevent",
                        verbose_name="submission",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical verdict",
                "verbose_name_plural": "historical verdicts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Correction",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("note", models.TextField(verbose_name="note")),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="created at"
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="author",
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="corrections",
                        to="annotations.claim",
                        verbose_name="claim",
                    ),
                ),
                (
                    "event",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="correction",
                        to="annotations.reviewevent",
                        verbose_name="event",
                    ),
                ),
            ],
            options={
                "verbose_name": "correction",
                "verbose_name_plural": "corrections",
                "ordering": ["claim", "created_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="Source",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("url", models.URLField(blank=True, max_length=2000, verbose_name="url")),
                (
                    "normalized_url",
                    models.CharField(
                        blank=True, editable=False, max_length=2000, verbose_name="normalized url"
                    ),
                ),
                ("title", models.CharField(max_length=500, verbose_name="title")),
                (
                    "publisher",
                    models.CharField(blank=True, max_length=200, verbose_name="publisher"),
                ),
                (
                    "published_at",
                    models.DateField(blank=True, null=True, verbose_name="published at"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("article", "News article"),
                            ("report", "Report or study"),
                            ("dataset", "Dataset or statistics"),
                            ("official", "Official record or statement"),
                            ("interview", "Interview"),
                            ("social", "Social media post"),
                            ("other", "Other"),
                        ],
                        default="other",
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
            ],
            options={
                "verbose_name": "source",
                "verbose_name_plural": "sources",
                "ordering": ["title", "id"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalEvidence",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "stance",
                    models.CharField(
                        choices=[
                            ("supports", "Supports"),
                            ("refutes", "Refutes"),
                            ("context", "Context"),
                        ],
                        max_length=10,
                        verbose_name="stance",
                    ),
                ),
                (
                    "excerpt",
                    models.TextField(
                        blank=True,
                        help_text="The quoted passage of the source.",
                        verbose_name="excerpt",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created at"),
                ),
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
                    "added_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="added by",
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="annotations.claim",
                        verbose_name="claim",
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
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="annotations.source",
                        verbose_name="source",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical evidence",
                "verbose_name_plural": "historical evidence",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Evidence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "stance",
                    models.CharField(
                        choices=[
                            ("supports", "Supports"),
                            ("refutes", "Refutes"),
                            ("context", "Context"),
                        ],
                        max_length=10,
                        verbose_name="stance",
                    ),
                ),
                (
                    "excerpt",
                    models.TextField(
                        blank=True,
                        help_text="The quoted passage of the source.",
                        verbose_name="excerpt",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "added_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="added by",
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="annotations.claim",
                        verbose_name="claim",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="evidence",
                        to="annotations.source",
                        verbose_name="source",
                    ),
                ),
            ],
            options={
                "verbose_name": "evidence",
                "verbose_name_plural": "evidence",
                "ordering": ["claim", "created_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="SourceArchive",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Pending"),
                            ("archived", "Archived"),
                            ("failed", "Failed"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("requested_url", models.URLField(max_length=2000, verbose_name="requested url")),
                (
                    "final_url",
                    models.URLField(blank=True, max_length=2000, verbose_name="final url"),
                ),
                (
                    "http_status",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="http status"
                    ),
                ),
                (
                    "content_type",
                    models.CharField(blank=True, max_length=200, verbose_name="content type"),
                ),
                ("text", models.TextField(blank=True, verbose_name="text")),
                ("sha256", models.CharField(blank=True, max_length=64, verbose_name="sha256")),
                (
                    "fetched_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="fetched at"),
                ),
                ("error", models.TextField(blank=True, verbose_name="error")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "requested_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="requested by",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="archives",
                        to="annotations.source",
                        verbose_name="source",
                    ),
                ),
            ],
            options={
                "verbose_name": "source archive",
                "verbose_name_plural": "source archives",
                "ordering": ["source", "-created_at", "-id"],
                "get_latest_by": "created_at",
            },
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
                ("name", models.CharField(max_length=50, unique=True, verbose_name="name")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
            ],
            options={
                "verbose_name": "tag",
                "verbose_name_plural": "tags",
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
            field=models.ManyToManyField(
                blank=True, related_name="claims", to="annotations.tag", verbose_name="tags"
            ),
        ),
        migrations.CreateModel(
            name="Verdict",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("explanation", models.TextField(blank=True, verbose_name="explanation")),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("proposal", "Proposed by the researcher"),
                            ("review", "Independent review"),
                            ("adjudication", "Editor's adjudication"),
                        ],
                        default="proposal",
                        max_length=20,
                        verbose_name="role",
                    ),
                ),
                (
                    "is_final",
                    models.BooleanField(default=False, editable=False, verbose_name="is final"),
                ),
                (
                    "approved_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="approved at"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "approved_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="approved by",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="verdicts",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="author",
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="verdicts",
                        to="annotations.claim",
                        verbose_name="claim",
                    ),
                ),
                (
                    "rating",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="verdicts",
                        to="annotations.rating",
                        verbose_name="rating",
                    ),
                ),
                (
                    "submission",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        help_text="The submission (review round) a review or adjudication answers.",
                        null=True,
                        on_delete=django.db.models.deletion.RESTRICT,
                        related_name="+",
                        to="annotations.reviewevent",
                        verbose_name="submission",
                    ),
                ),
            ],
            options={
                "verbose_name": "verdict",
                "verbose_name_plural": "verdicts",
                "ordering": ["claim", "created_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="APIToken",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="What the token is for, e.g. 'nightly export'.",
                        max_length=100,
                        verbose_name="name",
                    ),
                ),
                (
                    "key_digest",
                    models.CharField(
                        editable=False, max_length=64, unique=True, verbose_name="key digest"
                    ),
                ),
                (
                    "key_prefix",
                    models.CharField(editable=False, max_length=8, verbose_name="key prefix"),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, editable=False, verbose_name="created at"
                    ),
                ),
                ("expires_at", models.DateTimeField(verbose_name="expires at")),
                (
                    "last_used_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="last used at"
                    ),
                ),
                (
                    "revoked_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="revoked at"
                    ),
                ),
                (
                    "revoked_reason",
                    models.CharField(
                        blank=True, editable=False, max_length=200, verbose_name="revoked reason"
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="api_tokens",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "API token",
                "verbose_name_plural": "API tokens",
                "ordering": ("-created_at", "-id"),
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("expires_at__gt", models.F("created_at"))),
                        name="api_token_expires_after_creation",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="PossibleDuplicate",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="possible_duplicate",
                        serialize=False,
                        to="annotations.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "similarity",
                    models.FloatField(
                        help_text="Estimated share of three-word runs in common.",
                        verbose_name="similarity",
                    ),
                ),
                ("found_at", models.DateTimeField(auto_now_add=True, verbose_name="found at")),
                (
                    "duplicate_of",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="annotations.article",
                        verbose_name="duplicate of",
                    ),
                ),
            ],
            options={
                "verbose_name": "possible duplicate",
                "verbose_name_plural": "possible duplicates",
            },
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["-created_at"], name="article_created_idx"),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                condition=models.Q(("url", ""), _negated=True),
                fields=("url",),
                name="article_url_unique_when_set",
                violation_error_message="An article with this URL already exists.",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(("text", ""), _negated=True), name="article_text_not_empty"
            ),
        ),
        migrations.AddIndex(
            model_name="authevent",
            index=models.Index(fields=["user", "-at"], name="auth_event_user_at"),
        ),
        migrations.AddConstraint(
            model_name="comment",
            constraint=models.CheckConstraint(
                condition=models.Q(("text", ""), _negated=True), name="comment_text_not_empty"
            ),
        ),
        migrations.AddConstraint(
            model_name="feed",
            constraint=models.CheckConstraint(
                condition=models.Q(("interval_minutes__gte", 1)), name="feed_interval_positive"
            ),
        ),
        migrations.AddConstraint(
            model_name="feedentry",
            constraint=models.UniqueConstraint(
                fields=("feed", "guid_sha256"), name="feed_entry_unique_guid"
            ),
        ),
        migrations.AddIndex(
            model_name="fetchrecord",
            index=models.Index(fields=["requested_url"], name="fetch_requested_url_idx"),
        ),
        migrations.AddIndex(
            model_name="fetchrecord",
            index=models.Index(fields=["final_url"], name="fetch_final_url_idx"),
        ),
        migrations.AddIndex(
            model_name="job",
            index=models.Index(fields=["created_by", "-created_at"], name="job_owner_idx"),
        ),
        migrations.AddConstraint(
            model_name="job",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["url_import", "feed_poll"])), name="job_kind_valid"
            ),
        ),
        migrations.AddConstraint(
            model_name="job",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status__in", ["queued", "running", "done", "failed", "partly_failed"])
                ),
                name="job_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="job",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "done__lte",
                        django.db.models.expressions.CombinedExpression(
                            models.F("total"), "-", models.F("failed")
                        ),
                    )
                ),
                name="job_progress_within_total",
            ),
        ),
        migrations.AddConstraint(
            model_name="jobitem",
            constraint=models.UniqueConstraint(
                fields=("job", "url_sha256"), name="job_item_unique_url"
            ),
        ),
        migrations.AddConstraint(
            model_name="jobitem",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["queued", "done", "failed"])),
                name="job_item_status_valid",
            ),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(
                condition=models.Q(("read_at__isnull", True)),
                fields=["recipient"],
                name="notification_unread_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(
                fields=["recipient", "-created_at"], name="notification_recipient_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="notification",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        [
                            "assigned",
                            "approved",
                            "returned",
                            "published",
                            "review_waiting",
                            "mention",
                        ],
                    )
                ),
                name="notification_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="publicprofile",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("show_name_publicly", False),
                    models.Q(("public_name", ""), _negated=True),
                    _connector="OR",
                ),
                name="public_profile_name_when_shown",
                violation_error_message="A public name is required to show it publicly.",
            ),
        ),
        migrations.AddConstraint(
            model_name="rating",
            constraint=models.UniqueConstraint(
                fields=("scale", "slug"), name="rating_slug_unique_per_scale"
            ),
        ),
        migrations.AddConstraint(
            model_name="rating",
            constraint=models.UniqueConstraint(
                fields=("scale", "label"), name="rating_label_unique_per_scale"
            ),
        ),
        migrations.AddIndex(
            model_name="reviewevent",
            index=models.Index(fields=["claim", "at"], name="review_event_claim_at_idx"),
        ),
        migrations.AddConstraint(
            model_name="reviewevent",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "action__in",
                        [
                            "start",
                            "submit",
                            "approve",
                            "request_changes",
                            "publish",
                            "dismiss",
                            "restore",
                            "reopen",
                            "assign",
                            "unassign",
                            "review",
                            "adjudicate",
                        ],
                    )
                ),
                name="review_event_action_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="correction",
            constraint=models.CheckConstraint(
                condition=models.Q(("note", ""), _negated=True), name="correction_note_not_empty"
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.UniqueConstraint(
                condition=models.Q(("normalized_url", ""), _negated=True),
                fields=("normalized_url",),
                name="source_normalized_url_unique",
                violation_error_message="A source with this URL already exists.",
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.CheckConstraint(
                condition=models.Q(("title", ""), _negated=True), name="source_title_not_empty"
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        [
                            "article",
                            "report",
                            "dataset",
                            "official",
                            "interview",
                            "social",
                            "other",
                        ],
                    )
                ),
                name="source_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="evidence",
            constraint=models.UniqueConstraint(
                fields=("claim", "source"),
                name="evidence_source_once_per_claim",
                violation_error_message="This source is already cited for the claim.",
            ),
        ),
        migrations.AddConstraint(
            model_name="evidence",
            constraint=models.CheckConstraint(
                condition=models.Q(("stance__in", ["supports", "refutes", "context"])),
                name="evidence_stance_valid",
            ),
        ),
        migrations.AddIndex(
            model_name="sourcearchive",
            index=models.Index(fields=["source", "status"], name="source_archive_status_idx"),
        ),
        migrations.AddConstraint(
            model_name="sourcearchive",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["pending", "archived", "failed"])),
                name="source_archive_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="sourcearchive",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "archived"), _negated=True),
                    models.Q(
                        ("fetched_at__isnull", False), models.Q(("sha256", ""), _negated=True)
                    ),
                    _connector="OR",
                ),
                name="source_archive_complete",
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["status", "-checkworthiness"], name="claim_status_idx"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["assignee", "status"], name="claim_assignee_idx"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["researcher", "status"], name="claim_researcher_idx"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["-updated_at"], name="claim_updated_idx"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["published_at"], name="claim_published_idx"),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(("start__gte", 0)), name="claim_start_not_negative"
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(("start__lt", models.F("end"))), name="claim_start_before_end"
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "end",
                        django.db.models.expressions.CombinedExpression(
                            models.F("start"), "+", django.db.models.functions.text.Length("quote")
                        ),
                    )
                ),
                name="claim_quote_matches_span",
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("checkworthiness__isnull", True),
                    models.Q(("checkworthiness__gte", 0), ("checkworthiness__lte", 1)),
                    _connector="OR",
                ),
                name="claim_checkworthiness_0_to_1",
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "status__in",
                        [
                            "candidate",
                            "researching",
                            "in_review",
                            "approved",
                            "published",
                            "dismissed",
                        ],
                    )
                ),
                name="claim_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(("origin__in", ["auto", "manual"])), name="claim_origin_valid"
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "published"), _negated=True),
                    ("published_at__isnull", False),
                    _connector="OR",
                ),
                name="claim_published_has_date",
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(("version__gte", 1)), name="claim_version_positive"
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.UniqueConstraint(
                fields=("article", "start", "end"),
                name="claim_span_unique_per_article",
                violation_error_message="A claim with this span already exists in the article.",
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(("claimant_type__in", ["person", "organization"])),
                name="claim_claimant_type_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="verdict",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_final", True)),
                fields=("claim",),
                name="verdict_one_final_per_claim",
            ),
        ),
        migrations.AddConstraint(
            model_name="verdict",
            constraint=models.CheckConstraint(
                condition=models.Q(("role__in", ["proposal", "review", "adjudication"])),
                name="verdict_role_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="verdict",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("is_final", False), ("approved_at__isnull", False), _connector="OR"
                ),
                name="verdict_final_is_approved",
            ),
        ),
        migrations.AddConstraint(
            model_name="verdict",
            constraint=models.UniqueConstraint(
                condition=models.Q(("role", "review")),
                fields=("submission", "author"),
                name="verdict_one_review_per_reviewer",
                violation_error_message="You have already reviewed this submission.",
            ),
        ),
        # The data steps of 0002, 0003, 0005, 0008 and 0012, in their order; the grants that
        # 0008 and 0012 added to the roles are part of create_roles here. Unapplying drops the
        # default scale with its tables: deleting its rows first, in the same transaction, would
        # leave PostgreSQL foreign-key checks pending on tables that are then altered.
        migrations.RunPython(create_default_scale, migrations.RunPython.noop),
        migrations.RunPython(create_roles, remove_roles),
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
        migrations.RunPython(carry_over_old_tokens, migrations.RunPython.noop),
        migrations.RunPython(rename_default_scale, restore_scale_name),
    ]
