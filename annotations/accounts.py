"""Sign-in plumbing: the lockout page and the receivers that log authentication events.

Every way in (the sign-in page, the admin's, `createsuperuser`, `changepassword`, the admin's
user form) goes through Django's auth signals and `User.save()`, so the receivers here see them
all and hand the work to the services.
"""

import math
import time
from collections.abc import Callable

from axes.backends import AxesStandaloneBackend
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import is_password_usable
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from simple_history.models import HistoricalRecords

from annotations.i18n import on_logged_in as apply_preferred_language
from annotations.models.choices import AuthEventKind
from annotations.services.auth import auth_event_record, user_account_changed


class LockoutBackend(AxesStandaloneBackend):
    """Refuse sign-in to a locked-out account or address; checks no password itself."""

    def authenticate(self, request: HttpRequest | None, *args, **kwargs):
        # Without a request there is no client to count (the test client's login(), scripts):
        # leave the decision to the password backend, as Django would without a lockout.
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def lockout_username(request: HttpRequest | None, credentials: dict | None = None) -> str | None:
    """Return the username a sign-in attempt names, cut to the longest a username can be."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "POST", {}).get(field) if request is not None else None
    if not isinstance(username, str):
        return username
    # Django's sign-in form does not enforce the field's length, and the lockout's table holds
    # 255 characters: a longer name (a 500 on PostgreSQL) cannot be an account anyway.
    return username[: get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD).max_length]


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """Tell a locked-out visitor why and for how long, with 429 and Retry-After."""
    cooloff = settings.AXES_COOLOFF_TIME
    seconds = int(cooloff.total_seconds())
    response = render(
        request,
        "registration/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": math.ceil(seconds / 60),
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


# Session key holding when the session was last renewed (seconds since the epoch).
RENEWED_AT = "_factcheck_renewed_at"
# A session is renewed at most this often, so most requests write nothing to the database.
RENEW_EVERY_SECONDS = 60


class SessionIdleTimeoutMiddleware:
    """End a session after SESSION_COOKIE_AGE seconds without a request.

    Each renewal saves the session, which moves its expiry (the cookie's and the database
    row's) to a full SESSION_COOKIE_AGE from now. Django's SESSION_SAVE_EVERY_REQUEST would do
    the same with a database write on every request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get("_auth_user_id"):
            now = time.time()
            renewed_at = session.get(RENEWED_AT)
            if not isinstance(renewed_at, (int, float)) or now - renewed_at >= RENEW_EVERY_SECONDS:
                session[RENEWED_AT] = now
        return self.get_response(request)


def _current_request() -> HttpRequest | None:
    # The history middleware already keeps the request at hand for model changes.
    return getattr(HistoricalRecords.context, "request", None)


def _request_user(request: HttpRequest | None):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def on_logged_in(sender, request: HttpRequest | None, user, **kwargs) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        session[RENEWED_AT] = time.time()
    auth_event_record(
        kind=AuthEventKind.LOGIN,
        user=user,
        request=request,
        detail=f"at {request.path}" if request is not None else "",
    )


def on_logged_out(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if user is not None:
        auth_event_record(kind=AuthEventKind.LOGOUT, user=user, request=request)


def _user_named(username: object):
    if not isinstance(username, str) or not username or "\x00" in username:
        return None
    User = get_user_model()
    return User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()


def _record_refused(
    kind: str, request: HttpRequest | None, username: str | None, *, detail: str
) -> None:
    # The name typed is kept even when no account has it: guessed names are worth seeing.
    auth_event_record(
        kind=kind,
        user=_user_named(username),
        username=username or "",
        request=request,
        detail=detail,
    )


def _already_locked(request: HttpRequest | None) -> bool:
    # Axes marks a refused attempt as locked out without counting it: log the lockout once,
    # not every attempt made during it.
    return bool(
        request is not None
        and getattr(request, "axes_locked_out", False)
        and getattr(request, "axes_failures_since_start", None) is None
    )


def on_login_failed(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    if _already_locked(request):
        return
    username = credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username")
    _record_refused(
        AuthEventKind.LOGIN_FAILED,
        request,
        username,
        detail=f"at {request.path}" if request is not None else "",
    )


def on_locked_out(sender, request: HttpRequest, username: str | None, ip_address, **kwargs):
    if _already_locked(request):
        return
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    _record_refused(
        AuthEventKind.LOCKOUT,
        request,
        username,
        detail=(
            f"{getattr(request, 'axes_failures_since_start', '?')} failed sign-ins; "
            f"sign-in refused for {minutes} minutes"
        ),
    )


def before_user_save(sender, instance, raw: bool = False, update_fields=None, **kwargs) -> None:
    if raw or instance._state.adding or instance.pk is None:
        return
    # `set_password` keeps the raw password until save; a hash upgrade at sign-in does not.
    # Setting the first usable password (a new account's) changes no credential.
    changed = getattr(instance, "_password", None) is not None
    if changed:
        before = sender._default_manager.filter(pk=instance.pk).values_list("password", flat=True)
        previous = before.first()
        changed = bool(previous) and is_password_usable(previous)
    instance._factcheck_password_changed = changed
    instance._factcheck_was_active = None
    if update_fields is None or "is_active" in update_fields:
        instance._factcheck_was_active = (
            sender._default_manager.filter(pk=instance.pk)
            .values_list("is_active", flat=True)
            .first()
        )


def after_user_save(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if raw or created:
        return
    password_changed = instance.__dict__.pop("_factcheck_password_changed", False)
    was_active = instance.__dict__.pop("_factcheck_was_active", None)
    changes = [AuthEventKind.PASSWORD_CHANGED] if password_changed else []
    if was_active and not instance.is_active:
        changes.append(AuthEventKind.DEACTIVATED)
    if not changes:
        return
    request = _current_request()
    actor = _request_user(request)
    for kind in changes:
        user_account_changed(user=instance, kind=kind, actor=actor, request=request)


def connect() -> None:
    """Connect the receivers (called once, from the app's ready())."""
    user_logged_in.connect(on_logged_in, dispatch_uid="factcheck-auth-login")
    user_logged_in.connect(apply_preferred_language, dispatch_uid="factcheck-interface-language")
    user_logged_out.connect(on_logged_out, dispatch_uid="factcheck-auth-logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="factcheck-auth-failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="factcheck-auth-lockout")
    User = get_user_model()
    pre_save.connect(before_user_save, sender=User, dispatch_uid="factcheck-auth-pre-save")
    post_save.connect(after_user_save, sender=User, dispatch_uid="factcheck-auth-post-save")
