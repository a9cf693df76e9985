"""Fingerprint the articles imported before near-duplicates were looked for, and flag them."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from annotations.management.base import TranslatedCommand
from annotations.services.duplicates import articles_fingerprint_missing


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Keep a text fingerprint for every article that has none (imported before they were "
        "kept), oldest first, flagging each near-duplicate of an older article."
    )

    def handle(self, *args, **options) -> None:
        done, flagged = articles_fingerprint_missing()
        self.stdout.write(
            _("%(done)s article(s) fingerprinted, %(flagged)s flagged as a possible duplicate.")
            % {"done": done, "flagged": flagged}
        )
