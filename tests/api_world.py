"""The objects the API permission matrix acts on; no role changes what the next one meets."""

import itertools

from annotations.models import (
    APIToken,
    Claim,
    Comment,
    Evidence,
    Job,
    JobKind,
    Notification,
    Rating,
    RatingScale,
    Source,
)
from annotations.services import (
    claim_create,
    claim_transition,
    comment_add,
    comment_hide,
    evidence_add,
    verdict_propose,
)
from annotations.services.auth import api_token_create
from tests.helpers import ARTICLE_TEXT, make_article, publish

ROLES = ("anonymous", "annotator", "reviewer", "editor")
METHODS = ("get", "post", "put", "patch", "delete")


class World:
    """What the requests act on.

    The shared objects are made for every test. An operation that changes its object for good
    (a transition, an edit carrying a version, a removal, a moderation) takes an object of the
    role's own from `own`, built on first use, so one role's request never decides what the
    next role meets and each row builds only what it uses.
    """

    def __init__(self, *, users, other_annotator, other_reviewer, settings):
        self.users = users
        self.arthur = other_annotator
        self.ravi = other_reviewer
        self.settings = settings
        annotator, reviewer, editor = users["annotator"], users["reviewer"], users["editor"]
        self.article = make_article()
        self.rating = Rating.objects.get(scale__is_default=True, slug="true")
        self.scale = RatingScale.objects.get(is_default=True)
        # In research and assigned to the editor: an annotator may not touch its research.
        self.claim = claim_create(article=self.article, actor=annotator, quote="120 drivers")
        claim_transition(claim=self.claim, actor=editor, action="start")
        self.evidence = self._cite(self.claim, editor, "drivers")
        self.comment = comment_add(claim=self.claim, actor=self.arthur, text="Which year?")
        # A candidate nobody has taken: its research is open to anyone with the research role.
        self.open_claim = claim_create(article=self.article, actor=annotator, quote="fares fell")
        self.open_evidence = self._cite(self.open_claim, annotator, "fares")
        self.published = publish(
            claim_create(article=self.article, actor=annotator, quote="ridership rose 12% in 2025"),
            annotator=annotator,
            reviewer=reviewer,
            editor=editor,
        )
        self.published_evidence = Evidence.objects.get(claim=self.published)
        self.source = Source.objects.get(pk=self.evidence.source_id)
        self._own: dict[tuple[str, str], object] = {}
        self._articles = itertools.count(1)

    def n(self, role: str) -> int:
        """A number that keeps what each role creates distinct."""
        return ROLES.index(role)

    def own(self, role: str, kind: str):
        """Return the role's own object of this kind, building it on first use."""
        key = (role, kind)
        if key not in self._own:
            self._own[key] = getattr(self, f"_build_{kind}")(role)
        return self._own[key]

    # Builders for `own`: each makes a fresh object, so no two roles share it.

    def _build_candidate(self, role: str) -> Claim:
        # Each article needs its own text too: the same text twice is refused as a duplicate.
        n = next(self._articles)
        article = make_article(
            url=f"https://news.example.org/{role}/{n}", text=f"{ARTICLE_TEXT}\n\nEdition {n}."
        )
        return claim_create(article=article, actor=self.users["annotator"], quote="120 drivers")

    def _build_assigned(self, role: str) -> Claim:
        return claim_transition(
            claim=self._build_candidate(role), actor=self.users["editor"], action="start"
        )

    def _build_in_review(self, role: str) -> Claim:
        # Researched by a colleague, so every reviewing role here may judge it (four-eyes).
        claim = self._build_candidate(role)
        claim_transition(claim=claim, actor=self.arthur, action="start")
        self._cite(claim, self.arthur, f"review/{role}")
        verdict_propose(claim=claim, actor=self.arthur, rating=self.rating, explanation="Yes.")
        return claim_transition(claim=claim, actor=self.arthur, action="submit")

    def _build_approved(self, role: str) -> Claim:
        return claim_transition(
            claim=self._build_in_review(role), actor=self.ravi, action="approve"
        )

    def _build_blind(self, role: str) -> Claim:
        self.settings.FACTCHECK_BLIND_REVIEW = True
        return self._build_in_review(role)

    def _build_evidence(self, role: str) -> Evidence:
        return self._cite(self.open_claim, self.users["annotator"], f"own/{role}")

    def _build_assigned_evidence(self, role: str) -> Evidence:
        return self._cite(self.claim, self.users["editor"], f"assigned/{role}")

    def _build_comment(self, role: str) -> Comment:
        author = self.users[role] or self.arthur
        return comment_add(claim=self.claim, actor=author, text=f"Comment by {role}.")

    def _build_others_comment(self, role: str) -> Comment:
        return comment_add(claim=self.claim, actor=self.arthur, text=f"For {role} to moderate.")

    def _build_token(self, role: str) -> APIToken:
        owner = self.users[role] or self.users["annotator"]
        return api_token_create(user=owner, name=f"{role}'s token")[0]

    def _build_others_token(self, role: str) -> APIToken:
        return api_token_create(user=self.arthur, name=f"arthur's token for {role}")[0]

    def _build_notification(self, role: str) -> Notification:
        return self._notify(self.users[role] or self.users["annotator"], role)

    def _build_others_notification(self, role: str) -> Notification:
        return self._notify(self.arthur, role)

    def _build_job(self, role: str) -> Job:
        return Job.objects.create(
            kind=JobKind.URL_IMPORT, created_by=self.users[role] or self.arthur
        )

    def _build_others_job(self, role: str) -> Job:
        return Job.objects.create(kind=JobKind.URL_IMPORT, created_by=self.arthur)

    def _notify(self, recipient, role: str) -> Notification:
        return Notification.objects.create(
            recipient=recipient, kind="mention", claim=self.claim, text=f"For {role}."
        )

    def _build_hidden_comment(self, role: str) -> Comment:
        comment = self._build_others_comment(role)
        return comment_hide(comment=comment, actor=self.users["editor"], reason="Off topic")

    @staticmethod
    def _cite(claim: Claim, actor, path: str) -> Evidence:
        return evidence_add(
            claim=claim,
            actor=actor,
            stance="supports",
            url=f"https://stats.example.gov/{path}",
            title=f"Statistics {path}",
        )
