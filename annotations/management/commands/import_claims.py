"""Load published claims from our own json/jsonl export into this database, all or nothing."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from annotations.errors import field_messages
from annotations.management.base import TranslatedCommand
from annotations.services.transfer import claims_import_records, read_export_entries


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Import a json or jsonl export of published claims (duplicates are skipped). One bad "
        "record imports nothing, unless --partial keeps the good ones."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        parser.add_argument(
            "--partial",
            action="store_true",
            help=_("Keep the records that import and list the ones that fail, with the reason."),
        )

    def handle(self, *args, file: str, partial: bool, **options) -> None:
        path = Path(file)
        try:
            with path.open(encoding="utf-8") as handle:
                report = claims_import_records(read_export_entries(handle), partial=partial)
        except OSError as error:
            raise CommandError(
                _("%(name)s: cannot read the file (%(error)s).")
                % {"name": file, "error": error.strerror}
            ) from None
        except UnicodeDecodeError as error:
            raise CommandError(
                _(
                    "%(name)s: not UTF-8 text (byte %(byte)s of a line cannot be decoded); "
                    "nothing was imported."
                )
                % {"name": file, "byte": error.start}
            ) from None
        except ValidationError as error:
            raise CommandError(f"{file}: {field_messages(error)}") from None
        if partial or options["verbosity"] > 1:
            for line in report.imported:
                self.stdout.write(line)
        for line in report.duplicates:
            self.stdout.write(_("skipped duplicate: %(record)s") % {"record": line})
        for line in report.failures:
            self.stderr.write(_("failed: %(record)s") % {"record": line})
        if report.users_created:
            self.stdout.write(
                _("created inactive accounts for: %(usernames)s")
                % {"usernames": ", ".join(sorted(report.users_created))}
            )
        self.stdout.write(
            _("%(imported)s imported, %(duplicates)s duplicate(s) skipped, %(failed)s failed")
            % {
                "imported": len(report.created),
                "duplicates": len(report.duplicates),
                "failed": len(report.failures),
            }
        )
        if report.rolled_back:
            failed = len(report.failures)
            raise CommandError(
                _(
                    "%(name)s: %(failed)s record(s) could not be imported, so nothing was "
                    "imported (first: %(first)s). Fix them, or use --partial to keep the good "
                    "records."
                )
                % {"name": file, "failed": failed, "first": report.failures[0]}
            )
        if report.failures:
            failed = len(report.failures)
            raise CommandError(
                _(
                    "%(name)s: %(failed)s record(s) could not be imported; the other %(kept)s "
                    "were kept."
                )
                % {"name": file, "failed": failed, "kept": len(report.created)}
            )
