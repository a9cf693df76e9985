"""Two people propose a verdict from the same page state: the second is refused, not saved over."""

import pytest
from rest_framework.test import APIClient

from annotations.errors import ConflictError
from annotations.models import Claim, ClaimStatus, Rating, Verdict, VerdictRole
from annotations.services import claim_create, claim_update, verdict_propose
from tests.helpers import make_article

QUOTE = "ridership rose 12% in 2025"


@pytest.fixture
def claim(annotator) -> Claim:
    # A candidate nobody has taken yet: any annotator may research it.
    return claim_create(article=make_article(), actor=annotator, quote=QUOTE)


@pytest.fixture
def ratings(default_scale) -> dict[str, Rating]:
    return {rating.slug: rating for rating in default_scale.ratings.all()}


def _propose_false(claim: Claim, actor, ratings: dict[str, Rating], seen: int) -> Verdict:
    """Propose "false" for the claim as the version `seen` showed it."""
    return verdict_propose(
        claim=claim,
        actor=actor,
        rating=ratings["false"],
        explanation="The report says 9%.",
        expected_version=seen,
    )


def _proposals(claim: Claim) -> list[tuple]:
    return list(
        Verdict.objects.filter(claim=claim, role=VerdictRole.PROPOSAL).values_list(
            "rating__slug", "explanation", "author__username"
        )
    )


def test_a_proposal_bumps_the_claim_version(claim, annotator, ratings):
    seen = claim.version

    _propose_false(claim, annotator, ratings, seen)

    assert Claim.objects.get(pk=claim.pk).version == seen + 1


def test_a_proposal_on_a_stale_version_is_refused_naming_who_and_what(
    claim, annotator, other_annotator, ratings
):
    seen = claim.version
    _propose_false(claim, annotator, ratings, seen)
    before = (_proposals(claim), Claim.objects.get(pk=claim.pk).version)

    with pytest.raises(ConflictError) as caught:
        verdict_propose(
            claim=Claim.objects.get(pk=claim.pk),
            actor=other_annotator,
            rating=ratings["true"],
            explanation="Looks right to me.",
            expected_version=seen,
        )

    message = caught.value.message
    assert "annie" in message and "proposed the verdict “False”" in message
    assert f"you saw version {seen}" in message
    assert caught.value.changed_by == "annie"
    assert (_proposals(claim), Claim.objects.get(pk=claim.pk).version) == before


def test_a_claim_edit_in_between_is_named_as_an_edit(claim, annotator, other_annotator, ratings):
    seen = claim.version
    claim_update(claim=claim, actor=other_annotator, expected_version=seen, claimant="Mayor")

    with pytest.raises(ConflictError, match="arthur meanwhile: edited the claim"):
        _propose_false(claim, annotator, ratings, seen)
    assert _proposals(claim) == []


def test_the_same_person_in_another_window_is_told_so(claim, annotator, ratings):
    seen = claim.version
    propose = dict(claim=claim, actor=annotator, rating=ratings["false"], explanation="9%.")
    verdict_propose(**propose, expected_version=seen)

    with pytest.raises(ConflictError, match="changed by you, in another window"):
        verdict_propose(**propose, expected_version=seen)


# The API.


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_refuses_a_stale_proposal_with_409(claim, annotator, other_annotator, ratings):
    url = f"/api/v1/claims/{claim.pk}/verdicts/"
    seen = claim.version
    first = _api(annotator).post(
        url,
        {"rating": ratings["false"].pk, "explanation": "9%.", "expected_version": seen},
        format="json",
    )
    assert first.status_code == 201
    before = _proposals(claim)

    second = _api(other_annotator).post(
        url,
        {"rating": ratings["true"].pk, "explanation": "Right.", "expected_version": seen},
        format="json",
    )

    assert second.status_code == 409
    body = second.json()
    assert body["code"] == "conflict"
    assert body["changed_by"] == "annie"
    assert body["current_version"] == seen + 1
    assert "proposed the verdict “False”" in body["message"]
    assert _proposals(claim) == before


def test_api_asks_for_the_version_seen(claim, annotator, ratings):
    response = _api(annotator).post(
        f"/api/v1/claims/{claim.pk}/verdicts/",
        {"rating": ratings["false"].pk, "explanation": "9%."},
        format="json",
    )

    assert response.status_code == 400
    assert "expected_version" in response.json()["fields"]
    assert _proposals(claim) == []


# The page.


def _post_proposal(client, claim: Claim, rating: Rating, explanation: str, version: int):
    """Propose a verdict through the claim page's form, as the page at `version` would."""
    return client.post(
        f"/claims/{claim.pk}/verdict/",
        {"rating": rating.pk, "explanation": explanation, "role": "proposal", "version": version},
    )


def test_page_refuses_a_stale_proposal_and_keeps_what_was_typed(
    client, claim, annotator, other_annotator, ratings
):
    seen = claim.version
    _propose_false(claim, annotator, ratings, seen)
    before = _proposals(claim)
    client.force_login(other_annotator)

    response = _post_proposal(
        client, claim, ratings["true"], "A distinctive explanation typed by hand.", seen
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert 'id="verdict-conflict"' in page
    assert "annie" in page and "Verdict saved" not in page
    assert "A distinctive explanation typed by hand." in page
    assert _proposals(claim) == before


def test_page_saves_a_proposal_on_the_current_version(client, claim, annotator, ratings):
    client.force_login(annotator)

    response = _post_proposal(client, claim, ratings["false"], "9%.", claim.version)

    assert response.status_code == 302
    assert _proposals(claim) == [("false", "9%.", "annie")]


def test_the_claim_page_sends_the_version_with_a_proposal(client, claim, annotator):
    client.force_login(annotator)
    page = client.get(f"/claims/{claim.pk}/").content.decode()

    assert f'name="version" value="{claim.version}"' in page
    assert claim.status == ClaimStatus.CANDIDATE
