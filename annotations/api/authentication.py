"""`Authorization: Token <key>` against the project's expiring, revocable API tokens."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from annotations.models.auth import APIToken, token_digest
from annotations.services.auth import api_token_touch


class ExpiringTokenAuthentication(TokenAuthentication):
    """Accept a token only while it is neither expired nor revoked and its user is active."""

    keyword = "Token"
    model = APIToken

    def authenticate_credentials(self, key: str):
        token = APIToken.objects.select_related("user").filter(key_digest=token_digest(key)).first()
        if token is None:
            raise AuthenticationFailed(_("Invalid token."))
        if token.revoked_at is not None:
            raise AuthenticationFailed(
                _(
                    "Token %(key_prefix)s… was revoked on %(revoked_at)s UTC "
                    "(%(value)s); create a new one."
                )
                % {
                    "key_prefix": token.key_prefix,
                    "revoked_at": format(token.revoked_at, "%Y-%m-%d %H:%M"),
                    "value": token.revoked_reason or "revoked",
                }
            )
        if token.expires_at <= timezone.now():
            raise AuthenticationFailed(
                _("Token %(key_prefix)s… expired on %(expires_at)s UTC; create a new one.")
                % {
                    "key_prefix": token.key_prefix,
                    "expires_at": format(token.expires_at, "%Y-%m-%d %H:%M"),
                }
            )
        if not token.user.is_active:
            raise AuthenticationFailed(_("User inactive or deleted."))
        api_token_touch(token=token)
        return token.user, token
