"""Many people write to one claim at the same moment over HTTP: one wins, the rest get 409.

Each request runs in its own thread on its own database connection, as under gunicorn. On
SQLite this proves the IMMEDIATE transactions and the busy timeout (no "database is locked"
500s); on PostgreSQL, the row locks.
"""

from collections import Counter
from collections.abc import Callable

import pytest
from django.test import Client
from rest_framework.test import APIClient

from annotations.models import Claim, Rating, Verdict, VerdictRole
from annotations.services import claim_create
from tests.helpers import at_once, make_article

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WRITERS = 20


def all_at_once(requests: list[Callable[[], int]]) -> Counter:
    """Send the requests from threads released together; count the status codes."""
    # A crash is a result to report, not to hide.
    return Counter(
        value if kind == "ok" else f"{type(value).__name__}: {value}"
        for kind, value in at_once(*requests)
    )


def writes(user, path: str, bodies: list[dict], *, method: str = "post", api: bool = True):
    """Return one request per body, each from its own client signed in as `user`."""

    def request(body: dict) -> Callable[[], int]:
        def send() -> int:
            if api:
                client = APIClient()
                client.force_authenticate(user)
                return getattr(client, method)(path, body, format="json").status_code
            client = Client()
            client.force_login(user)
            return getattr(client, method)(path, body).status_code

        return send

    return [request(body) for body in bodies]


@pytest.fixture
def claim(annotator) -> Claim:
    return claim_create(article=make_article(), actor=annotator, quote="ridership rose 12% in 2025")


def test_twenty_edits_of_one_version_give_one_200_and_409s(claim, annotator):
    bodies = [{"version": claim.version, "claimant": f"Writer {n}"} for n in range(WRITERS)]
    codes = all_at_once(writes(annotator, f"/api/v1/claims/{claim.pk}/", bodies, method="patch"))

    assert codes == Counter({200: 1, 409: WRITERS - 1}), codes
    saved = Claim.objects.get(pk=claim.pk)
    assert saved.version == claim.version + 1
    assert saved.claimant.startswith("Writer ")


def test_concurrent_proposals_over_the_api_keep_the_first(claim, annotator, default_scale):
    ratings = list(Rating.objects.filter(scale=default_scale, retired=False)[:WRITERS])

    bodies = [
        {
            "rating": ratings[n % len(ratings)].pk,
            "explanation": f"Proposal {n}.",
            "expected_version": claim.version,
        }
        for n in range(WRITERS)
    ]
    codes = all_at_once(writes(annotator, f"/api/v1/claims/{claim.pk}/verdicts/", bodies))

    assert codes == Counter({201: 1, 409: WRITERS - 1}), codes
    proposals = Verdict.objects.filter(claim=claim, role=VerdictRole.PROPOSAL)
    assert proposals.count() == 1
    assert Claim.objects.get(pk=claim.pk).version == claim.version + 1
    # The one that answered 201 is the one on record: nothing saved over it.
    assert proposals.get().history.count() == 1


def test_concurrent_proposals_from_the_page_give_one_redirect_and_409s(
    claim, annotator, default_scale
):
    rating = Rating.objects.get(scale=default_scale, slug="false")

    bodies = [
        {
            "rating": rating.pk,
            "explanation": f"Proposal {n}.",
            "role": "proposal",
            "version": claim.version,
        }
        for n in range(8)
    ]
    codes = all_at_once(writes(annotator, f"/claims/{claim.pk}/verdict/", bodies, api=False))

    assert codes == Counter({302: 1, 409: 7}), codes
    assert Verdict.objects.filter(claim=claim, role=VerdictRole.PROPOSAL).count() == 1
