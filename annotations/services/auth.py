"""API tokens (create, revoke, touch) and the authentication events every sign-in path records."""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_ipv46_address
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from annotations.models.auth import APIToken, AuthEvent, token_digest
from annotations.models.choices import AuthEventKind

# A token's last use is written at most this often, so reads do not turn into writes.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def client_ip(request: HttpRequest | None) -> str | None:
    """Return the client's address, trusting X-Forwarded-For only from known proxies."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.FACTCHECK_TRUSTED_PROXIES
    candidate = remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        # Each trusted proxy appends the address it saw; anything further left is the
        # client's own claim and could be forged.
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            candidate = hops[-min(proxies, len(hops))]
    for address in (candidate, remote):
        if address:
            try:
                validate_ipv46_address(address)
            except ValidationError:
                continue
            return address
    return None


def _clean_text(value: object, limit: int) -> str:
    # Sign-in failures carry whatever an attacker typed: keep the log storable and short.
    text = "" if value is None else str(value)
    return text.replace("\x00", "\N{REPLACEMENT CHARACTER}")[:limit]


def auth_event_record(
    *,
    kind: str,
    user: AbstractBaseUser | None = None,
    username: str | None = None,
    actor: AbstractBaseUser | None = None,
    request: HttpRequest | None = None,
    detail: str = "",
) -> AuthEvent:
    """Append one authentication event to the log."""
    if kind not in AuthEventKind.values:
        raise ValidationError(
            {"kind": (_("%(kind)r is not an authentication event.") % {"kind": kind})}
        )
    if username is None and user is not None:
        username = user.get_username()
    actor_user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    if actor_user is not None and user is not None and actor_user.pk == user.pk:
        actor_user = None
    return AuthEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        username=_clean_text(username, 150),
        actor=actor_user,
        ip_address=client_ip(request),
        detail=_clean_text(detail, 300),
    )


def api_token_create(
    *,
    user: AbstractBaseUser,
    name: str,
    days: int | None = None,
    actor: AbstractBaseUser | None = None,
    request: HttpRequest | None = None,
) -> tuple[APIToken, str]:
    """Create a token for the user and return it with its key, which is never stored."""
    max_days = settings.FACTCHECK_API_TOKEN_DAYS
    if not user.is_active:
        raise ValidationError(
            _("%(name)s is inactive; activate the account first.") % {"name": user.get_username()}
        )
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name saying what it is for.")})
    if "\x00" in name:
        raise ValidationError({"name": _("The name may not contain NUL characters.")})
    if days is None:
        days = max_days
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= max_days:
        raise ValidationError(
            {
                "days": (
                    _("A token lasts from 1 to %(max_days)s days, not %(days)r.")
                    % {"max_days": max_days, "days": days}
                )
            }
        )
    limit = settings.FACTCHECK_API_TOKEN_LIMIT
    with transaction.atomic():
        # Lock the user's row so that two requests cannot both pass the limit.
        get_user_model()._default_manager.select_for_update().filter(pk=user.pk).first()
        if APIToken.objects.filter(user=user).active().count() >= limit:
            raise ValidationError(
                _(
                    "%(name)s already holds %(limit)s active tokens, the most allowed; "
                    "revoke one first."
                )
                % {"name": user.get_username(), "limit": limit}
            )
        key = secrets.token_urlsafe(32)
        now = timezone.now()
        token = APIToken(
            user=user,
            name=name,
            key_digest=token_digest(key),
            key_prefix=key[:8],
            created_at=now,
            expires_at=now + datetime.timedelta(days=days),
        )
        token.full_clean()
        token.save()
        auth_event_record(
            kind=AuthEventKind.TOKEN_CREATED,
            user=user,
            actor=actor,
            request=request,
            detail=(
                _("%(token)s, expires %(expires_at)s UTC")
                % {"token": token, "expires_at": format(token.expires_at, "%Y-%m-%d %H:%M")}
            ),
        )
    return token, key


def api_token_revoke(
    *,
    token: APIToken,
    actor: AbstractBaseUser,
    reason: str = "revoked by its owner",
    request: HttpRequest | None = None,
) -> APIToken:
    """Revoke one token; its owner and superusers may. Revoking twice changes nothing."""
    if not (actor.is_authenticated and (actor.pk == token.user_id or actor.is_superuser)):
        raise PermissionDenied(_("Only the token's owner or a superuser can revoke it."))
    with transaction.atomic():
        token = APIToken.objects.select_for_update().select_related("user").get(pk=token.pk)
        if token.revoked_at is not None:
            return token
        token.revoked_at = timezone.now()
        token.revoked_reason = _clean_text(reason, 200)
        token.save(update_fields=["revoked_at", "revoked_reason"])
        auth_event_record(
            kind=AuthEventKind.TOKEN_REVOKED,
            user=token.user,
            actor=actor,
            request=request,
            detail=f"{token}: {token.revoked_reason}",
        )
    return token


def api_tokens_revoke_all(
    *,
    user: AbstractBaseUser,
    reason: str,
    actor: AbstractBaseUser | None = None,
    request: HttpRequest | None = None,
) -> int:
    """Revoke every token of the user that still works; return how many."""
    with transaction.atomic():
        revoked = (
            APIToken.objects.filter(user=user)
            .active()
            .update(revoked_at=timezone.now(), revoked_reason=_clean_text(reason, 200))
        )
        if revoked:
            auth_event_record(
                kind=AuthEventKind.TOKEN_REVOKED,
                user=user,
                actor=actor,
                request=request,
                detail=f"{revoked} token{'s' if revoked != 1 else ''}: {reason}",
            )
    return revoked


def api_token_touch(*, token: APIToken) -> None:
    """Note that the token was just used (at most once a minute)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


# The account changes that end a user's tokens, with the reason written on each revoked one.
TOKEN_ENDING_CHANGES = {
    AuthEventKind.PASSWORD_CHANGED: "password changed",
    AuthEventKind.DEACTIVATED: "account deactivated",
}


def user_account_changed(
    *,
    user: AbstractBaseUser,
    kind: str,
    actor: AbstractBaseUser | None = None,
    request: HttpRequest | None = None,
) -> None:
    """Record a password change or a deactivation and revoke the user's tokens, which it ends."""
    auth_event_record(kind=kind, user=user, actor=actor, request=request)
    api_tokens_revoke_all(
        user=user, reason=TOKEN_ENDING_CHANGES[kind], actor=actor, request=request
    )
