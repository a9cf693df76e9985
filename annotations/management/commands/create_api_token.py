"""Create an API token for a user and print its key (the only time it can be read)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from annotations.errors import error_message
from annotations.management.base import TranslatedCommand
from annotations.services.auth import api_token_create, api_tokens_revoke_all


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Create an API token for USERNAME and print its key (use: Authorization: Token …). "
        "Only a digest is stored, so the key is shown this once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--reset",
            action="store_true",
            help=_("Revoke the user's other tokens before creating the new one."),
        )
        parser.add_argument(
            "--name",
            default="command line",
            help=_("What the token is for (default: %(default)s)."),
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=_(
                "How many days the token lasts (default and most: FACTCHECK_API_TOKEN_DAYS, "
                "now %(days)s)."
            )
            % {"days": settings.FACTCHECK_API_TOKEN_DAYS},
        )

    def handle(
        self, *args, username: str, reset: bool, name: str, days: int | None, **options
    ) -> None:
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except (User.DoesNotExist, ValueError):
            raise CommandError(
                _("No user is called %(username)r.") % {"username": username}
            ) from None
        if not user.is_active:
            raise CommandError(
                _("%(username)s is inactive; activate the account first.") % {"username": username}
            )
        try:
            if reset:
                revoked = api_tokens_revoke_all(user=user, reason="replaced with create_api_token")
                if revoked:
                    self.stderr.write(
                        ngettext(
                            "Revoked %(count)s earlier token of %(username)s.",
                            "Revoked %(count)s earlier tokens of %(username)s.",
                            revoked,
                        )
                        % {"count": revoked, "username": username}
                    )
            token, key = api_token_create(user=user, name=name, days=days)
        except ValidationError as error:
            raise CommandError(
                error_message(error, default=_("Could not create the token."))
            ) from None
        self.stderr.write(
            _("Token “%(name)s” for %(username)s, expires %(expires)s UTC.")
            % {
                "name": token.name,
                "username": username,
                "expires": f"{token.expires_at:%Y-%m-%d %H:%M}",
            }
        )
        self.stdout.write(key)
