"""Subscribe to a feed (RSS 2.0, Atom or JSON Feed) through the feeds service."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from annotations.errors import field_messages
from annotations.management.base import TranslatedCommand
from annotations.services import SYSTEM
from annotations.services.feeds import DEFAULT_INTERVAL_MINUTES, feed_add


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Subscribe to a feed (RSS, Atom or JSON Feed): it is fetched once to check it, and "
        "its entries are imported by the next `poll_feeds` (or the workers' beat)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("url", metavar="URL")
        parser.add_argument(
            "--interval",
            default=str(DEFAULT_INTERVAL_MINUTES),
            metavar="MINUTES",
            help=_("Minutes between polls (default %(default)s, at most a week)."),
        )
        parser.add_argument(
            "--language",
            default="",
            help=_("BCP 47 tag of its articles (default: each page's)."),
        )

    def handle(self, *args, url: str, interval: str, language: str, **options) -> None:
        try:
            feed = feed_add(actor=SYSTEM, url=url, interval_minutes=interval, language=language)
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(field_messages(error)) from None
        self.stdout.write(
            _(
                "Subscribed to feed %(pk)s (%(name)s), polled every %(minutes)s minutes; run "
                "poll_feeds --once to import it now."
            )
            % {"pk": feed.pk, "name": feed.title or feed.url, "minutes": feed.interval_minutes}
        )
