"""The incoming desk: recent candidates ranked by check-worthiness, filtered, matched against
published fact-checks, and accepted or dismissed in bulk (query count pinned)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from annotations.models import ClaimStatus, Feed, FeedEntry, ReviewEvent
from tests.factories import ArticleFactory, ClaimFactory
from tests.helpers import published_claim

pytestmark = pytest.mark.django_db

SENTENCE = "The transit authority said ridership rose 12% in 2025."


@pytest.fixture
def desk(annotator, reviewer, editor):
    """A fact-check published earlier, and three recent candidates (one from a feed)."""
    checked = published_claim(annotator=annotator, reviewer=reviewer, editor=editor)
    feed = Feed.objects.create(
        url="https://wire.example.org/feed", title="Wire", next_poll_at=timezone.now()
    )
    from_feed = ArticleFactory(text=f"{SENTENCE} Fares fell.", language="en")
    FeedEntry.objects.create(
        feed=feed,
        guid="1",
        guid_sha256="1" * 64,
        url="https://wire.example.org/1",
        article=from_feed,
    )
    spanish = ArticleFactory(
        text="El alcalde dijo que el presupuesto creció un 8% en 2024.", language="es"
    )
    old = ArticleFactory(text="An old sentence about 5 trains.")
    type(old).objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(30))
    claims = {
        "matched": ClaimFactory(article=from_feed, checkworthiness=0.9),
        "spanish": ClaimFactory(article=spanish, checkworthiness=0.6),
        "low": ClaimFactory(
            article=from_feed, start=len(SENTENCE) + 1, end=len(SENTENCE) + 11, checkworthiness=0.1
        ),
        "old": ClaimFactory(article=old, checkworthiness=0.99),
    }
    return {"checked": checked, "feed": feed, **claims}


def listed(response) -> list[int]:
    return [claim.pk for claim, _ in response.context["rows"]]


def test_recent_candidates_are_ranked_and_matched_against_published_fact_checks(
    client, annotator, desk, django_assert_num_queries
):
    client.force_login(annotator)
    client.get(reverse("incoming"))
    # Session, user, two permission reads of the menu, the bell, the feeds of the filter, the
    # count, the page's claims with their articles, the published claims and their verdicts.
    with django_assert_num_queries(10):
        response = client.get(reverse("incoming"))
    assert response.status_code == 200
    assert listed(response) == [desk["matched"].pk, desk["spanish"].pk, desk["low"].pk]
    matches = dict(response.context["rows"])
    assert [m.pk for m in matches[desk["matched"]]] == [desk["checked"].pk]
    assert matches[desk["spanish"]] == []
    page = response.content.decode()
    assert reverse("factcheck-public", args=[desk["checked"].pk]) in page
    assert f'href="{reverse("incoming")}" aria-current="page"' in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"language": "es"}, ["spanish"]),
        ({"min_score": "0.5"}, ["matched", "spanish"]),
        ({"feed": "FEED"}, ["matched", "low"]),
        ({"since": "2000-01-01", "min_score": "0.95"}, ["old"]),
        ({"until": "2000-01-01"}, []),
    ],
)
def test_the_desk_filters_by_feed_language_date_and_score(client, annotator, desk, query, expected):
    client.force_login(annotator)
    query = {
        key: str(desk["feed"].pk) if value == "FEED" else value for key, value in query.items()
    }
    response = client.get(reverse("incoming"), query)
    assert listed(response) == [desk[name].pk for name in expected]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"language": "Spanish!"}, "Enter a language tag"),
        ({"min_score": "2"}, "less than or equal to 1"),
        ({"since": "yesterday"}, "Enter a valid date"),
        ({"feed": "999"}, "Select a valid choice"),
        ({"since": "2026-02-01", "until": "2026-01-01"}, "must not be after"),
    ],
)
def test_bad_filters_are_refused_with_a_message(client, annotator, desk, query, message):
    client.force_login(annotator)
    response = client.get(reverse("incoming"), query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_bulk_accept_and_dismiss_report_each_refusal_and_change_only_the_rest(
    client, annotator, desk
):
    client.force_login(annotator)
    matched, spanish, low = desk["matched"], desk["spanish"], desk["low"]
    response = client.post(
        reverse("incoming-act"),
        {
            "action": "start",
            "claim": [
                f"{matched.pk}:{matched.version}",
                f"{spanish.pk}:{spanish.version + 5}",
                "999999:1",
            ],
            "next": reverse("incoming") + "?language=en",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("incoming") + "?language=en"
    page = response.content.decode()
    assert "1 claim moved to research." in page
    assert f"Claim {spanish.pk} was not changed" in page
    assert "Claim 999999 was not changed: Claim 999999 does not exist." in page
    for claim in (matched, spanish):
        claim.refresh_from_db()
    assert (matched.status, spanish.status) == (ClaimStatus.RESEARCHING, ClaimStatus.CANDIDATE)

    client.post(
        reverse("incoming-act"),
        {"action": "dismiss", "claim": [f"{low.pk}:{low.version}"], "reason": "Opinion"},
    )
    low.refresh_from_db()
    assert low.status == ClaimStatus.DISMISSED
    assert ReviewEvent.objects.get(claim=low).comment == "Opinion"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "publish", "claim": ["1:1"]}, "is not start or dismiss"),
        ({"action": "start"}, "Select at least one claim."),
        ({"action": "start", "claim": ["one"]}, "could not be read"),
    ],
)
def test_bad_bulk_requests_change_nothing(client, annotator, desk, data, message):
    client.force_login(annotator)
    response = client.post(reverse("incoming-act"), data, follow=True)
    assert message in response.content.decode()
    assert not ReviewEvent.objects.exclude(claim=desk["checked"]).exists()
