"""Split articles into candidate claims through the splitting service."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from annotations.models import Article
from annotations.services import SYSTEM, claims_split


def split_report(article: Article, result) -> str:
    """Return the one-line summary printed for a split article."""
    return (
        f"article {article.pk}: {len(result.created)} new candidate(s), {result.rescored} "
        f"rescored, {result.removed} removed, {result.kept} kept as they were"
    )


class Command(BaseCommand):
    help = (
        "Split articles into candidate claims, scored for check-worthiness. Claims someone has "
        "worked on are never changed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", type=int, metavar="ID", help="Article ids.")
        parser.add_argument("--all", action="store_true", help="Split every article.")

    def handle(self, *args, ids: list[int], **options) -> None:
        if options["all"] == bool(ids):
            raise CommandError("Give article ids or --all (not both).")
        articles = Article.objects.order_by("pk")
        if ids:
            articles = articles.filter(pk__in=ids)
            missing = sorted(set(ids) - set(articles.values_list("pk", flat=True)))
            if missing:
                raise CommandError(f"No article with id {', '.join(map(str, missing))}.")
        for article in articles.iterator(chunk_size=100):
            result = claims_split(article=article, actor=SYSTEM)
            self.stdout.write(split_report(article, result))
