"""The desk day to day in Chromium: phone width, stale pages, returned claims, tags, exports,
claimant types, article details and the admin's published claims."""

import pytest
from django.urls import reverse

from annotations.models import Claim
from annotations.services import (
    SYSTEM,
    article_import,
    claim_create,
    claim_transition,
    evidence_add,
)
from tests.helpers import propose, publish

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ARTICLE = (
    "The city council approved a transit budget of $4.2 billion on Tuesday. "
    "Mayor Dana Ortiz said ridership had returned to 94% of its 2019 level.\n\n"
    "Councillor Mark Feeney said fares rose from $2.50 to $2.75 in January. "
    "The transit authority expects 4,500 riders a night on the two new routes."
)
PHONE = {"width": 390, "height": 844}


def _article():
    return article_import(
        actor=SYSTEM, text=ARTICLE, title="Transit budget approved after a long night of debate"
    )


def _researched(article, annotator, quote: str) -> Claim:
    claim = claim_create(article=article, actor=annotator, quote=quote, claimant="Mark Feeney")
    claim_transition(claim=claim, actor=annotator, action="start")
    evidence_add(
        claim=claim, actor=annotator, stance="refutes", url="https://example.org/f", title="Fares"
    )
    propose(claim, annotator, "false", "Fares rose to $2.60.")
    claim.refresh_from_db()
    return claim


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_main_pages_have_no_horizontal_scroll_at_phone_width(open_as, annotator, reviewer, editor):
    article = _article()
    claim = _researched(article, annotator, "fares rose from $2.50 to $2.75 in January")
    claim_create(article=article, actor=annotator, quote="4,500 riders a night", tags=["transit"])
    published = publish(
        claim_create(article=article, actor=annotator, quote="94% of its 2019 level"),
        annotator=annotator,
        reviewer=reviewer,
        editor=editor,
    )
    page = open_as(annotator)
    page.set_viewport_size(PHONE)
    pages = {
        "dashboard": reverse("home"),
        "articles": reverse("article-list"),
        "claims": reverse("claim-list"),
        "claim": reverse("claim-detail", args=[claim.pk]),
        "import": reverse("article-import"),
        "article": article.get_absolute_url(),
        "public": reverse("factcheck-list"),
        "factcheck": reverse("factcheck-public", args=[published.pk]),
    }
    wide = {}
    for name, url in pages.items():
        page.goto(url)
        width = _overflow(page)
        if width > PHONE["width"]:
            wide[name] = width
        page.screenshot(path=f"/tmp/shots/phone-{name}.png", full_page=True)
    assert wide == {}
    page.goto(reverse("article-import"))
    box = page.locator("input[type=file]").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
