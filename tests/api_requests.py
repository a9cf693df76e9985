"""What the permission matrix sends: one row per endpoint, (world, role) -> (method, url, body)."""

from collections.abc import Callable
from typing import Any

from annotations.models import APIToken, Claim, Comment, Evidence, Job, Notification
from tests.api_world import METHODS, World

Request = tuple[str, str, dict | None]

V1 = "/api/v1"


def _each_method(
    endpoint: str,
    url: Callable[["World", str], str],
    methods: tuple[str, ...] = METHODS,
    *,
    edit: dict | None = None,
    **bodies: dict,
) -> dict[str, Callable[["World", str], Request]]:
    """Return one row per method sending to the endpoint's URL: no body for GET and DELETE, else
    the method's entry in `bodies` (`edit` is both PUT's and PATCH's) or an empty one."""
    if edit is not None:
        bodies = {"put": edit, "patch": edit, **bodies}
    return {
        f"{method.upper()} {endpoint}": lambda w, r, method=method: (
            method,
            url(w, r),
            None if method in ("get", "delete") else dict(bodies.get(method, {})),
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


def _own_and_others(kind: str) -> dict[str, str]:
    """Return the cases of an object that is the role's own and one that is someone else's."""
    return {"own": kind, "someone else's": f"others_{kind}"}


def _each_own(
    method: str,
    endpoint: str,
    url: Callable[[Any], str],
    kinds: dict[str, str],
    *,
    body: dict | None = None,
) -> dict[str, Callable[["World", str], Request]]:
    """Return one row per case, sending to the URL of the role's own object of the case's kind."""
    return {
        f"{method.upper()} {endpoint} ({case})": lambda w, r, kind=kind: (
            method,
            url(w.own(r, kind)),
            None if body is None else dict(body),
        )
        for case, kind in kinds.items()
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
    # Splitting takes no body.
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
        edit={"action": "start"},
    ),
    **_read_in_research_and_published("claims/{id}/events/", "events/"),
    **_each_method(
        "claims/{id}/events/",
        lambda w, r: f"{V1}/claims/{w.claim.pk}/events/",
        ("post", "put", "patch", "delete"),
        post={"action": "start"},
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
    **_each_own(
        "delete",
        "claims/{id}/evidence/{id}/",
        _evidence_url,
        {"assigned to the editor": "assigned_evidence", "unassigned": "evidence"},
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
    **_each_method(
        "claims/{id}/comments/",
        lambda w, r: f"{V1}/claims/{w.claim.pk}/comments/",
        ("post", "put", "patch", "delete"),
        post={"text": "Looks right."},
    ),
    **_each_method(
        "claims/{id}/comments/{id}/",
        lambda w, r: _comment_url(w.comment),
        ("get", "post", "put"),
        post={"text": "Again."},
        put={"text": "Again."},
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
        edit={"hidden": True},
    ),
    # Sources
    "GET sources/": lambda w, r: ("get", f"{V1}/sources/", None),
    "POST sources/": lambda w, r: ("post", f"{V1}/sources/", {"title": f"Source {w.n(r)}"}),
    **_each_method("sources/", lambda w, r: f"{V1}/sources/", ("put", "patch", "delete")),
    **_each_method(
        "sources/{id}/",
        lambda w, r: f"{V1}/sources/{w.source.pk}/",
        edit={"title": "S"},
    ),
    # Rating scales
    **_each_method(
        "rating-scales/",
        lambda w, r: f"{V1}/rating-scales/",
        post={"name": "Scale"},
    ),
    **_each_method(
        "rating-scales/{id}/",
        lambda w, r: f"{V1}/rating-scales/{w.scale.pk}/",
        edit={"name": "Renamed"},
    ),
    # The signed-in user
    **_each_method(
        "users/me/",
        lambda w, r: f"{V1}/users/me/",
        edit={"username": "me"},
    ),
    # The signed-in user's API tokens
    "GET users/me/tokens/": lambda w, r: ("get", f"{V1}/users/me/tokens/", None),
    "POST users/me/tokens/": lambda w, r: ("post", f"{V1}/users/me/tokens/", {"name": r}),
    "PUT users/me/tokens/": lambda w, r: ("put", f"{V1}/users/me/tokens/", {"name": r}),
    "PATCH users/me/tokens/": lambda w, r: ("patch", f"{V1}/users/me/tokens/", {"name": r}),
    "DELETE users/me/tokens/": lambda w, r: ("delete", f"{V1}/users/me/tokens/", None),
    **_each_own("get", "users/me/tokens/{id}/", _token_url, _own_and_others("token")),
    **_each_method(
        "users/me/tokens/{id}/",
        lambda w, r: _token_url(w.own(r, "token")),
        ("post", "put", "patch"),
    ),
    **_each_own("delete", "users/me/tokens/{id}/", _token_url, _own_and_others("token")),
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
    **_each_own(
        "post", "notifications/{id}/read/", _read_url, _own_and_others("notification"), body={}
    ),
    # Background jobs: their owner's, or any for staff
    **_each_own("get", "jobs/{id}/", _job_url, _own_and_others("job")),
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
