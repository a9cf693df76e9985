"""The Atom feed of published fact-checks, for readers and newsroom tools that follow them.

Like every public output it names no account: the author is the organisation, or the
researcher by the public name they chose to show. Our own words (the feed's title and subtitle,
the default ratings' labels, "Claimed by") are in the request's language, which the feed's
`xml:lang` names; what the desk wrote stays as written.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from annotations import selectors
from annotations.credits import Credits
from annotations.models import Claim
from annotations.rating_labels import shipped_text

FEED_SIZE = 50


class PublishedFactchecksFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Fact-checks")
    subtitle = gettext_lazy("The latest published fact-checks: the claim, its rating and why.")
    # Left None, the feed's xml:lang is the active language: the one its words are in.
    language = None

    def link(self) -> str:
        return reverse("factcheck-list")

    def get_object(self, request, *args, **kwargs) -> Credits:
        # Read who opted in once per request, not once per entry (the feed object is shared
        # between requests, so the credits travel with the items).
        return Credits.for_public()

    def items(self, credits: Credits) -> list[Claim]:
        claims = list(selectors.published_claims()[:FEED_SIZE])
        for claim in claims:
            claim.public_credit = credits.name_by_id(claim.researcher_id)
        return claims

    def item_title(self, claim: Claim) -> str:
        verdict = selectors.final_verdict(claim)
        if verdict is None:
            return claim.claim_text
        return _("%(rating)s: %(claim)s") % {
            "rating": shipped_text(verdict.rating.label),
            "claim": claim.claim_text,
        }

    def item_description(self, claim: Claim) -> str:
        # Atom carries the summary as HTML; what researchers wrote is plain text.
        verdict = selectors.final_verdict(claim)
        parts = (
            [_("Claimed by %(claimant)s.") % {"claimant": claim.claimant}] if claim.claimant else []
        )
        if verdict is not None:
            parts.append(verdict.explanation)
        return linebreaks(escape(" ".join(parts)))

    def item_link(self, claim: Claim) -> str:
        return reverse("factcheck-public", args=[claim.pk])

    def item_pubdate(self, claim: Claim):
        return claim.published_at

    def item_updateddate(self, claim: Claim):
        return claim.updated_at

    def item_author_name(self, claim: Claim) -> str:
        # The desk wrote the fact-check; the claimant is who made the claim (in the summary).
        return claim.public_credit or settings.FACTCHECK_ORGANIZATION_NAME
