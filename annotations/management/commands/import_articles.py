"""Import article files (.txt, .md) through the import service, one transaction per file.

With --split, each file's import and split are one transaction: a file whose split fails
leaves no article behind.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from annotations.errors import field_messages
from annotations.management.commands.split_articles import split_report
from annotations.services import SYSTEM, article_import, article_import_split


class Command(BaseCommand):
    help = "Import article files (.txt, .md); prints one line per file with the new article's id."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--title", default="", help="Title (default: lifted from the text).")
        parser.add_argument("--url", default="", help="URL of the original article.")
        parser.add_argument("--publisher", default="", help="Publisher (default: from the credit).")
        parser.add_argument("--author", default="")
        parser.add_argument("--language", default="", help="BCP 47 language tag (default: en).")
        parser.add_argument(
            "--published-at", default="", help="Publication date YYYY-MM-DD (default: lifted)."
        )
        parser.add_argument(
            "--split", action="store_true", help="Split each article into candidate claims."
        )

    def handle(self, *args, files: list[str], **options) -> None:
        if options["url"] and len(files) > 1:
            raise CommandError("--url names one article; give it with a single FILE.")
        failures = 0
        for name in files:
            path = Path(name)
            split = None
            try:
                with path.open("rb") as handle:
                    arguments = dict(
                        file=handle,
                        filename=path.name,
                        title=options["title"],
                        url=options["url"],
                        publisher=options["publisher"],
                        author=options["author"],
                        language=options["language"],
                        published_at=options["published_at"] or None,
                        actor=SYSTEM,
                    )
                    if options["split"]:
                        article, split = article_import_split(**arguments)
                    else:
                        article = article_import(**arguments)
            except OSError as error:
                failures += 1
                self.stderr.write(f"{name}: cannot read the file ({error.strerror}).")
            except ValidationError as error:
                failures += 1
                self.stderr.write(f"{name}: {field_messages(error)}")
            else:
                self.stdout.write(f"{name}: imported as article {article.pk} ({article.title})")
                if split is not None:
                    self.stdout.write(split_report(article, split))
        if failures:
            raise CommandError(f"{failures} of {len(files)} file(s) could not be imported.")
