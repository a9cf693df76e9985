"""Fingerprint the articles imported before near-duplicates were looked for, and flag them."""

from django.core.management.base import BaseCommand

from annotations.services.duplicates import articles_fingerprint_missing


class Command(BaseCommand):
    help = (
        "Keep a text fingerprint for every article that has none (imported before they were "
        "kept), oldest first, flagging each near-duplicate of an older article."
    )

    def handle(self, *args, **options) -> None:
        done, flagged = articles_fingerprint_missing()
        self.stdout.write(
            f"{done} article(s) fingerprinted, {flagged} flagged as a possible duplicate."
        )
