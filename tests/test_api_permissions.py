"""Every endpoint and method of /api/v1/ for every role: the status code the role gets.

The expected codes follow the rules in docs/api.md, docs/workflow.md and
annotations/permissions.py:

- anonymous callers read only public data (published claims, their evidence, final verdicts
  and review history, the rating scales, the exports, the API's own documentation); anything
  else answers 401, and a claim that is not published is not found (404);
- writes need the role the workflow gives them (403 otherwise), and a claim assigned to
  someone is theirs to research unless the caller is an editor;
- a method an endpoint does not have answers 405 to anyone signed in (anonymous callers of a
  non-public endpoint are asked to sign in first).

REQUESTS says what each row sends and EXPECTED what each role gets; a new endpoint or method is
one row in each. `test_every_route_and_method_has_a_row` fails when a route is added without.
"""

import itertools
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

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


@pytest.fixture
def world(db, annotator, reviewer, editor, other_annotator, other_reviewer, settings):
    users = {"anonymous": None, "annotator": annotator, "reviewer": reviewer, "editor": editor}
    return World(
        users=users,
        other_annotator=other_annotator,
        other_reviewer=other_reviewer,
        settings=settings,
    )


Request = tuple[str, str, dict | None]

V1 = "/api/v1"


def _each_method(
    endpoint: str,
    url: Callable[["World", str], str],
    methods: tuple[str, ...] = METHODS,
    body: dict | None = None,
) -> dict[str, Callable[["World", str], Request]]:
    """Return one row per method sending to the endpoint's URL (`body` or an empty one, if any)."""
    return {
        f"{method.upper()} {endpoint}": lambda w, r, method=method: (
            method,
            url(w, r),
            None if method in ("get", "delete") else dict(body or {}),
        )
        for method in methods
    }


def _read_in_research_and_published(
    endpoint: str, part: str
) -> dict[str, Callable[["World", str], Request]]:
    """Return GET rows for a claim's `part`, on a claim in research and on a published one."""
    return {
        f"GET {endpoint} ({state})": lambda w, r, claim=claim: (
            "get",
            f"{V1}/claims/{getattr(w, claim).pk}/{part}",
            None,
        )
        for state, claim in (("in research", "claim"), ("published", "published"))
    }


# endpoint: (world, role) -> (method, url, body)
REQUESTS: dict[str, Callable[[World, str], Request]] = {
    # The API root lists the collections.
    **_each_method("/", lambda w, r: f"{V1}/"),
    # Articles
    "GET articles/": lambda w, r: ("get", f"{V1}/articles/", None),
    "POST articles/": lambda w, r: ("post", f"{V1}/articles/", {"text": f"Rates rose {w.n(r)}%."}),
    **_each_method("articles/", lambda w, r: f"{V1}/articles/", ("put", "patch", "delete")),
    **_each_method(
        "articles/{id}/", lambda w, r: f"{V1}/articles/{w.article.pk}/", ("get", "post")
    ),
    "PUT articles/{id}/": lambda w, r: ("put", f"{V1}/articles/{w.article.pk}/", {"title": "T"}),
    "PATCH articles/{id}/": lambda w, r: (
        "patch",
        f"{V1}/articles/{w.article.pk}/",
        {"title": f"T{w.n(r)}"},
    ),
    "DELETE articles/{id}/": lambda w, r: ("delete", f"{V1}/articles/{w.article.pk}/", None),
    "GET articles/{id}/split/": lambda w, r: ("get", f"{V1}/articles/{w.article.pk}/split/", None),
    "POST articles/{id}/split/": lambda w, r: (
        "post",
        f"{V1}/articles/{w.article.pk}/split/",
        None,
    ),
    **_each_method(
        "articles/{id}/split/",
        lambda w, r: f"{V1}/articles/{w.article.pk}/split/",
        ("put", "patch", "delete"),
    ),
    # Claims
    "GET claims/": lambda w, r: ("get", f"{V1}/claims/", None),
    "POST claims/": lambda w, r: (
        "post",
        f"{V1}/claims/",
        {"article": w.article.pk, "quote": ["ridership", "rose", "fares", "Officials"][w.n(r)]},
    ),
    **_each_method("claims/", lambda w, r: f"{V1}/claims/", ("put", "patch", "delete")),
    **_read_in_research_and_published("claims/{id}/", ""),
    "POST claims/{id}/": lambda w, r: ("post", f"{V1}/claims/{w.claim.pk}/", {}),
    "PUT claims/{id}/": lambda w, r: (
        "put",
        f"{V1}/claims/{w.claim.pk}/",
        {"version": w.claim.version, "claimant": "Mayor"},
    ),
    "PATCH claims/{id}/ (assigned to the editor)": lambda w, r: _edit(w.own(r, "assigned")),
    "PATCH claims/{id}/ (unassigned)": lambda w, r: _edit(w.own(r, "candidate")),
    "DELETE claims/{id}/": lambda w, r: ("delete", f"{V1}/claims/{w.claim.pk}/", None),
    "GET claims/{id}/transitions/": lambda w, r: (
        "get",
        f"{V1}/claims/{w.claim.pk}/transitions/",
        None,
    ),
    "POST claims/{id}/transitions/ (start)": lambda w, r: _step(w.own(r, "candidate"), "start"),
    "POST claims/{id}/transitions/ (approve)": lambda w, r: _step(w.own(r, "in_review"), "approve"),
    "POST claims/{id}/transitions/ (publish)": lambda w, r: _step(w.own(r, "approved"), "publish"),
    "POST claims/{id}/transitions/ (dismiss)": lambda w, r: _step(
        w.own(r, "candidate"), "dismiss", comment="An opinion, not a factual claim."
    ),
    **_each_method(
        "claims/{id}/transitions/",
        lambda w, r: f"{V1}/claims/{w.claim.pk}/transitions/",
        ("put", "patch", "delete"),
        body={"action": "start"},
    ),
    **_read_in_research_and_published("claims/{id}/events/", "events/"),
    "POST claims/{id}/events/": lambda w, r: (
        "post",
        f"{V1}/claims/{w.claim.pk}/events/",
        {"action": "start"},
    ),
    **_each_method(
        "claims/{id}/events/",
        lambda w, r: f"{V1}/claims/{w.claim.pk}/events/",
        ("put", "patch", "delete"),
    ),
    **_read_in_research_and_published("claims/{id}/similar/", "similar/"),
    **_each_method(
        "claims/{id}/similar/",
        lambda w, r: f"{V1}/claims/{w.claim.pk}/similar/",
        ("post", "put", "patch", "delete"),
    ),
    # Evidence
    **_read_in_research_and_published("claims/{id}/evidence/", "evidence/"),
    "POST claims/{id}/evidence/ (assigned to the editor)": lambda w, r: _cite(w, r, w.claim),
    "POST claims/{id}/evidence/ (unassigned)": lambda w, r: _cite(w, r, w.open_claim),
    **_each_method(
        "claims/{id}/evidence/",
        lambda w, r: f"{V1}/claims/{w.claim.pk}/evidence/",
        ("put", "patch", "delete"),
    ),
    "GET claims/{id}/evidence/{id}/ (in research)": lambda w, r: (
        "get",
        _evidence_url(w.evidence),
        None,
    ),
    "GET claims/{id}/evidence/{id}/ (published)": lambda w, r: (
        "get",
        _evidence_url(w.published_evidence),
        None,
    ),
    "POST claims/{id}/evidence/{id}/": lambda w, r: ("post", _evidence_url(w.evidence), {}),
    "PUT claims/{id}/evidence/{id}/": lambda w, r: (
        "put",
        _evidence_url(w.evidence),
        {"stance": "refutes"},
    ),
    "PATCH claims/{id}/evidence/{id}/ (assigned to the editor)": lambda w, r: (
        "patch",
        _evidence_url(w.evidence),
        {"note": f"Note {w.n(r)}"},
    ),
    "PATCH claims/{id}/evidence/{id}/ (unassigned)": lambda w, r: (
        "patch",
        _evidence_url(w.open_evidence),
        {"note": f"Note {w.n(r)}"},
    ),
    "DELETE claims/{id}/evidence/{id}/ (assigned to the editor)": lambda w, r: (
        "delete",
        _evidence_url(w.own(r, "assigned_evidence")),
        None,
    ),
    "DELETE claims/{id}/evidence/{id}/ (unassigned)": lambda w, r: (
        "delete",
        _evidence_url(w.own(r, "evidence")),
        None,
    ),
    # Verdicts
    **_read_in_research_and_published("claims/{id}/verdicts/", "verdicts/"),
    "POST claims/{id}/verdicts/ (propose, assigned to the editor)": lambda w, r: _propose(
        w, w.claim
    ),
    "POST claims/{id}/verdicts/ (propose, unassigned)": lambda w, r: _propose(w, w.open_claim),
    "POST claims/{id}/verdicts/ (blind review)": lambda w, r: (
        "post",
        f"{V1}/claims/{w.own(r, 'blind').pk}/verdicts/",
        {"rating": w.rating.pk, "role": "review", "explanation": "Checked."},
    ),
    **_each_method(
        "claims/{id}/verdicts/",
        lambda w, r: f"{V1}/claims/{w.claim.pk}/verdicts/",
        ("put", "patch", "delete"),
    ),
    # Comments
    **_read_in_research_and_published("claims/{id}/comments/", "comments/"),
    "POST claims/{id}/comments/": lambda w, r: (
        "post",
        f"{V1}/claims/{w.claim.pk}/comments/",
        {"text": "Looks right."},
    ),
    **_each_method(
        "claims/{id}/comments/",
        lambda w, r: f"{V1}/claims/{w.claim.pk}/comments/",
        ("put", "patch", "delete"),
    ),
    **_each_method(
        "claims/{id}/comments/{id}/",
        lambda w, r: _comment_url(w.comment),
        ("get", "post", "put"),
        body={"text": "Again."},
    ),
    "PATCH claims/{id}/comments/{id}/ (own)": lambda w, r: (
        "patch",
        _comment_url(w.own(r, "comment")),
        {"text": "Which year, exactly?"},
    ),
    "PATCH claims/{id}/comments/{id}/ (someone else's)": lambda w, r: (
        "patch",
        _comment_url(w.comment),
        {"text": "Mine now."},
    ),
    "DELETE claims/{id}/comments/{id}/": lambda w, r: ("delete", _comment_url(w.comment), None),
    "GET claims/{id}/comments/{id}/moderation/": lambda w, r: (
        "get",
        _comment_url(w.comment) + "moderation/",
        None,
    ),
    "POST claims/{id}/comments/{id}/moderation/ (hide)": lambda w, r: (
        "post",
        _comment_url(w.own(r, "others_comment")) + "moderation/",
        {"hidden": True, "reason": "Off topic"},
    ),
    "POST claims/{id}/comments/{id}/moderation/ (unhide)": lambda w, r: (
        "post",
        _comment_url(w.own(r, "hidden_comment")) + "moderation/",
        {"hidden": False},
    ),
    **_each_method(
        "claims/{id}/comments/{id}/moderation/",
        lambda w, r: _comment_url(w.comment) + "moderation/",
        ("put", "patch", "delete"),
        body={"hidden": True},
    ),
    # Sources
    "GET sources/": lambda w, r: ("get", f"{V1}/sources/", None),
    "POST sources/": lambda w, r: ("post", f"{V1}/sources/", {"title": f"Source {w.n(r)}"}),
    **_each_method("sources/", lambda w, r: f"{V1}/sources/", ("put", "patch", "delete")),
    **_each_method("sources/{id}/", lambda w, r: f"{V1}/sources/{w.source.pk}/", ("get", "post")),
    **_each_method(
        "sources/{id}/",
        lambda w, r: f"{V1}/sources/{w.source.pk}/",
        ("put", "patch", "delete"),
        body={"title": "S"},
    ),
    # Rating scales
    **_each_method(
        "rating-scales/",
        lambda w, r: f"{V1}/rating-scales/",
        ("get", "post"),
        body={"name": "Scale"},
    ),
    **_each_method(
        "rating-scales/", lambda w, r: f"{V1}/rating-scales/", ("put", "patch", "delete")
    ),
    **_each_method(
        "rating-scales/{id}/", lambda w, r: f"{V1}/rating-scales/{w.scale.pk}/", ("get", "post")
    ),
    **_each_method(
        "rating-scales/{id}/",
        lambda w, r: f"{V1}/rating-scales/{w.scale.pk}/",
        ("put", "patch", "delete"),
        body={"name": "Renamed"},
    ),
    # The signed-in user
    **_each_method("users/me/", lambda w, r: f"{V1}/users/me/", ("get", "post")),
    **_each_method(
        "users/me/",
        lambda w, r: f"{V1}/users/me/",
        ("put", "patch", "delete"),
        body={"username": "me"},
    ),
    # The signed-in user's API tokens
    "GET users/me/tokens/": lambda w, r: ("get", f"{V1}/users/me/tokens/", None),
    "POST users/me/tokens/": lambda w, r: ("post", f"{V1}/users/me/tokens/", {"name": r}),
    "PUT users/me/tokens/": lambda w, r: ("put", f"{V1}/users/me/tokens/", {"name": r}),
    "PATCH users/me/tokens/": lambda w, r: ("patch", f"{V1}/users/me/tokens/", {"name": r}),
    "DELETE users/me/tokens/": lambda w, r: ("delete", f"{V1}/users/me/tokens/", None),
    "GET users/me/tokens/{id}/ (own)": lambda w, r: ("get", _token_url(w.own(r, "token")), None),
    "GET users/me/tokens/{id}/ (someone else's)": lambda w, r: (
        "get",
        _token_url(w.own(r, "others_token")),
        None,
    ),
    **_each_method(
        "users/me/tokens/{id}/",
        lambda w, r: _token_url(w.own(r, "token")),
        ("post", "put", "patch"),
    ),
    "DELETE users/me/tokens/{id}/ (own)": lambda w, r: (
        "delete",
        _token_url(w.own(r, "token")),
        None,
    ),
    "DELETE users/me/tokens/{id}/ (someone else's)": lambda w, r: (
        "delete",
        _token_url(w.own(r, "others_token")),
        None,
    ),
    # Tags in use, for suggestions
    "GET tags/": lambda w, r: ("get", f"{V1}/tags/?q=t", None),
    **_each_method("tags/", lambda w, r: f"{V1}/tags/", ("post", "put", "patch", "delete")),
    # Desk members to mention
    "GET users/": lambda w, r: ("get", f"{V1}/users/?q=r", None),
    **_each_method("users/", lambda w, r: f"{V1}/users/", ("post", "put", "patch", "delete")),
    # The signed-in user's notifications
    **_each_method("notifications/", lambda w, r: f"{V1}/notifications/"),
    **_each_method("notifications/read-all/", lambda w, r: f"{V1}/notifications/read-all/"),
    **_each_method(
        "notifications/{id}/read/",
        lambda w, r: _read_url(w.own(r, "notification")),
        ("get", "put", "patch", "delete"),
    ),
    "POST notifications/{id}/read/ (own)": lambda w, r: (
        "post",
        _read_url(w.own(r, "notification")),
        {},
    ),
    "POST notifications/{id}/read/ (someone else's)": lambda w, r: (
        "post",
        _read_url(w.own(r, "others_notification")),
        {},
    ),
    # Background jobs: their owner's, or any for staff
    "GET jobs/{id}/ (own)": lambda w, r: ("get", _job_url(w.own(r, "job")), None),
    "GET jobs/{id}/ (someone else's)": lambda w, r: ("get", _job_url(w.own(r, "others_job")), None),
    **_each_method(
        "jobs/{id}/",
        lambda w, r: _job_url(w.own(r, "others_job")),
        ("post", "put", "patch", "delete"),
    ),
    # Exports
    "GET exports/claims/": lambda w, r: ("get", f"{V1}/exports/claims/?format=jsonl", None),
    **_each_method(
        "exports/claims/", lambda w, r: f"{V1}/exports/claims/", ("post", "put", "patch", "delete")
    ),
    # The OpenAPI schema and its interactive documentation
    **_each_method("schema/", lambda w, r: f"{V1}/schema/"),
    **_each_method("docs/", lambda w, r: f"{V1}/docs/"),
    # Any other address under /api/v1/
    **_each_method("(no such endpoint)", lambda w, r: f"{V1}/verdicts/", ("get", "post")),
    "PUT (no such endpoint)": lambda w, r: ("put", f"{V1}/claims/{w.claim.pk}/history/", {}),
    "PATCH (no such endpoint)": lambda w, r: ("patch", f"{V1}/users/{w.n(r)}/", {}),
    "DELETE (no such endpoint)": lambda w, r: ("delete", f"{V1}/articles/{w.article.pk}/x/", None),
}


def _edit(claim: Claim) -> Request:
    return ("patch", f"{V1}/claims/{claim.pk}/", {"version": claim.version, "claimant": "Mayor"})


def _step(claim: Claim, action: str, **extra) -> Request:
    return ("post", f"{V1}/claims/{claim.pk}/transitions/", {"action": action, **extra})


def _cite(w: World, role: str, claim: Claim) -> Request:
    body = {"url": f"https://e.org/{w.n(role)}", "title": "E", "stance": "supports"}
    return ("post", f"{V1}/claims/{claim.pk}/evidence/", body)


def _propose(w: World, claim: Claim) -> Request:
    claim.refresh_from_db(fields=["version"])
    body = {"rating": w.rating.pk, "explanation": "Because.", "expected_version": claim.version}
    return ("post", f"{V1}/claims/{claim.pk}/verdicts/", body)


def _evidence_url(evidence: Evidence) -> str:
    return f"{V1}/claims/{evidence.claim_id}/evidence/{evidence.pk}/"


def _token_url(token: APIToken) -> str:
    return f"{V1}/users/me/tokens/{token.pk}/"


def _read_url(notification: Notification) -> str:
    return f"{V1}/notifications/{notification.pk}/read/"


def _job_url(job: Job) -> str:
    return f"{V1}/jobs/{job.pk}/"


def _comment_url(comment: Comment) -> str:
    return f"{V1}/claims/{comment.claim_id}/comments/{comment.pk}/"


# endpoint: expected status for anonymous, annotator, reviewer, editor
EXPECTED = {
    "GET /": (401, 200, 200, 200),
    "POST /": (401, 405, 405, 405),
    "PUT /": (401, 405, 405, 405),
    "PATCH /": (401, 405, 405, 405),
    "DELETE /": (401, 405, 405, 405),
    # Importing articles needs the annotator or editor role; their metadata, the editor role.
    "GET articles/": (401, 200, 200, 200),
    "POST articles/": (401, 201, 403, 201),
    "PUT articles/": (401, 405, 405, 405),
    "PATCH articles/": (401, 405, 405, 405),
    "DELETE articles/": (401, 405, 405, 405),
    "GET articles/{id}/": (401, 200, 200, 200),
    "POST articles/{id}/": (401, 405, 405, 405),
    "PUT articles/{id}/": (401, 405, 405, 405),
    "PATCH articles/{id}/": (401, 200, 403, 200),
    "DELETE articles/{id}/": (401, 405, 405, 405),
    "GET articles/{id}/split/": (401, 405, 405, 405),
    "POST articles/{id}/split/": (401, 200, 403, 200),
    "PUT articles/{id}/split/": (401, 405, 405, 405),
    "PATCH articles/{id}/split/": (401, 405, 405, 405),
    "DELETE articles/{id}/split/": (401, 405, 405, 405),
    # Anonymous callers see published claims only; creating and editing need the research role,
    # and a claim assigned to someone is theirs (editors may step in).
    "GET claims/": (200, 200, 200, 200),
    "POST claims/": (401, 201, 403, 201),
    "PUT claims/": (401, 405, 405, 405),
    "PATCH claims/": (401, 405, 405, 405),
    "DELETE claims/": (401, 405, 405, 405),
    "GET claims/{id}/ (in research)": (404, 200, 200, 200),
    "GET claims/{id}/ (published)": (200, 200, 200, 200),
    "POST claims/{id}/": (401, 405, 405, 405),
    "PUT claims/{id}/": (401, 405, 405, 405),
    "PATCH claims/{id}/ (assigned to the editor)": (401, 403, 403, 200),
    "PATCH claims/{id}/ (unassigned)": (401, 200, 403, 200),
    "DELETE claims/{id}/": (401, 405, 405, 405),
    # start and dismiss: research_claim; approve: review_claim; publish: publish_claim.
    "GET claims/{id}/transitions/": (401, 405, 405, 405),
    "POST claims/{id}/transitions/ (start)": (401, 200, 403, 200),
    "POST claims/{id}/transitions/ (approve)": (401, 403, 200, 200),
    "POST claims/{id}/transitions/ (publish)": (401, 403, 403, 200),
    "POST claims/{id}/transitions/ (dismiss)": (401, 200, 403, 200),
    "PUT claims/{id}/transitions/": (401, 405, 405, 405),
    "PATCH claims/{id}/transitions/": (401, 405, 405, 405),
    "DELETE claims/{id}/transitions/": (401, 405, 405, 405),
    # A published claim's review history is public (it is in every export).
    "GET claims/{id}/events/ (in research)": (404, 200, 200, 200),
    "GET claims/{id}/events/ (published)": (200, 200, 200, 200),
    "POST claims/{id}/events/": (401, 405, 405, 405),
    "PUT claims/{id}/events/": (401, 405, 405, 405),
    "PATCH claims/{id}/events/": (401, 405, 405, 405),
    "DELETE claims/{id}/events/": (401, 405, 405, 405),
    "GET claims/{id}/similar/ (in research)": (404, 200, 200, 200),
    "GET claims/{id}/similar/ (published)": (200, 200, 200, 200),
    "POST claims/{id}/similar/": (401, 405, 405, 405),
    "PUT claims/{id}/similar/": (401, 405, 405, 405),
    "PATCH claims/{id}/similar/": (401, 405, 405, 405),
    "DELETE claims/{id}/similar/": (401, 405, 405, 405),
    # Evidence and proposals: the research role, on a claim that is not someone else's.
    "GET claims/{id}/evidence/ (in research)": (404, 200, 200, 200),
    "GET claims/{id}/evidence/ (published)": (200, 200, 200, 200),
    "POST claims/{id}/evidence/ (assigned to the editor)": (401, 403, 403, 201),
    "POST claims/{id}/evidence/ (unassigned)": (401, 201, 403, 201),
    "PUT claims/{id}/evidence/": (401, 405, 405, 405),
    "PATCH claims/{id}/evidence/": (401, 405, 405, 405),
    "DELETE claims/{id}/evidence/": (401, 405, 405, 405),
    "GET claims/{id}/evidence/{id}/ (in research)": (404, 200, 200, 200),
    "GET claims/{id}/evidence/{id}/ (published)": (200, 200, 200, 200),
    "POST claims/{id}/evidence/{id}/": (401, 405, 405, 405),
    "PUT claims/{id}/evidence/{id}/": (401, 405, 405, 405),
    "PATCH claims/{id}/evidence/{id}/ (assigned to the editor)": (401, 403, 403, 200),
    "PATCH claims/{id}/evidence/{id}/ (unassigned)": (401, 200, 403, 200),
    "DELETE claims/{id}/evidence/{id}/ (assigned to the editor)": (401, 403, 403, 204),
    "DELETE claims/{id}/evidence/{id}/ (unassigned)": (401, 204, 403, 204),
    # Anonymous callers see final verdicts of published claims; a blind review needs review_claim.
    "GET claims/{id}/verdicts/ (in research)": (404, 200, 200, 200),
    "GET claims/{id}/verdicts/ (published)": (200, 200, 200, 200),
    "POST claims/{id}/verdicts/ (propose, assigned to the editor)": (401, 403, 403, 201),
    "POST claims/{id}/verdicts/ (propose, unassigned)": (401, 201, 403, 201),
    "POST claims/{id}/verdicts/ (blind review)": (401, 403, 201, 201),
    "PUT claims/{id}/verdicts/": (401, 405, 405, 405),
    "PATCH claims/{id}/verdicts/": (401, 405, 405, 405),
    "DELETE claims/{id}/verdicts/": (401, 405, 405, 405),
    # Discussion is for signed-in roles only, even on a published claim; only the author edits;
    # editors hide and unhide, and a hidden comment does not exist for anyone else; comments
    # are never deleted.
    "GET claims/{id}/comments/ (in research)": (401, 200, 200, 200),
    "GET claims/{id}/comments/ (published)": (401, 200, 200, 200),
    "POST claims/{id}/comments/": (401, 201, 201, 201),
    "PUT claims/{id}/comments/": (401, 405, 405, 405),
    "PATCH claims/{id}/comments/": (401, 405, 405, 405),
    "DELETE claims/{id}/comments/": (401, 405, 405, 405),
    "GET claims/{id}/comments/{id}/": (401, 405, 405, 405),
    "POST claims/{id}/comments/{id}/": (401, 405, 405, 405),
    "PUT claims/{id}/comments/{id}/": (401, 405, 405, 405),
    "PATCH claims/{id}/comments/{id}/ (own)": (401, 200, 200, 200),
    "PATCH claims/{id}/comments/{id}/ (someone else's)": (401, 403, 403, 403),
    "DELETE claims/{id}/comments/{id}/": (401, 405, 405, 405),
    "GET claims/{id}/comments/{id}/moderation/": (401, 405, 405, 405),
    "POST claims/{id}/comments/{id}/moderation/ (hide)": (401, 403, 403, 200),
    "POST claims/{id}/comments/{id}/moderation/ (unhide)": (401, 404, 404, 200),
    "PUT claims/{id}/comments/{id}/moderation/": (401, 405, 405, 405),
    "PATCH claims/{id}/comments/{id}/moderation/": (401, 405, 405, 405),
    "DELETE claims/{id}/comments/{id}/moderation/": (401, 405, 405, 405),
    # Sources are not public; adding one needs the annotator or editor role.
    "GET sources/": (401, 200, 200, 200),
    "POST sources/": (401, 201, 403, 201),
    "PUT sources/": (401, 405, 405, 405),
    "PATCH sources/": (401, 405, 405, 405),
    "DELETE sources/": (401, 405, 405, 405),
    "GET sources/{id}/": (401, 200, 200, 200),
    "POST sources/{id}/": (401, 405, 405, 405),
    "PUT sources/{id}/": (401, 405, 405, 405),
    "PATCH sources/{id}/": (401, 405, 405, 405),
    "DELETE sources/{id}/": (401, 405, 405, 405),
    # Rating scales are public and read-only here (editors manage them in the admin).
    "GET rating-scales/": (200, 200, 200, 200),
    "POST rating-scales/": (401, 405, 405, 405),
    "PUT rating-scales/": (401, 405, 405, 405),
    "PATCH rating-scales/": (401, 405, 405, 405),
    "DELETE rating-scales/": (401, 405, 405, 405),
    "GET rating-scales/{id}/": (200, 200, 200, 200),
    "POST rating-scales/{id}/": (401, 405, 405, 405),
    "PUT rating-scales/{id}/": (401, 405, 405, 405),
    "PATCH rating-scales/{id}/": (401, 405, 405, 405),
    "DELETE rating-scales/{id}/": (401, 405, 405, 405),
    "GET users/me/": (401, 200, 200, 200),
    "POST users/me/": (401, 405, 405, 405),
    "PUT users/me/": (401, 405, 405, 405),
    "PATCH users/me/": (401, 405, 405, 405),
    "DELETE users/me/": (401, 405, 405, 405),
    # Everyone signed in manages their own API tokens; another person's do not exist for them.
    "GET users/me/tokens/": (401, 200, 200, 200),
    "POST users/me/tokens/": (401, 201, 201, 201),
    "PUT users/me/tokens/": (401, 405, 405, 405),
    "PATCH users/me/tokens/": (401, 405, 405, 405),
    "DELETE users/me/tokens/": (401, 405, 405, 405),
    "GET users/me/tokens/{id}/ (own)": (401, 200, 200, 200),
    "GET users/me/tokens/{id}/ (someone else's)": (401, 404, 404, 404),
    "POST users/me/tokens/{id}/": (401, 405, 405, 405),
    "PUT users/me/tokens/{id}/": (401, 405, 405, 405),
    "PATCH users/me/tokens/{id}/": (401, 405, 405, 405),
    "DELETE users/me/tokens/{id}/ (own)": (401, 204, 204, 204),
    "DELETE users/me/tokens/{id}/ (someone else's)": (401, 404, 404, 404),
    # Only desk members look up desk members to mention (every role here is one).
    "GET tags/": (401, 200, 200, 200),
    "POST tags/": (401, 405, 405, 405),
    "PUT tags/": (401, 405, 405, 405),
    "PATCH tags/": (401, 405, 405, 405),
    "DELETE tags/": (401, 405, 405, 405),
    "GET users/": (401, 200, 200, 200),
    "POST users/": (401, 405, 405, 405),
    "PUT users/": (401, 405, 405, 405),
    "PATCH users/": (401, 405, 405, 405),
    "DELETE users/": (401, 405, 405, 405),
    # Everyone signed in reads their own notifications; another person's do not exist for them.
    "GET notifications/": (401, 200, 200, 200),
    "POST notifications/": (401, 405, 405, 405),
    "PUT notifications/": (401, 405, 405, 405),
    "PATCH notifications/": (401, 405, 405, 405),
    "DELETE notifications/": (401, 405, 405, 405),
    "GET notifications/read-all/": (401, 405, 405, 405),
    "POST notifications/read-all/": (401, 200, 200, 200),
    "PUT notifications/read-all/": (401, 405, 405, 405),
    "PATCH notifications/read-all/": (401, 405, 405, 405),
    "DELETE notifications/read-all/": (401, 405, 405, 405),
    "GET notifications/{id}/read/": (401, 405, 405, 405),
    "PUT notifications/{id}/read/": (401, 405, 405, 405),
    "PATCH notifications/{id}/read/": (401, 405, 405, 405),
    "DELETE notifications/{id}/read/": (401, 405, 405, 405),
    "POST notifications/{id}/read/ (own)": (401, 200, 200, 200),
    "POST notifications/{id}/read/ (someone else's)": (401, 404, 404, 404),
    # A job is its owner's; staff (the editor here) see every one; others are told nothing.
    "GET jobs/{id}/ (own)": (401, 200, 200, 200),
    "GET jobs/{id}/ (someone else's)": (401, 404, 404, 200),
    "POST jobs/{id}/": (401, 405, 405, 405),
    "PUT jobs/{id}/": (401, 405, 405, 405),
    "PATCH jobs/{id}/": (401, 405, 405, 405),
    "DELETE jobs/{id}/": (401, 405, 405, 405),
    # Exports and the API's documentation are open to everyone.
    "GET exports/claims/": (200, 200, 200, 200),
    "POST exports/claims/": (405, 405, 405, 405),
    "PUT exports/claims/": (405, 405, 405, 405),
    "PATCH exports/claims/": (405, 405, 405, 405),
    "DELETE exports/claims/": (405, 405, 405, 405),
    "GET schema/": (200, 200, 200, 200),
    "POST schema/": (405, 405, 405, 405),
    "PUT schema/": (405, 405, 405, 405),
    "PATCH schema/": (405, 405, 405, 405),
    "DELETE schema/": (405, 405, 405, 405),
    "GET docs/": (200, 200, 200, 200),
    "POST docs/": (405, 405, 405, 405),
    "PUT docs/": (405, 405, 405, 405),
    "PATCH docs/": (405, 405, 405, 405),
    "DELETE docs/": (405, 405, 405, 405),
    "GET (no such endpoint)": (404, 404, 404, 404),
    "POST (no such endpoint)": (404, 404, 404, 404),
    "PUT (no such endpoint)": (404, 404, 404, 404),
    "PATCH (no such endpoint)": (404, 404, 404, 404),
    "DELETE (no such endpoint)": (404, 404, 404, 404),
}


def _send(world: World, endpoint: str, role: str):
    api = APIClient()
    if world.users[role] is not None:
        api.force_authenticate(world.users[role])
    method, url, body = REQUESTS[endpoint](world, role)
    return getattr(api, method)(url, body, format="json")


def test_requests_and_expectations_name_the_same_rows():
    assert list(REQUESTS) == list(EXPECTED)


@pytest.mark.parametrize("endpoint", list(EXPECTED))
def test_role_matrix(world, endpoint):
    responses = {role: _send(world, endpoint, role) for role in ROLES}
    bodies = {role: _body(response) for role, response in responses.items()}
    codes = tuple(response.status_code for response in responses.values())
    assert codes == EXPECTED[endpoint], {role: body[:200] for role, body in bodies.items()}
    # The schema and its HTML documentation answer in their own formats; the API in JSON.
    _, url, _ = REQUESTS[endpoint](world, "anonymous")
    own_format = resolve(urlsplit(url).path).url_name in ("schema", "docs")
    for role, response in responses.items():
        if response.status_code >= 400 and not own_format:
            assert response["Content-Type"].startswith("application/json"), (role, endpoint)
            assert set(response.json()) >= {"message", "code"}, (role, bodies[role])


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


# Completeness: the matrix must name every route and method the API has.


def _api_patterns() -> list[URLPattern]:
    """Return the URL patterns mounted under the `api` namespace, without format suffixes."""
    found = []

    def walk(patterns, inside: bool) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, inside or pattern.namespace == "api")
            elif inside and "format" not in pattern.pattern.regex.groupindex:
                found.append(pattern)

    walk(get_resolver().url_patterns, False)
    return found


def _offered(view) -> set[str]:
    """Return the methods (of METHODS) that a resolved view has a handler for."""
    if hasattr(view, "actions"):  # a viewset route: the router says which methods it maps
        return set(view.actions) & set(METHODS)
    cls = getattr(view, "cls", None)
    if cls is None:  # a plain Django view: the API's "no such endpoint" answer
        return set()
    return {m for m in METHODS if m in cls.http_method_names and hasattr(cls, m)}


@pytest.fixture
def rows(world):
    """Return {endpoint: (route name, method, view)} for every row, as one role sends it."""
    found = {}
    for endpoint, request in REQUESTS.items():
        method, url, _ = request(world, "editor")
        match = resolve(urlsplit(url).path)
        assert match.namespace == "api", (endpoint, url)
        found[endpoint] = (match.url_name, method, match.func)
    return found


def test_every_route_and_method_has_a_row(rows):
    names = {pattern.name for pattern in _api_patterns()}
    assert {"article-list", "claim-evidence-detail", "claim-comment-moderation"} <= names
    covered = {(name, method) for name, method, _ in rows.values()}
    missing = sorted(
        (name, method) for name in names for method in METHODS if (name, method) not in covered
    )
    assert not missing, f"routes and methods without a row in EXPECTED: {missing}"


def test_rows_expect_405_exactly_for_the_methods_an_endpoint_lacks(rows):
    for endpoint, (name, method, view) in rows.items():
        anonymous, *signed_in = EXPECTED[endpoint]
        if method in _offered(view):
            assert 405 not in EXPECTED[endpoint], endpoint
        elif name == "not-found":
            assert EXPECTED[endpoint] == (404, 404, 404, 404), endpoint
        else:
            # Whatever the role: no role may use a method that is not there.
            assert signed_in == [405, 405, 405], endpoint
            assert anonymous in (401, 405), endpoint


def test_every_documented_operation_works_for_some_role(rows):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = set()
    for path, item in schema["paths"].items():
        concrete = path.replace("{claim_id}", "1").replace("{id}", "1")
        match = resolve(concrete)
        offered = _offered(match.func)
        documented = {method for method in item if method in METHODS}
        # The schema and the views agree on the methods, so 405 rows are right to exist.
        assert documented == offered, path
        operations |= {(match.url_name, method) for method in documented}
    assert len(operations) >= 25
    for name, method in operations:
        codes = [
            EXPECTED[endpoint]
            for endpoint, (row_name, row_method, _) in rows.items()
            if (row_name, row_method) == (name, method)
        ]
        assert codes, f"{method.upper()} {name} is in the schema but not in the matrix"
        assert any(200 <= code < 300 for row in codes for code in row), (name, method)


# The two rules the matrix pinned down where the API had strayed from the documented ones.


def _as(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_a_claim_assigned_to_someone_is_theirs_to_edit(world):
    # As on the claim page: only the assignee, or an editor, edits an assigned claim.
    claim = claim_transition(
        claim=world.own("annotator", "candidate"), actor=world.users["annotator"], action="start"
    )
    url = f"{V1}/claims/{claim.pk}/"
    body = {"version": claim.version, "claimant": "Mayor"}

    refused = _as(world.arthur).patch(url, body, format="json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "permission_denied"
    assert refused.json()["message"].startswith("Assignment rule: claim")
    assert "assigned to annie" in refused.json()["message"]
    claim.refresh_from_db()
    assert (claim.claimant, claim.version) == ("", body["version"])

    assert _as(world.users["annotator"]).patch(url, body, format="json").status_code == 200
    body = {"version": body["version"] + 1, "claimant": "Mayor Dana Ortiz"}
    assert _as(world.users["editor"]).patch(url, body, format="json").status_code == 200
    claim.refresh_from_db()
    assert (claim.claimant, claim.version) == ("Mayor Dana Ortiz", body["version"] + 1)


def test_a_method_no_role_may_use_answers_405_not_403(world):
    url = f"{V1}/articles/{world.article.pk}/"
    for user in (world.users["reviewer"], world.users["annotator"], world.users["editor"]):
        for method in ("put", "delete", "post"):
            response = getattr(_as(user), method)(url, {"title": "T"}, format="json")
            assert response.status_code == 405, (user.username, method, response.content)
            assert response.json()["code"] == "method_not_allowed"
            assert {m.strip() for m in response["Allow"].split(",")} >= {"GET", "PATCH"}
    # A method the endpoint has is still refused to a role that may not use it.
    refused = _as(world.users["reviewer"]).patch(url, {"title": "T"}, format="json")
    assert refused.status_code == 403
    assert "annotations.change_article" in refused.json()["message"]
    world.article.refresh_from_db()
    assert world.article.title == "Transit report"
