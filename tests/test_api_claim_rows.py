"""The claims list, written from plain rows, reads exactly as the claim serializer writes it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory, force_authenticate

from annotations.api.serializers import ClaimSerializer
from annotations.api.views.common import claim_queryset
from annotations.models import Claim
from annotations.services import claim_assign, claim_create, claim_update, public_profile_set
from tests.helpers import api_as, propose, publish, research


@pytest.fixture
def varied_claims(article, annotator, other_annotator, reviewer, editor) -> list[Claim]:
    """Claims with and without tags, people, dates, scores and a final verdict."""
    bare = claim_create(article=article, actor=annotator, quote="120 drivers")
    tagged = claim_create(article=article, actor=annotator, quote="fares", claimant="Mayor")
    tagged = claim_update(
        claim=tagged,
        actor=annotator,
        expected_version=tagged.version,
        tags=["transit", "budget", "Élections"],
        claim_date="2025-03-04",
    )
    claim_assign(claim=bare, actor=editor, assignee=other_annotator)
    Claim.objects.filter(pk=bare.pk).update(checkworthiness=0.8125, reasons=[{"cue": "number"}])
    published = publish(
        claim_create(article=article, actor=annotator, quote="ridership rose 12% in 2025"),
        annotator=annotator,
        reviewer=reviewer,
        editor=editor,
    )
    # The researcher chose to be named in public: anonymous readers see that name.
    public_profile_set(
        user=annotator, actor=annotator, public_name="Ana Researcher", show_name_publicly=True
    )
    return [bare, tagged, published]


def _serializer_items(user) -> list[dict]:
    """Return the claims as `ClaimSerializer` writes them for `user`, newest change first."""
    request = APIRequestFactory().get("/api/v1/claims/")
    force_authenticate(request, user)
    wrapped = Request(request)
    wrapped.user = user
    claims = claim_queryset(user).order_by("-updated_at", "-id")
    return ClaimSerializer(claims, many=True, context={"request": wrapped}).data


def test_the_desk_reads_the_same_items_as_the_serializer_writes(api, annotator, varied_claims):
    listing = api_as(api, annotator).get("/api/v1/claims/").json()["results"]
    assert listing == _serializer_items(annotator)
    tagged = next(item for item in listing if item["id"] == varied_claims[1].pk)
    assert tagged["tags"] == ["budget", "transit", "élections"]
    assert tagged["claim_date"] == "2025-03-04"
    assigned = next(item for item in listing if item["id"] == varied_claims[0].pk)
    assert assigned["assignee"] == "arthur"
    assert assigned["checkworthiness"] == 0.8125
    published = next(item for item in listing if item["id"] == varied_claims[2].pk)
    assert published["verdict"]["rating"] == "mostly-true"
    assert published["researcher"] == annotator.username


def test_anonymous_readers_read_the_same_items_with_credits(api, annotator, varied_claims):
    listing = api.get("/api/v1/claims/").json()["results"]
    assert listing == _serializer_items(AnonymousUser())
    assert [item["id"] for item in listing] == [varied_claims[2].pk]
    assert listing[0]["researcher"] == "Ana Researcher"
    assert listing[0]["created_by"] is None
    assert listing[0]["assignee"] is None


def test_times_are_written_in_the_current_time_zone_as_the_serializer_does(
    api, annotator, varied_claims, settings
):
    settings.TIME_ZONE = "America/Sao_Paulo"
    listing = api_as(api, annotator).get("/api/v1/claims/").json()["results"]
    assert listing == _serializer_items(annotator)
    assert listing[0]["created_at"].endswith("-03:00")


def test_the_list_runs_one_query_whatever_its_people_and_tags(
    api, annotator, varied_claims, django_assert_num_queries
):
    api_as(api, annotator)
    # The claims with their final verdicts, tag names and people's usernames.
    with django_assert_num_queries(1):
        response = api.get("/api/v1/claims/")
    assert len(response.json()["results"]) == 3
    api.force_authenticate(None)
    # Anonymous: the published claims with their tags, then the public names of their people.
    with django_assert_num_queries(2):
        response = api.get("/api/v1/claims/")
    assert len(response.json()["results"]) == 1


def test_the_filter_form_is_built_only_when_a_filter_is_asked_for(
    api, annotator, varied_claims, monkeypatch
):
    from annotations.api.filters import ClaimFilter

    built = []
    original = ClaimFilter.__init__

    def spy(self, *args, **kwargs):
        built.append(kwargs.get("data"))
        original(self, *args, **kwargs)

    monkeypatch.setattr(ClaimFilter, "__init__", spy)
    api_as(api, annotator)
    assert len(api.get("/api/v1/claims/?page_size=2").json()["results"]) == 2
    assert built == []
    tagged = api.get("/api/v1/claims/?tag=budget").json()["results"]
    assert [item["id"] for item in tagged] == [varied_claims[1].pk]
    assert len(built) == 1
    assert api.get("/api/v1/claims/?status=lost").status_code == 400


@pytest.mark.parametrize("ordering", ["created_at", "-id", "updated_at"])
def test_every_ordering_walks_each_claim_once_page_by_page(api, annotator, varied_claims, ordering):
    api_as(api, annotator)
    seen, url = [], f"/api/v1/claims/?page_size=1&ordering={ordering}"
    while url:
        page = api.get(url).json()
        seen.extend(item["id"] for item in page["results"])
        url = page["next"]
    expected = Claim.objects.order_by(ordering, "id" if ordering != "-id" else "-pk")
    assert seen == [claim.pk for claim in expected]


def test_the_rating_filter_keeps_one_row_per_claim_with_its_final_verdict(
    api, annotator, varied_claims
):
    published = varied_claims[2]
    # A proposal that is not final yet does not count as the claim's rating.
    proposed = claim_create(
        article=published.article, actor=annotator, quote="3.9% of trips were late"
    )
    research(proposed, annotator, url="https://example.org/buses")
    propose(proposed, annotator, "false", "Transit data show 9% were late.")
    listing = api_as(api, annotator).get("/api/v1/claims/?rating=mostly-true").json()["results"]
    assert [item["id"] for item in listing] == [published.pk]
    assert listing[0]["verdict"]["rating"] == "mostly-true"
    assert api.get("/api/v1/claims/?rating=false").json()["results"] == []
    # Anonymous readers filter the published claims the same way.
    api.force_authenticate(None)
    assert [c["id"] for c in api.get("/api/v1/claims/?rating=mostly-true").json()["results"]] == [
        published.pk
    ]
