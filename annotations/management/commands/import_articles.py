"""Import articles from files (.txt, .md, .html) or by URL, through the import services.

Each file or URL is one transaction: with --split, an article whose split fails is not left
behind. One line is printed per file or URL; one that fails does not stop the others, and the
command exits non-zero when any failed. An article that is already here (same URL or same
text) is named, not imported again, and is not a failure.
"""

import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from tqdm import tqdm

from annotations.errors import DuplicateArticleError, field_messages
from annotations.management.base import TranslatedCommand
from annotations.management.commands.split_articles import split_report
from annotations.services import SYSTEM, article_import, article_import_split, article_import_url


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Import article files (.txt, .md, .html), or fetch articles with --url URL (repeatable); "
        "prints one line per file or URL with the new article's id."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", metavar="FILE")
        parser.add_argument(
            "--url",
            action="append",
            default=[],
            help=_(
                "Without FILE: fetch and import the article at this URL (repeat for more). "
                "With one FILE: the URL the file's article was published at."
            ),
        )
        parser.add_argument(
            "--url-file",
            type=Path,
            metavar="PATH",
            help=_("Without FILE: fetch each URL of this file (one a line; # starts a comment)."),
        )
        parser.add_argument("--title", default="", help=_("Title (default: lifted from the text)."))
        parser.add_argument(
            "--publisher", default="", help=_("Publisher (default: from the credit).")
        )
        parser.add_argument("--author", default="")
        parser.add_argument(
            "--language",
            default="",
            help=_("BCP 47 language tag (default: detected from the text)."),
        )
        parser.add_argument(
            "--published-at",
            default="",
            help=_("Publication date YYYY-MM-DD (default: lifted)."),
        )
        parser.add_argument(
            "--split",
            action="store_true",
            help=_("Split each article into candidate claims."),
        )

    def handle(self, *args, files: list[str], url: list[str] | str, **options) -> None:
        # call_command() passes a single --url as a string, the command line as a list.
        urls = [url] if isinstance(url, str) else list(url or [])
        if options.get("url_file"):
            if files:
                raise CommandError(_("--url-file fetches pages; give it without FILE."))
            urls += _read_url_file(Path(options["url_file"]))
        if not files and not urls:
            raise CommandError(_("Give article files, or --url URL for each page to fetch."))
        if files and urls and (len(files) > 1 or len(urls) > 1):
            raise CommandError(_("--url names one article; give it with a single FILE."))
        if files:
            failures, total = self._import_files(files, urls[:1], **options), len(files)
        else:
            failures, total = self._import_urls(urls, **options), len(urls)
        if failures:
            if files:
                message = ngettext(
                    "%(failures)s of %(total)s file could not be imported.",
                    "%(failures)s of %(total)s files could not be imported.",
                    total,
                )
            else:
                message = ngettext(
                    "%(failures)s of %(total)s URL could not be imported.",
                    "%(failures)s of %(total)s URLs could not be imported.",
                    total,
                )
            raise CommandError(message % {"failures": failures, "total": total})

    def _already_here(self, name: str, duplicate: DuplicateArticleError) -> None:
        existing = duplicate.article
        self.stdout.write(
            _("%(name)s: already here as article %(pk)s (%(title)s); not imported again")
            % {"name": name, "pk": existing.pk, "title": existing.title}
        )

    def _import_urls(self, urls: list[str], **options) -> int:
        failures = 0
        # A progress bar on stderr for a list of pages; one line per URL still goes to stdout.
        for url in tqdm(
            urls, desc=_("pages"), unit=_("page"), file=sys.stderr, disable=len(urls) < 2
        ):
            try:
                article = article_import_url(
                    actor=SYSTEM,
                    url=url,
                    split=options["split"],
                    language=options["language"] or None,
                )
            except DuplicateArticleError as duplicate:
                self._already_here(url, duplicate)
            except (ValidationError, PermissionDenied) as error:
                failures += 1
                self.stderr.write(f"{url}: {field_messages(error)}")
            else:
                values = {"name": url, "pk": article.pk, "title": article.title}
                if options["split"]:
                    count = article.claims.count()
                    line = ngettext(
                        "%(name)s: imported as article %(pk)s (%(title)s), %(count)s candidate "
                        "claim",
                        "%(name)s: imported as article %(pk)s (%(title)s), %(count)s candidate "
                        "claims",
                        count,
                    ) % {**values, "count": count}
                else:
                    line = _("%(name)s: imported as article %(pk)s (%(title)s)") % values
                self.stdout.write(line)
        return failures

    def _import_files(self, files: list[str], urls: list[str], **options) -> int:
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
                        url=urls[0] if urls else "",
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
                self.stderr.write(
                    _("%(name)s: cannot read the file (%(error)s).")
                    % {"name": name, "error": error.strerror}
                )
            except DuplicateArticleError as duplicate:
                self._already_here(name, duplicate)
            except ValidationError as error:
                failures += 1
                self.stderr.write(f"{name}: {field_messages(error)}")
            else:
                self.stdout.write(
                    _("%(name)s: imported as article %(pk)s (%(title)s)")
                    % {"name": name, "pk": article.pk, "title": article.title}
                )
                if split is not None:
                    self.stdout.write(split_report(article, split))
        return failures


def _read_url_file(path: Path) -> list[str]:
    """Return the URLs of a file, one a line, skipping blank lines and # comments."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(
            _("%(name)s: cannot read the list of URLs (%(error)s).")
            % {"name": path, "error": error}
        ) from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
