"""Split articles into candidate claims through the splitting service."""

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from annotations.management.base import TranslatedCommand
from annotations.models import Article
from annotations.services import SYSTEM, claims_split


def split_report(article: Article, result) -> str:
    """Return the one-line summary printed for a split article."""
    return _(
        "article %(pk)s: %(created)s new candidate(s), %(rescored)s rescored, %(removed)s "
        "removed, %(kept)s kept as they were"
    ) % {
        "pk": article.pk,
        "created": len(result.created),
        "rescored": result.rescored,
        "removed": result.removed,
        "kept": result.kept,
    }


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Split articles into candidate claims, scored for check-worthiness. Claims someone has "
        "worked on are never changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", type=int, metavar="ID", help=_("Article ids."))
        parser.add_argument("--all", action="store_true", help=_("Split every article."))

    def handle(self, *args, ids: list[int], **options) -> None:
        if options["all"] == bool(ids):
            raise CommandError(_("Give article ids or --all (not both)."))
        articles = Article.objects.order_by("pk")
        if ids:
            articles = articles.filter(pk__in=ids)
            missing = sorted(set(ids) - set(articles.values_list("pk", flat=True)))
            if missing:
                raise CommandError(
                    ngettext(
                        "No article with id %(ids)s.", "No articles with ids %(ids)s.", len(missing)
                    )
                    % {"ids": ", ".join(map(str, missing))}
                )
        for article in articles.iterator(chunk_size=100):
            result = claims_split(article=article, actor=SYSTEM)
            self.stdout.write(split_report(article, result))
