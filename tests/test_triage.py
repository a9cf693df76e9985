"""Triage on the article page: one-step marking, bulk actions, what is highlighted, the counts."""

import datetime
import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from annotations import selectors
from annotations.models import Claim, ClaimStatus, ReviewAction, ReviewEvent
from annotations.services import (
    SYSTEM,
    article_import,
    claim_assign,
    claim_create,
    claim_mark,
    claim_transition,
    claims_triage,
)
from annotations.services.triage import MAX_TRIAGE_CLAIMS
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

TEXT = (
    "The council approved a budget of $4.2 billion on Tuesday. "
    "It is a bold move. Fares fell by 10 cents. Ridership rose 12% in 2025."
)
S = ClaimStatus
A = ReviewAction


@pytest.fixture
def article(db):
    return article_import(
        actor=SYSTEM, text=TEXT, title="Budget", published_at=datetime.date(2026, 3, 5)
    )


def _candidates(article, *quotes: str) -> list[Claim]:
    return [claim_create(article=article, actor=SYSTEM, quote=quote) for quote in quotes]


def _mark(article, actor, quote: str = "Fares fell", **fields) -> Claim:
    """Mark the quote's first occurrence in the article as `actor`."""
    start = TEXT.index(quote)
    span = {"start": start, "end": start + len(quote), "quote": quote}
    return claim_mark(article=article, actor=actor, **{**span, **fields})


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# Marking starts research in one step.


def test_marking_starts_research_with_the_articles_date(article, annotator):
    claim = _mark(article, annotator, "Fares fell by 10 cents.")
    assert (claim.status, claim.assignee, claim.origin) == (S.RESEARCHING, annotator, "manual")
    assert claim.claim_date == datetime.date(2026, 3, 5)
    assert claim.claim_text == "Fares fell by 10 cents."
    events = ReviewEvent.objects.filter(claim=claim)
    assert [(event.action, event.actor) for event in events] == [(A.START, annotator)]


def test_marking_takes_the_edited_wording_and_date(article, annotator):
    claim = _mark(
        article,
        annotator,
        claim_text="  Bus fares fell by 10 cents in March.  ",
        claim_date="2026-03-01",
    )
    assert claim.claim_text == "Bus fares fell by 10 cents in March."
    assert claim.claim_date == datetime.date(2026, 3, 1)


def test_someone_who_may_mark_but_not_research_gets_a_candidate(article):
    marker = UserFactory()
    marker.user_permissions.add(Permission.objects.get(codename="add_claim"))
    marker = type(marker).objects.get(pk=marker.pk)  # drop the cached permissions
    claim = _mark(article, marker)
    assert (claim.status, claim.assignee) == (S.CANDIDATE, None)
    assert not ReviewEvent.objects.filter(claim=claim).exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"claim_date": "5 March"}, "claim_date"),
        ({"start": 0}, "quote"),
        ({"claim_text": "x" * 20_000}, "claim_text"),
    ],
)
def test_bad_marking_input_names_the_field_and_writes_nothing(article, annotator, fields, field):
    with pytest.raises(ValidationError) as refused:
        _mark(article, annotator, **fields)
    assert field in refused.value.message_dict
    assert not Claim.objects.exists() and not ReviewEvent.objects.exists()


def test_a_reviewer_may_not_mark(article, reviewer):
    with pytest.raises(PermissionDenied):
        _mark(article, reviewer)
    assert not Claim.objects.exists()


# Bulk actions: each claim through the workflow, each reported.


def test_bulk_dismiss_and_restore_are_audited_per_claim(article, annotator):
    first, second = _candidates(article, "It is a bold move.", "Fares fell by 10 cents.")
    results = claims_triage(
        article=article,
        actor=annotator,
        action=A.DISMISS,
        claims=[(first.pk, 1), (second.pk, 1)],
        comment="Opinion or prediction",
    )
    assert [(result.claim_id, result.done) for result in results] == [
        (first.pk, True),
        (second.pk, True),
    ]
    events = ReviewEvent.objects.filter(action=A.DISMISS).order_by("claim_id")
    assert [(e.claim_id, e.actor, e.comment, e.to_status) for e in events] == [
        (first.pk, annotator, "Opinion or prediction", S.DISMISSED),
        (second.pk, annotator, "Opinion or prediction", S.DISMISSED),
    ]
    claims_triage(article=article, actor=annotator, action=A.RESTORE, claims=[(first.pk, 2)])
    assert Claim.objects.get(pk=first.pk).status == S.CANDIDATE
    assert ReviewEvent.objects.filter(claim=first, action=A.RESTORE, actor=annotator).exists()


def test_one_refusal_leaves_the_others_done_and_says_why(
    article, annotator, other_annotator, editor
):
    fresh, stale, taken, done = _candidates(
        article,
        "The council approved a budget of $4.2 billion on Tuesday.",
        "It is a bold move.",
        "Fares fell by 10 cents.",
        "Ridership rose 12% in 2025.",
    )
    claim_transition(claim=stale, actor=editor, action=A.DISMISS, comment="No.")
    taken = claim_assign(claim=taken, actor=editor, assignee=other_annotator)
    claim_transition(claim=done, actor=annotator, action=A.START)
    foreign = ClaimFactory(article=ArticleFactory())

    results = claims_triage(
        article=article,
        actor=annotator,
        action=A.START,
        claims=[
            (fresh.pk, 1),
            (stale.pk, 1),
            (taken.pk, taken.version),
            (done.pk, 2),
            (foreign.pk, 1),
        ],
    )
    outcome = {result.claim_id: (result.done, result.message) for result in results}
    assert outcome[fresh.pk] == (True, "")
    assert "changed by edith meanwhile" in outcome[stale.pk][1]
    assert outcome[taken.pk][1].startswith("Assignment rule:")
    assert outcome[done.pk][1].startswith("Transition rule: cannot start research")
    assert outcome[foreign.pk] == (False, f"Claim {foreign.pk} is not in this article.")
    assert Claim.objects.get(pk=fresh.pk).status == S.RESEARCHING
    assert Claim.objects.get(pk=foreign.pk).status == S.CANDIDATE


def test_an_annotator_may_not_dismiss_a_candidate_someone_else_took(
    article, annotator, other_annotator, editor
):
    (claim,) = _candidates(article, "It is a bold move.")
    claim = claim_assign(claim=claim, actor=editor, assignee=other_annotator)
    (result,) = claims_triage(
        article=article,
        actor=annotator,
        action=A.DISMISS,
        claims=[(claim.pk, claim.version)],
        comment="Opinion.",
    )
    assert not result.done and result.message.startswith("Assignment rule:")
    assert Claim.objects.get(pk=claim.pk).status == S.CANDIDATE


def test_a_reviewer_is_refused_claim_by_claim(article, reviewer):
    (claim,) = _candidates(article, "It is a bold move.")
    (result,) = claims_triage(
        article=article, actor=reviewer, action=A.DISMISS, claims=[(claim.pk, 1)], comment="x"
    )
    assert not result.done and "Role rule" in result.message


@pytest.mark.parametrize(
    ("action", "claims", "field"),
    [
        ("publish", [(1, 1)], "action"),
        ("start", [], "claims"),
        ("start", [(n, 1) for n in range(MAX_TRIAGE_CLAIMS + 1)], "claims"),
    ],
)
def test_bulk_input_the_page_does_not_offer_is_refused(article, annotator, action, claims, field):
    with pytest.raises(ValidationError) as refused:
        claims_triage(article=article, actor=annotator, action=action, claims=claims)
    assert field in refused.value.message_dict


# The page's endpoints.


def test_the_bulk_endpoint_reports_each_claim(client, article, annotator):
    first, second = _candidates(article, "It is a bold move.", "Fares fell by 10 cents.")
    client.force_login(annotator)
    response = client.post(
        reverse("article-act", args=[article.pk]),
        {"action": "dismiss", "claim": [f"{first.pk}:1", f"{second.pk}:7"], "reason": "Duplicate"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}?claim={first.pk}"
    messages = _messages(response)
    assert messages[0] == "1 claim dismissed."
    assert messages[1].startswith(f"Claim {second.pk} was not changed: Claim {second.pk} was")
    assert [c.status for c in Claim.objects.order_by("pk")] == [S.DISMISSED, S.CANDIDATE]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "start", "claim": "seven:1"}, "could not be read"),
        ({"action": "publish", "claim": "1:1"}, "Nothing was changed: “publish” is not"),
        ({"action": "start"}, "Nothing was changed: Select at least one claim."),
    ],
)
def test_the_bulk_endpoint_answers_bad_input_and_changes_nothing(
    client, article, annotator, data, message
):
    _candidates(article, "It is a bold move.")
    client.force_login(annotator)
    response = client.post(reverse("article-act", args=[article.pk]), data)
    assert response.status_code == 302
    assert any(message in text for text in _messages(response))
    assert not ReviewEvent.objects.exists()


def test_the_mark_endpoint_takes_wording_and_date(client, article, annotator):
    client.force_login(annotator)
    start = TEXT.index("Fares")
    response = client.post(
        reverse("claim-mark", args=[article.pk]),
        {
            "start": start,
            "end": start + 10,
            "quote": "Fares fell",
            "claim_text": "Fares fell by ten cents.",
            "claim_date": "",
        },
    )
    claim = Claim.objects.get()
    assert _messages(response) == ["Claim marked; research started."]
    assert (claim.claim_text, claim.claim_date) == (
        "Fares fell by ten cents.",
        article.published_at,
    )
    bad = client.post(
        reverse("claim-mark", args=[article.pk]),
        {"start": 0, "end": 3, "quote": "The", "claim_date": "tomorrow"},
    )
    assert any("claim_date" in text or "date" in text for text in _messages(bad))
    assert Claim.objects.count() == 1


# What the page highlights and counts.


@pytest.mark.parametrize(
    ("status", "score", "shown"),
    [
        (S.CANDIDATE, 0.8, True),
        (S.CANDIDATE, 0.5, True),
        (S.CANDIDATE, 0.49, False),
        (S.CANDIDATE, None, True),
        (S.RESEARCHING, 0.1, True),
        (S.IN_REVIEW, None, True),
        (S.APPROVED, 0.0, True),
        (S.PUBLISHED, 0.2, True),
        (S.DISMISSED, 0.9, False),
    ],
)
def test_what_is_highlighted_by_default(status, score, shown):
    claim = ClaimFactory.build(status=status, checkworthiness=score)
    assert selectors.highlighted_by_default(claim, 0.5) is shown


def test_pulled_down_reasons_are_marked():
    reasons = ["a number", "a named source", "opinion", "analysis", "scene-setting", ""]
    claim = ClaimFactory.build(reasons=reasons)
    assert [(r.text, r.pulls_down) for r in selectors.reasons_of(claim)] == [
        ("a number", False),
        ("a named source", False),
        ("opinion", True),
        ("analysis", True),
        ("scene-setting", True),
    ]
    unchecked = ClaimFactory.build(reasons=["no checkable detail", "speculation", "question"])
    assert all(reason.pulls_down for reason in selectors.reasons_of(unchecked))


def test_every_status_has_a_count_and_they_add_up():
    claims = [
        ClaimFactory.build(status=status) for status in (S.CANDIDATE, S.CANDIDATE, S.DISMISSED)
    ]
    counts = selectors.status_counts(claims)
    assert [value for value, _label, _n in counts] == S.values
    assert dict((value, n) for value, _label, n in counts)[S.CANDIDATE] == 2
    assert sum(n for *_rest, n in counts) == len(claims)


def test_the_page_sends_scores_reasons_and_what_to_highlight(client, annotator, settings):
    settings.FACTCHECK_CHECKWORTHY_THRESHOLD = 0.6
    article = ArticleFactory(text=TEXT)
    spans = [(0, 58), (59, 77), (78, 101)]
    for (start, end), score in zip(spans, (0.9, 0.3, None), strict=True):
        ClaimFactory(
            article=article,
            start=start,
            end=end,
            checkworthiness=score,
            reasons=["a number", "opinion"] if score else [],
        )
    client.force_login(annotator)
    page = client.get(article.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'id="claims-data">(.*?)</script>', page).group(1))
    assert [(entry["score"], entry["shown"]) for entry in data] == [
        (0.9, True),
        (0.3, False),
        (None, True),
    ]
    assert data[0]["reasons"] == [["a number", False], ["opinion", True]]
    assert 'data-threshold="0.6"' in page
    assert f"format=csv&amp;article={article.pk}" in page  # this article's published claims
    chips = re.findall(
        r'data-status="(\w+)" aria-pressed="false">[^<]*<span class="count">(\d+)', page
    )
    assert dict(chips) == {status: "3" if status == S.CANDIDATE else "0" for status in S.values}


def test_the_page_reads_claims_and_verdicts_in_two_queries(
    article, annotator, django_assert_num_queries
):
    from annotations.models import VerdictRole
    from tests.factories import VerdictFactory

    proposed, final, blind = _candidates(
        article, "It is a bold move.", "Fares fell by 10 cents.", "Ridership rose 12% in 2025."
    )
    proposal = VerdictFactory(claim=proposed, role=VerdictRole.PROPOSAL)
    VerdictFactory(claim=final, role=VerdictRole.PROPOSAL)
    approved = VerdictFactory(
        claim=final, role=VerdictRole.PROPOSAL, is_final=True, approved_at=timezone.now()
    )
    VerdictFactory(claim=blind, role=VerdictRole.REVIEW)
    claim_assign(claim=proposed, actor=annotator, assignee=annotator)
    with django_assert_num_queries(2):
        claims = selectors.article_page_claims(article=article)
        shown = {claim.pk: (claim.shown_verdict, claim.assignee) for claim in claims}
    assert [claim.pk for claim in claims] == [proposed.pk, final.pk, blind.pk]
    assert shown[proposed.pk] == (proposal, annotator)
    assert shown[final.pk] == (approved, None)
    # A blind reviewer's verdict is sealed: never shown on the article page.
    assert shown[blind.pk] == (None, None)
