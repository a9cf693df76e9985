"""The Atom feed of published fact-checks, for readers and newsroom tools that follow them."""

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from annotations import workspace
from annotations.exports.claimreview import final_verdict
from annotations.models import Claim

FEED_SIZE = 50


class PublishedFactchecksFeed(Feed):
    feed_type = Atom1Feed
    title = "Fact-checks"
    subtitle = "The latest published fact-checks: the claim, its rating and why."

    def link(self) -> str:
        return reverse("factcheck-list")

    def items(self) -> QuerySet[Claim]:
        return workspace.published_claims()[:FEED_SIZE]

    def item_title(self, claim: Claim) -> str:
        verdict = final_verdict(claim)
        rating = f"{verdict.rating.label}: " if verdict else ""
        return f"{rating}{claim.claim_text}"

    def item_description(self, claim: Claim) -> str:
        verdict = final_verdict(claim)
        return verdict.explanation if verdict else ""

    def item_link(self, claim: Claim) -> str:
        return reverse("factcheck-public", args=[claim.pk])

    def item_pubdate(self, claim: Claim):
        return claim.published_at

    def item_updateddate(self, claim: Claim):
        return claim.updated_at

    def item_author_name(self, claim: Claim) -> str | None:
        return claim.claimant or None
