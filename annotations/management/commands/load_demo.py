"""Load the demo: sample articles, a few marked claims, and one user per role (development only)."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from annotations.models import Article, Claim
from annotations.permissions import ANNOTATOR, EDITOR, REVIEWER
from annotations.services import article_import, claim_create
from annotations.splitting.metadata import lift_metadata
from annotations.splitting.normalize import normalize_text, text_sha256

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo" / "articles"

# username, role, password: development only, printed on purpose.
DEMO_USERS = (
    ("annotator", ANNOTATOR, "annotator-demo"),
    ("reviewer", REVIEWER, "reviewer-demo"),
    ("reviewer2", REVIEWER, "reviewer2-demo"),
    ("editor", EDITOR, "editor-demo"),
)

# file name, quote, claimant: claims a fact-checker would mark by hand.
DEMO_CLAIMS = (
    (
        "01-transit-budget.txt",
        "ridership had returned to 94% of its 2019 level, the highest share of any mid-sized "
        "city in the region",
        "Dana Ortiz",
    ),
    ("01-transit-budget.txt", "Fares rose from $2.50 to $2.75 in January.", ""),
    (
        "02-measles-vaccination.md",
        'the outbreak had "nothing to do with exemptions" and blamed travel',
        "Howard Klein",
    ),
    (
        "03-heatwave-mediterranean.txt",
        "heat waves of this length have become about five times more likely than in the 1980s",
        "regional climate centre",
    ),
)


class Command(BaseCommand):
    help = "Create demo users and load the sample articles; safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--quiet-users", action="store_true", help="Do not print the demo passwords."
        )

    def handle(self, *args, quiet_users: bool = False, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "The demo users have public passwords; load them only with DEBUG on."
            )
        with transaction.atomic():
            users = self._users()
            articles = self._articles(users["annotator"])
            self._claims(articles, users["annotator"])
        if not quiet_users:
            self.stdout.write("Demo users (development only):")
            for username, role, password in DEMO_USERS:
                self.stdout.write(f"  {role:<10} {username:<10} password: {password}")

    def _users(self) -> dict:
        User = get_user_model()
        users = {}
        for username, role, password in DEMO_USERS:
            user, _ = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            user.set_password(password)
            user.is_staff = role == EDITOR
            user.save()
            user.groups.add(Group.objects.get(name=role))
            users[username] = user
        return users

    def _articles(self, actor) -> dict[str, Article]:
        articles = {}
        for path in sorted(DEMO_DIR.iterdir()):
            digest = text_sha256(lift_metadata(normalize_text(path.read_text("utf-8"))).text)
            article = Article.objects.filter(text_sha256=digest).first()
            if article is None:
                with path.open("rb") as handle:
                    article = article_import(file=handle, filename=path.name, actor=actor)
                self.stdout.write(f"Imported {path.name} as article {article.pk}")
            articles[path.name] = article
        return articles

    def _claims(self, articles: dict[str, Article], actor) -> None:
        for filename, quote, claimant in DEMO_CLAIMS:
            article = articles[filename]
            start = article.text.index(quote)
            if Claim.objects.filter(article=article, start=start, end=start + len(quote)).exists():
                continue
            claim_create(article=article, actor=actor, quote=quote, claimant=claimant)
