"""`Authorization: Token <key>` against the project's expiring, revocable API tokens."""

from django.utils import timezone
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
            raise AuthenticationFailed("Invalid token.")
        if token.revoked_at is not None:
            raise AuthenticationFailed(
                f"Token {token.key_prefix}… was revoked on {token.revoked_at:%Y-%m-%d %H:%M} UTC "
                f"({token.revoked_reason or 'revoked'}); create a new one."
            )
        if token.expires_at <= timezone.now():
            raise AuthenticationFailed(
                f"Token {token.key_prefix}… expired on {token.expires_at:%Y-%m-%d %H:%M} UTC; "
                "create a new one."
            )
        if not token.user.is_active:
            raise AuthenticationFailed("User inactive or deleted.")
        api_token_touch(token=token)
        return token.user, token
