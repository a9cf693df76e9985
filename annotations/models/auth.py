"""API tokens that expire and can be revoked, and the append-only log of authentication events."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from annotations.models.choices import AuthEventKind
from annotations.models.fields import model_names, required_reference, user_reference
from annotations.models.validation import LeanValidation


def token_digest(key: str) -> str:
    """Return the SHA-256 hex digest under which a token key is stored."""
    # Keys are 256 random bits, so a fast hash is enough: there is nothing to brute-force.
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


class APITokenQuerySet(models.QuerySet):
    def active(self) -> "APITokenQuerySet":
        """Keep the tokens that still authenticate: not revoked and not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class APIToken(LeanValidation):
    """A key for `Authorization: Token <key>`; only its digest is stored."""

    user = required_reference(settings.AUTH_USER_MODEL, _("user"), related_name="api_tokens")
    name = models.CharField(
        max_length=100,
        help_text=_("What the token is for, e.g. 'nightly export'."),
        verbose_name=_("name"),
    )
    key_digest = models.CharField(
        max_length=64, unique=True, editable=False, verbose_name=_("key digest")
    )
    # The first characters of the key, shown so that a person can tell their tokens apart.
    key_prefix = models.CharField(max_length=8, editable=False, verbose_name=_("key prefix"))
    created_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("created at")
    )
    expires_at = models.DateTimeField(verbose_name=_("expires at"))
    last_used_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("last used at")
    )
    revoked_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("revoked at")
    )
    revoked_reason = models.CharField(
        max_length=200, blank=True, editable=False, verbose_name=_("revoked reason")
    )

    objects = APITokenQuerySet.as_manager()

    class Meta(model_names(_("API token"), _("API tokens"))):
        ordering = ("-created_at", "-id")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="api_token_expires_after_creation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @property
    def is_active(self) -> bool:
        """Return whether the token still authenticates."""
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def state(self) -> str:
        """Return 'active', 'revoked' or 'expired'."""
        if self.revoked_at is not None:
            return "revoked"
        return "active" if self.expires_at > timezone.now() else "expired"


class AuthEvent(models.Model):
    """One authentication event; written once, never changed or deleted through the app."""

    kind = models.CharField(max_length=20, choices=AuthEventKind.choices, verbose_name=_("kind"))
    user = user_reference(
        _("user"), related_name="auth_events", help_text=_("The account concerned, when it exists.")
    )
    # Kept apart from `user`: failures name accounts that may not exist, and users get deleted.
    username = models.CharField(max_length=150, blank=True, verbose_name=_("username"))
    actor = user_reference(
        _("actor"),
        help_text=_("Who did it, when someone else did it to the account (e.g. an admin)."),
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True, verbose_name=_("ip address"))
    detail = models.CharField(max_length=300, blank=True, verbose_name=_("detail"))
    at = models.DateTimeField(default=timezone.now, db_index=True, verbose_name=_("at"))

    class Meta(model_names(_("auth event"), _("auth events"))):
        ordering = ("-at", "-id")
        indexes = [models.Index(fields=["user", "-at"], name="auth_event_user_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.username or '–'} at {self.at:%Y-%m-%d %H:%M:%S}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValidationError(
                gettext("Authentication events are append-only; they cannot be changed.")
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(
            gettext("Authentication events are append-only; they cannot be deleted.")
        )
