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

REQUESTS (tests/api_requests.py) says what each row sends, to objects built by
tests/api_world.py, and EXPECTED what each role gets; a new endpoint or method is one row in
each. `test_every_route_and_method_has_a_row` fails when a route is added without.
"""

from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from annotations.services import claim_transition
from tests.api_requests import REQUESTS, V1
from tests.api_world import METHODS, ROLES, World


@pytest.fixture
def world(db, annotator, reviewer, editor, other_annotator, other_reviewer, settings):
    users = {"anonymous": None, "annotator": annotator, "reviewer": reviewer, "editor": editor}
    return World(
        users=users,
        other_annotator=other_annotator,
        other_reviewer=other_reviewer,
        settings=settings,
    )


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
