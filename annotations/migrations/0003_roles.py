"""Create the annotator, reviewer and editor groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from annotations.permissions import ROLE_PERMISSIONS


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; this migration needs them now.
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


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0002_default_rating_scale"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
