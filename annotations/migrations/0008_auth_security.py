"""Expiring, revocable API tokens and the authentication log.

Keys of DRF's old never-expiring tokens (table `authtoken_token`, if the database has one) are
carried over as tokens that expire after FACTCHECK_API_TOKEN_DAYS, stored only as digests, and
removed from the old table. Reversing this migration drops the new tables; the old keys do not
come back and must be issued again with `create_api_token`.
"""

import datetime
import hashlib

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


EDITOR_CODENAMES = ("view_authevent",)


def grant_editors(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; this migration needs them now.
    app_config = apps.get_app_config("annotations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="annotations", codename__in=EDITOR_CODENAMES
    )
    for group in Group.objects.filter(name="editor"):
        group.permissions.add(*permissions)


def revoke_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="annotations", codename__in=EDITOR_CODENAMES
    )
    for group in Group.objects.filter(name="editor"):
        group.permissions.remove(*permissions)


def carry_over_old_tokens(apps, schema_editor):
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


class Migration(migrations.Migration):

    dependencies = [
        ('annotations', '0007_public_profile'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='APIToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text="What the token is for, e.g. 'nightly export'.", max_length=100)),
                ('key_digest', models.CharField(editable=False, max_length=64, unique=True)),
                ('key_prefix', models.CharField(editable=False, max_length=8)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ('expires_at', models.DateTimeField()),
                ('last_used_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('revoked_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('revoked_reason', models.CharField(blank=True, editable=False, max_length=200)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='api_tokens', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'API token',
                'ordering': ('-created_at', '-id'),
                'constraints': [models.CheckConstraint(condition=models.Q(('expires_at__gt', models.F('created_at'))), name='api_token_expires_after_creation')],
            },
        ),
        migrations.CreateModel(
            name='AuthEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('login', 'signed in'), ('login_failed', 'sign-in failed'), ('lockout', 'locked out'), ('logout', 'signed out'), ('token_created', 'API token created'), ('token_revoked', 'API token revoked'), ('password_changed', 'password changed'), ('deactivated', 'account deactivated')], max_length=20)),
                ('username', models.CharField(blank=True, max_length=150)),
                ('ip_address', models.GenericIPAddressField(blank=True, null=True)),
                ('detail', models.CharField(blank=True, max_length=300)),
                ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ('actor', models.ForeignKey(blank=True, help_text='Who did it, when someone else did it to the account (e.g. an admin).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('user', models.ForeignKey(blank=True, help_text='The account concerned, when it exists.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='auth_events', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ('-at', '-id'),
                'indexes': [models.Index(fields=['user', '-at'], name='auth_event_user_at')],
            },
        ),
        migrations.RunPython(grant_editors, revoke_editors),
        migrations.RunPython(carry_over_old_tokens, migrations.RunPython.noop),
    ]
