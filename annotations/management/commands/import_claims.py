"""Load published claims from our own json/jsonl export into this database."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from annotations.errors import field_messages
from annotations.services.transfer import claims_import_records, read_export


class Command(BaseCommand):
    help = "Import a json or jsonl export of published claims (duplicates are skipped)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")

    def handle(self, *args, file: str, **options) -> None:
        path = Path(file)
        try:
            with path.open(encoding="utf-8") as handle:
                report = claims_import_records(read_export(handle))
        except OSError as error:
            raise CommandError(f"{file}: cannot read the file ({error.strerror}).") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file}: not UTF-8 text.") from None
        except ValidationError as error:
            raise CommandError(f"{file}: {field_messages(error)}") from None
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
        if report.failures:
            raise CommandError(f"{len(report.failures)} record(s) could not be imported.")
