"""Request rates for the API, read from `FACTCHECK_THROTTLE_RATES` at each request.

DRF copies its rates into the throttle classes when they are imported; reading the setting each
time lets the rates change without a restart of the test process and keeps one source of truth.
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle

from annotations.services.auth import client_ip


class _SettingsRate:
    scope: str

    def get_rate(self) -> str | None:
        return settings.FACTCHECK_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request) -> str:
        # The same address the sign-in lockout counts, trusting only the configured proxies.
        return client_ip(request) or "unknown"


class AnonThrottle(_SettingsRate, AnonRateThrottle):
    """Limit anonymous requests per client address."""


class UserThrottle(_SettingsRate, UserRateThrottle):
    """Limit signed-in requests per user (anonymous ones per address)."""


class ScopeThrottle(_SettingsRate, ScopedRateThrottle):
    """Limit the views that name a `throttle_scope` (exports, similar) more strictly."""
