"""Load published claims from our own json/jsonl export into this database, all or nothing."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from annotations.errors import field_messages
from annotations.services.transfer import claims_import_records, read_export_entries


class Command(BaseCommand):
    help = (
        "Import a json or jsonl export of published claims (duplicates are skipped). One bad "
        "record imports nothing, unless --partial keeps the good ones."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        parser.add_argument(
            "--partial",
            action="store_true",
            help="Keep the records that import and list the ones that fail, with the reason.",
        )

    def handle(self, *args, file: str, partial: bool, **options) -> None:
        path = Path(file)
        try:
            with path.open(encoding="utf-8") as handle:
                report = claims_import_records(read_export_entries(handle), partial=partial)
        except OSError as error:
            raise CommandError(f"{file}: cannot read the file ({error.strerror}).") from None
        except UnicodeDecodeError as error:
            raise CommandError(
                f"{file}: not UTF-8 text (byte {error.start} of a line cannot be decoded); "
                "nothing was imported."
            ) from None
        except ValidationError as error:
            raise CommandError(f"{file}: {field_messages(error)}") from None
        if partial or options["verbosity"] > 1:
            for line in report.imported:
                self.stdout.write(line)
        for line in report.duplicates:
            self.stdout.write(f"skipped duplicate: {line}")
        for line in report.failures:
            self.stderr.write(f"failed: {line}")
        if report.users_created:
            self.stdout.write(
                "created inactive accounts for: " + ", ".join(sorted(report.users_created))
            )
        self.stdout.write(
            f"{len(report.created)} imported, {len(report.duplicates)} duplicate(s) skipped, "
            f"{len(report.failures)} failed"
        )
        if report.rolled_back:
            raise CommandError(
                f"{file}: {len(report.failures)} record(s) could not be imported, so nothing was "
                f"imported (first: {report.failures[0]}). Fix them, or use --partial to keep "
                "the good records."
            )
        if report.failures:
            raise CommandError(
                f"{file}: {len(report.failures)} record(s) could not be imported; the other "
                f"{len(report.created)} were kept."
            )
