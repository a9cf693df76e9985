from django.apps import AppConfig


class AnnotationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "annotations"
    verbose_name = "Fact-checking"

    def ready(self) -> None:
        from annotations import (
            accounts,
            checks,  # noqa: F401  (registers the system checks)
            permission_cache,
            postgres_times,
        )
        from annotations.services import notifications

        accounts.connect()
        permission_cache.connect()
        postgres_times.connect()
        notifications.connect()
