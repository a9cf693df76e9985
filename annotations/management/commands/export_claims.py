"""Export published claims as JSON, JSON Lines, ClaimReview or W3C Web Annotations.

The export is public by default, like the API's; `--include internal` writes the desk's own
export (usernames, review history, evidence notes), which must not be published.
"""

import os
import sys
import tempfile
from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError

from annotations.api.exports import INCLUDE_CHOICES, parse_since
from annotations.exports.stream import FORMATS, export_stream
from annotations.management.base import TranslatedCommand


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Export published claims (stdout by default); the same content as the API export."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument(
            "--since", help=_("Only claims changed at or after this ISO-8601 time.")
        )
        parser.add_argument("--output", help=_("Write to this file instead of stdout."))
        parser.add_argument(
            "--include",
            choices=INCLUDE_CHOICES,
            help=_(
                "internal: name people by username and add the review history and evidence "
                "notes (for the desk; never publish it)."
            ),
        )

    def handle(
        self,
        *args,
        format: str,
        since: str | None,
        output: str | None,
        include: str | None = None,
        **options,
    ) -> None:
        try:
            moment = parse_since(since, field="--since")
        except ValidationError as error:
            raise CommandError(str(error.detail["--since"])) from None
        chunks = export_stream(format, since=moment, internal=include == "internal")
        if not output:
            for chunk in chunks:
                sys.stdout.write(chunk)
            sys.stdout.flush()
            return
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(
                _("--output: the folder %(folder)s does not exist.") % {"folder": target.parent}
            )
        # Write beside the target and rename, so a failed export never leaves half a file.
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                for chunk in chunks:
                    stream.write(chunk)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.stderr.write(_("Exported to %(file)s") % {"file": target})
