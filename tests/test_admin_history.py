"""The admin's history pages: read-only, and no window onto what the change lists hide."""

import pytest

from annotations.models import Claim, ClaimStatus, Comment, Evidence, Rating, ReviewEvent, Verdict
from annotations.services import comment_add, verdict_review
from tests.admin_desk import QUOTES, claim_in, desk_people
from tests.helpers import make_article

S = ClaimStatus
ADMIN = "/admin/annotations"


@pytest.fixture
def desk(annotator, reviewer, editor):
    return desk_people(annotator, reviewer, editor)


@pytest.fixture
def published(desk) -> Claim:
    return claim_in(S.PUBLISHED, desk, article=make_article(), quote=QUOTES[0])


def _snapshot(claim: Claim) -> dict:
    """Everything the record holds about a claim, to compare before and after an attempt."""
    return {
        "claim": list(Claim.objects.filter(pk=claim.pk).values()),
        "verdicts": list(Verdict.objects.filter(claim=claim).values()),
        "evidence": list(Evidence.objects.filter(claim=claim).values()),
        "comments": list(Comment.objects.filter(claim=claim).values()),
        "events": ReviewEvent.objects.filter(claim=claim).count(),
        "history": (
            Verdict.history.filter(claim_id=claim.pk).count(),
            Evidence.history.filter(claim_id=claim.pk).count(),
            Comment.history.filter(claim_id=claim.pk).count(),
            claim.history.count(),
        ),
    }


def test_posting_to_a_verdict_version_changes_nothing(client, desk, published):
    verdict = Verdict.objects.get(claim=published, is_final=True)
    record = verdict.history.order_by("-history_id").first()
    other = Rating.objects.get(scale=verdict.rating.scale, slug="true")
    before = _snapshot(published)
    client.force_login(desk["editor"])

    response = client.post(
        f"{ADMIN}/verdict/{verdict.pk}/history/{record.history_id}/",
        {
            "claim": published.pk,
            "rating": other.pk,
            "role": verdict.role,
            "explanation": "Rewritten after publication.",
            "author": verdict.author_id,
            "is_final": "on",
            "_change_history": "1",
        },
    )

    assert response.status_code == 403
    assert _snapshot(published) == before
    assert client.get(f"/factchecks/{published.pk}/").content.decode().count("Rewritten") == 0


@pytest.mark.parametrize("model", ["evidence", "comment", "claim"])
def test_posting_to_any_version_changes_nothing(client, desk, published, model):
    comment = comment_add(claim=published, actor=desk["annotator"], text="Checked twice.")
    target = {
        "evidence": Evidence.objects.filter(claim=published).first(),
        "comment": comment,
        "claim": published,
    }[model]
    record = target.history.order_by("-history_id").first()
    before = _snapshot(published)
    client.force_login(desk["editor"])

    response = client.post(
        f"{ADMIN}/{model}/{target.pk}/history/{record.history_id}/",
        {"excerpt": "Forged.", "text": "Forged.", "claim_text": "Forged.", "seen_version": 99},
    )

    assert response.status_code == 403
    assert _snapshot(published) == before


def test_a_version_page_offers_nothing_to_edit_or_revert(client, desk, published):
    verdict = Verdict.objects.get(claim=published, is_final=True)
    record = verdict.history.order_by("-history_id").first()
    client.force_login(desk["editor"])

    page = client.get(f"{ADMIN}/verdict/{verdict.pk}/history/{record.history_id}/")

    assert page.status_code == 200
    html = page.content.decode()
    assert verdict.explanation in html
    assert 'name="explanation"' not in html and 'name="rating"' not in html
    assert "Revert" not in html and 'name="_change_history"' not in html


def test_a_sealed_blind_review_has_no_history_page_for_others(
    client, desk, default_scale, other_reviewer
):
    default_scale.blind_review = True
    default_scale.save()
    claim = claim_in(S.IN_REVIEW, desk, article=make_article(), quote=QUOTES[1])
    review = verdict_review(
        claim=claim,
        actor=desk["reviewer"],
        rating=Rating.objects.get(scale=default_scale, slug="false"),
        explanation="Sealed until both are in.",
    )
    record = review.history.order_by("-history_id").first()
    listing = f"{ADMIN}/verdict/{review.pk}/history/"
    version = f"{listing}{record.history_id}/"

    client.force_login(desk["editor"])
    assert client.get(listing).status_code == 404
    assert client.get(version).status_code == 404

    client.force_login(desk["reviewer"])
    assert client.get(listing).status_code == 200
    assert "Sealed until both are in." in client.get(version).content.decode()


def test_a_version_of_another_object_is_not_found(client, desk, published):
    verdict = Verdict.objects.get(claim=published, is_final=True)
    other = claim_in(S.IN_REVIEW, desk, article=published.article, quote=QUOTES[2])
    record = Verdict.history.filter(claim_id=other.pk).first()
    client.force_login(desk["editor"])

    response = client.get(f"{ADMIN}/verdict/{verdict.pk}/history/{record.history_id}/")

    assert response.status_code == 404


@pytest.mark.parametrize("model", ["claim", "evidence", "comment"])
def test_every_history_page_shows_its_versions(client, desk, published, model):
    comment = comment_add(claim=published, actor=desk["annotator"], text="Checked twice.")
    target = {
        "claim": published,
        "evidence": Evidence.objects.filter(claim=published).first(),
        "comment": comment,
    }[model]
    record = target.history.order_by("-history_id").first()
    client.force_login(desk["editor"])

    listing = client.get(f"{ADMIN}/{model}/{target.pk}/history/")
    version = client.get(f"{ADMIN}/{model}/{target.pk}/history/{record.history_id}/")

    assert listing.status_code == 200 and version.status_code == 200
    assert "<textarea" not in version.content.decode()
