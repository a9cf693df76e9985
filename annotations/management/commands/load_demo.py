"""Load the demo: sample articles, claims at every stage of review, one user per role."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from annotations.management.base import TranslatedCommand
from annotations.models import Article, Claim, ClaimStatus, Rating
from annotations.permissions import ANNOTATOR, EDITOR, REVIEWER
from annotations.services import (
    article_import,
    claim_create,
    claim_transition,
    claims_split,
    evidence_add,
    verdict_propose,
)
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

# file name, quote, claimant, how far the demo takes it through the workflow, and the
# evidence and verdict it is researched with: a demo shows every queue with something in it.
DEMO_CLAIMS = (
    (
        "01-transit-budget.txt",
        "ridership had returned to 94% of its 2019 level, the highest share of any mid-sized "
        "city in the region",
        "Dana Ortiz",
        "published",
    ),
    ("01-transit-budget.txt", "Fares rose from $2.50 to $2.75 in January.", "", "researching"),
    (
        "02-measles-vaccination.md",
        'the outbreak had "nothing to do with exemptions" and blamed travel',
        "Howard Klein",
        "in_review",
    ),
    (
        "03-heatwave-mediterranean.txt",
        "heat waves of this length have become about five times more likely than in the 1980s",
        "regional climate centre",
        "candidate",
    ),
)

RESEARCH = {
    "01-transit-budget.txt": {
        "claim_text": "Port Alder's bus ridership has returned to 94% of its 2019 level, the "
        "highest share of any mid-sized city in the region.",
        "source": (
            "https://transit.example.org/reports/ridership-2026-h1",
            "Port Alder Transit Authority: ridership report, first half of 2026",
        ),
        "excerpt": "Weekday ridership reached 83% of the 2019 average.",
        "stance": "refutes",
        "rating": "mostly-false",
        "explanation": "The authority's own report puts ridership at 83% of its 2019 level, "
        "not 94%; two comparable cities in the region report higher shares.",
    },
    "02-measles-vaccination.md": {
        "claim_text": "Marlow County's 2026 measles outbreak has nothing to do with vaccine "
        "exemptions and was caused by travel.",
        "source": (
            "https://health.example.gov/marlow/measles-2026",
            "Marlow County health department: measles cases, August to October 2026",
        ),
        "excerpt": "21 of 27 cases were unvaccinated; 3 cases were linked to travel.",
        "stance": "refutes",
        "rating": "false",
        "explanation": "Department data link only three of 27 cases to travel, and 21 patients "
        "were unvaccinated.",
    },
}


class Command(TranslatedCommand):
    help = gettext_lazy("Create demo users and load the sample articles; safe to run again.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--quiet-users",
            action="store_true",
            help=_("Do not print the demo passwords."),
        )

    def handle(self, *args, quiet_users: bool = False, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                _("The demo users have public passwords; load them only with DEBUG on.")
            )
        with transaction.atomic():
            users = self._users()
            articles = self._articles(users["annotator"])
            self._claims(articles, users)
        if not quiet_users:
            self.stdout.write(_("Demo users (development only):"))
            for username, role, password in DEMO_USERS:
                self.stdout.write(
                    "  "
                    + _("%(role)s %(username)s password: %(password)s")
                    % {"role": f"{role:<10}", "username": f"{username:<10}", "password": password}
                )

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
                result = claims_split(article=article, actor=actor)
                self.stdout.write(
                    _("Imported %(file)s as article %(pk)s with %(count)s candidate claims")
                    % {"file": path.name, "pk": article.pk, "count": len(result.created)}
                )
            articles[path.name] = article
        return articles

    def _claims(self, articles: dict[str, Article], users: dict) -> None:
        for filename, quote, claimant, stage in DEMO_CLAIMS:
            article = articles[filename]
            start = article.text.index(quote)
            claim = Claim.objects.filter(
                article=article, start=start, end=start + len(quote)
            ).first()
            if claim is None:
                claim = claim_create(
                    article=article,
                    actor=users["annotator"],
                    quote=quote,
                    claimant=claimant,
                    claim_text=RESEARCH.get(filename, {}).get("claim_text", ""),
                )
            elif claim.status != ClaimStatus.CANDIDATE or claim.review_events.exists():
                continue  # taken along on an earlier run
            self._advance(claim, stage, RESEARCH.get(filename), users)

    def _advance(self, claim: Claim, stage: str, research: dict | None, users: dict) -> None:
        """Take a new demo claim as far as `stage`, through the workflow like anyone would."""
        annotator, reviewer, editor = users["annotator"], users["reviewer"], users["editor"]
        if stage == "candidate":
            return
        claim_transition(claim=claim, actor=annotator, action="start")
        if stage == "researching" or research is None:
            return
        url, title = research["source"]
        evidence_add(
            claim=claim,
            actor=annotator,
            stance=research["stance"],
            url=url,
            title=title,
            excerpt=research["excerpt"],
        )
        verdict_propose(
            claim=claim,
            actor=annotator,
            rating=Rating.objects.get(scale__is_default=True, slug=research["rating"]),
            explanation=research["explanation"],
        )
        claim_transition(claim=claim, actor=annotator, action="submit")
        if stage == "in_review":
            return
        claim_transition(claim=claim, actor=reviewer, action="approve")
        claim_transition(claim=claim, actor=editor, action="publish")
