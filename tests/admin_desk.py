"""Helpers of the moderation admin tests: staff in each role, claims at a status, bulk actions."""

from django.utils import timezone

from annotations.models import Claim, ClaimStatus
from annotations.services import claim_create, claim_transition, evidence_add
from tests.factories import ArticleFactory, ClaimFactory, EvidenceFactory, VerdictFactory
from tests.helpers import propose

CHANGELIST = "/admin/annotations/claim/"
S = ClaimStatus

QUOTES = (
    "ridership rose 12% in 2025",
    "the city hired 120 drivers",
    "fares fell",
    "3.9% of trips were late",
    "Mayor Dana Ortiz said",
)


def staff(user):
    """Let the user into the admin."""
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def desk_people(annotator, reviewer, editor) -> dict:
    """Return staff accounts in each role (the admin lets in staff only)."""
    return {"annotator": staff(annotator), "reviewer": staff(reviewer), "editor": editor}


def claim_in(status: str, people: dict, *, article, quote: str) -> Claim:
    """Walk a new claim to `status` through the services, as the people in each role would."""
    annotator, reviewer, editor = people["annotator"], people["reviewer"], people["editor"]
    claim = claim_create(article=article, actor=annotator, quote=quote)
    if status == S.DISMISSED:
        claim_transition(claim=claim, actor=editor, action="dismiss", comment="Opinion.")
    if status in (S.RESEARCHING, S.IN_REVIEW, S.APPROVED, S.PUBLISHED):
        claim_transition(claim=claim, actor=annotator, action="start")
    if status in (S.IN_REVIEW, S.APPROVED, S.PUBLISHED):
        evidence_add(
            claim=claim,
            actor=annotator,
            stance="supports",
            url=f"https://stats.example.gov/{claim.pk}",
            title=f"Statistics {claim.pk}",
        )
        propose(claim, annotator, "mostly-true", "Close to the official figure.")
        claim_transition(claim=claim, actor=annotator, action="submit")
    if status in (S.APPROVED, S.PUBLISHED):
        claim_transition(claim=claim, actor=reviewer, action="approve")
    if status == S.PUBLISHED:
        claim_transition(claim=claim, actor=editor, action="publish")
    claim.refresh_from_db()
    assert claim.status == status
    return claim


def run_action(client, action: str, claims, **data):
    """Post a bulk action from the claim list, as the action bar does."""
    payload = {"action": action, "index": 0, "_selected_action": [c.pk for c in claims], **data}
    return client.post(CHANGELIST, payload, follow=True)


def confirm_action(client, action: str, claims, **data):
    """Post a confirmation page's form back, with the versions of the claims it showed."""
    payload = {
        "action": action,
        "confirm": "yes",
        "_selected_action": [c.pk for c in claims],
        **{f"version-{c.pk}": c.version for c in claims},
        **data,
    }
    return client.post(CHANGELIST, payload, follow=True)


def page_messages(response) -> list[str]:
    """Return the messages the response shows."""
    return [str(message) for message in response.context["messages"]]


# Session, user, permissions, list filters' choices, count, page, per-page choices and so on:
# whatever the page shows, never one query per row.
# The claim list's tag filter lists the tags in use: one query more.
LIST_QUERIES = {"claim": 11, "article": 10, "source": 6}


def many_claims(count: int, people) -> None:
    """Create `count` claims, each with evidence, a third of them with a final verdict."""
    reviewer, annotator = people["reviewer"], people["annotator"]
    for index in range(count):
        evidence = EvidenceFactory(
            claim=ClaimFactory(assignee=annotator if index % 2 else None, article=ArticleFactory()),
            added_by=annotator,
        )
        if index % 3 == 0:
            VerdictFactory(
                claim=evidence.claim, author=reviewer, is_final=True, approved_at=timezone.now()
            )
