"""Create an API token for a user and print its key (the only time it can be read)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from annotations.errors import error_message
from annotations.services.auth import api_token_create, api_tokens_revoke_all


class Command(BaseCommand):
    help = (
        "Create an API token for USERNAME and print its key (use: Authorization: Token …). "
        "Only a digest is stored, so the key is shown this once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Revoke the user's other tokens before creating the new one.",
        )
        parser.add_argument(
            "--name", default="command line", help="What the token is for (default: %(default)s)."
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=(
                "How many days the token lasts (default and most: FACTCHECK_API_TOKEN_DAYS, "
                f"now {settings.FACTCHECK_API_TOKEN_DAYS})."
            ),
        )

    def handle(
        self, *args, username: str, reset: bool, name: str, days: int | None, **options
    ) -> None:
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except (User.DoesNotExist, ValueError):
            raise CommandError(f"No user is called {username!r}.") from None
        if not user.is_active:
            raise CommandError(f"{username} is inactive; activate the account first.")
        try:
            if reset:
                revoked = api_tokens_revoke_all(user=user, reason="replaced with create_api_token")
                if revoked:
                    self.stderr.write(f"Revoked {revoked} earlier token(s) of {username}.")
            token, key = api_token_create(user=user, name=name, days=days)
        except ValidationError as error:
            raise CommandError(
                error_message(error, default="Could not create the token.")
            ) from None
        self.stderr.write(
            f"Token “{token.name}” for {username}, expires {token.expires_at:%Y-%m-%d %H:%M} UTC."
        )
        self.stdout.write(key)
