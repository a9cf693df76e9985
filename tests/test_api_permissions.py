"""Every endpoint for every role: the status code the role gets."""

import pytest
from rest_framework.test import APIClient

from annotations.models import Rating
from annotations.services import claim_create, claim_transition
from tests.helpers import make_article

ROLES = ("anonymous", "annotator", "reviewer", "editor")


@pytest.fixture
def world(db, annotator, reviewer, editor):
    article = make_article()
    claim = claim_create(article=article, actor=annotator, quote="120 drivers")
    claim_transition(claim=claim, actor=editor, action="start")
    return {
        "users": {
            "anonymous": None,
            "annotator": annotator,
            "reviewer": reviewer,
            "editor": editor,
        },
        "article": article,
        "claim": claim,
        "rating": Rating.objects.get(scale__is_default=True, slug="true"),
    }


def _requests(world, n: int):
    """Return (method, url, body) for each endpoint; n keeps created rows distinct per role."""
    a, c, r = world["article"].pk, world["claim"].pk, world["rating"].pk
    return {
        "list articles": ("get", "/api/v1/articles/", None),
        "import article": ("post", "/api/v1/articles/", {"text": f"Rates rose {n}%."}),
        "edit article": ("patch", f"/api/v1/articles/{a}/", {"title": f"T{n}"}),
        "split article": ("post", f"/api/v1/articles/{a}/split/", None),
        "list claims": ("get", "/api/v1/claims/", None),
        "create claim": (
            "post",
            "/api/v1/claims/",
            {"article": a, "quote": ["ridership", "rose", "fares", "fell"][n]},
        ),
        "list sources": ("get", "/api/v1/sources/", None),
        "add source": ("post", "/api/v1/sources/", {"title": f"Source {n}"}),
        "add evidence": (
            "post",
            f"/api/v1/claims/{c}/evidence/",
            {"url": f"https://e.org/{n}", "title": "E", "stance": "supports"},
        ),
        "propose verdict": (
            "post",
            f"/api/v1/claims/{c}/verdicts/",
            {"rating": r, "explanation": "Because."},
        ),
        "comment": ("post", f"/api/v1/claims/{c}/comments/", {"text": "Looks right."}),
        "rating scales": ("get", "/api/v1/rating-scales/", None),
        "me": ("get", "/api/v1/users/me/", None),
        "export": ("get", "/api/v1/exports/claims/?format=jsonl", None),
    }


# endpoint: expected status for anonymous, annotator, reviewer, editor
EXPECTED = {
    "list articles": (401, 200, 200, 200),
    "import article": (401, 201, 403, 201),
    "edit article": (401, 403, 403, 200),
    "split article": (401, 200, 403, 200),
    "list claims": (200, 200, 200, 200),
    "create claim": (401, 201, 403, 201),
    "list sources": (401, 200, 200, 200),
    "add source": (401, 201, 403, 201),
    # The claim is the editor's research: annotators may not add to it unless it is theirs.
    "add evidence": (401, 403, 403, 201),
    "propose verdict": (401, 403, 403, 201),
    "comment": (401, 201, 201, 201),
    "rating scales": (200, 200, 200, 200),
    "me": (401, 200, 200, 200),
    "export": (200, 200, 200, 200),
}


@pytest.mark.parametrize("endpoint", list(EXPECTED))
def test_role_matrix(world, endpoint):
    for n, role in enumerate(ROLES):
        api = APIClient()
        if world["users"][role] is not None:
            api.force_authenticate(world["users"][role])
        method, url, body = _requests(world, n)[endpoint]
        response = getattr(api, method)(url, body, format="json")
        expected = EXPECTED[endpoint][ROLES.index(role)]
        assert response.status_code == expected, (endpoint, role, response.content[:300])
        if expected >= 400:
            assert set(response.json()) >= {"message", "code"}
