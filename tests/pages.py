"""The page tests' helpers: a page's HTML, and a claim researched or published on a budget story."""

import re

from django.urls import reverse

from annotations.models import Claim, Rating
from annotations.services import (
    SYSTEM,
    article_import,
    claim_create,
    claim_transition,
    verdict_propose,
)
from tests.helpers import research

BUDGET = (
    "The council approved a budget of $4.2 billion on Tuesday. "
    "Mayor Dana Ortiz said ridership rose 12% in 2025. Fares fell by 10 cents."
)


def page_html(client, url: str) -> str:
    """Return the page at `url` (answered 200) without its footer."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    # The footer's language form carries a fresh CSRF token and the page's own address.
    return re.sub(
        r'<footer class="site-footer">.*?</footer>', "", response.content.decode(), flags=re.S
    )


def rating_of(slug: str = "false") -> Rating:
    """Return the default scale's rating `slug`."""
    return Rating.objects.get(scale__is_default=True, slug=slug)


def budget_claim_researched(annotator, quote: str = "ridership rose 12% in 2025") -> Claim:
    """Return a claim on a budget story, researched and with a proposed verdict."""
    article = article_import(actor=SYSTEM, text=BUDGET, title="Budget")
    claim = claim_create(article=article, actor=annotator, quote=quote, claimant="Dana Ortiz")
    research(
        claim,
        annotator,
        stance="refutes",
        url="https://stats.example.gov/ridership",
        title="Ridership 2025",
    )
    verdict_propose(claim=claim, actor=annotator, rating=rating_of(), explanation="It fell 9%.")
    claim.refresh_from_db()
    return claim


def budget_claim_published(annotator, reviewer, editor) -> Claim:
    """Return a claim on a budget story, researched, approved and published."""
    claim = budget_claim_researched(annotator)
    claim_transition(claim=claim, actor=annotator, action="submit")
    claim_transition(claim=claim, actor=reviewer, action="approve")
    claim_transition(claim=claim, actor=editor, action="publish")
    claim.refresh_from_db()
    return claim


def edit_claim(client, claim: Claim, *, version: int | None = None, **fields: str):
    """Post the claim page's edit form with `fields`, as seen at `version` (else the claim's)."""
    seen = claim.version if version is None else version
    return client.post(reverse("claim-edit", args=[claim.pk]), {**fields, "version": seen})
