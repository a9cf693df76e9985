"""schema.org ClaimReview JSON-LD for published claims.

One object per claim, as fact-check consumers (Google Fact Check Tools, Data Commons feeds,
the Duke Reporters' Lab) read it. The public page embeds the same object the export streams.
"""

import datetime
import functools
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from annotations.models import Claim, ClaimantType, Verdict
from annotations.selectors.verdicts import final_verdict

SCHEMA_CONTEXT = "https://schema.org"


_PK_PLACEHOLDER = 2_147_483_647
# Where public pages are when neither the setting nor a request says (the command line).
DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:8000"


def public_base(request: HttpRequest | None = None) -> str:
    """Return the base of public URLs: the setting, else the request's host, else the default."""
    configured = settings.FACTCHECK_PUBLIC_BASE_URL
    if configured:
        return configured.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return DEFAULT_PUBLIC_BASE_URL


def public_url(claim: Claim, *, base: str | None = None) -> str:
    """Return the absolute URL of the claim's public fact-check page (under `base` if given)."""
    # Exports call this for every claim; resolving the route once per base keeps it cheap.
    return _url_pattern(base or public_base(), "factcheck-public").replace(
        str(_PK_PLACEHOLDER), str(claim.pk)
    )


def archive_url(pk: int, *, base: str | None = None) -> str:
    """Return the absolute URL of an archived copy of a source (under `base` if given)."""
    return _url_pattern(base or public_base(), "source-archive").replace(
        str(_PK_PLACEHOLDER), str(pk)
    )


@functools.lru_cache(maxsize=16)
def _url_pattern(base: str, name: str) -> str:
    return base.rstrip("/") + reverse(name, args=[_PK_PLACEHOLDER])


def claim_review(claim: Claim, *, base: str | None = None) -> dict[str, Any]:
    """Return the schema.org ClaimReview object of a published claim (public URLs under `base`).

    Reads the claim, its article and its final verdict (with rating and scale); load them with
    `selectors.claim_review_queryset` when serialising many. Raise ValueError for a claim that is
    not published or has no final verdict: there is nothing to review yet.
    """
    verdict = final_verdict(claim)
    if claim.published_at is None or verdict is None:
        raise ValueError(f"Claim {claim.pk} is not published with a final verdict.")
    reviewed_on = _date(claim.published_at)
    review: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "url": public_url(claim, base=base),
        "claimReviewed": claim.claim_text or claim.quote,
        "datePublished": reviewed_on.isoformat(),
        "author": _organization(),
        "reviewRating": _rating(verdict),
        "itemReviewed": _item_reviewed(claim, reviewed_on),
    }
    # schema.org's inLanguage (a BCP 47 tag) on the review and on the claim it reviews: the
    # claim is quoted in the article's language, and the desk reviews it in that language.
    if claim.article.language:
        review["inLanguage"] = claim.article.language
    tags = [tag.name for tag in claim.tags.all()]
    if tags:
        review["keywords"] = ", ".join(tags)
    return review


def _organization() -> dict[str, str]:
    organization = {"@type": "Organization", "name": settings.FACTCHECK_ORGANIZATION_NAME}
    if settings.FACTCHECK_ORGANIZATION_URL:
        organization["url"] = settings.FACTCHECK_ORGANIZATION_URL
    return organization


def _rating(verdict: Verdict) -> dict[str, Any]:
    rating = verdict.rating
    scale = rating.scale
    result: dict[str, Any] = {"@type": "Rating", "alternateName": rating.label}
    # Labels off the scale ("Unverifiable") carry no number, and a number outside the scale's
    # bounds would make the object invalid: both stay textual.
    if rating.value is not None and scale.worst_rating <= rating.value <= scale.best_rating:
        result["ratingValue"] = rating.value
        result["bestRating"] = scale.best_rating
        result["worstRating"] = scale.worst_rating
    return result


def _item_reviewed(claim: Claim, reviewed_on: datetime.date) -> dict[str, Any]:
    article = claim.article
    item: dict[str, Any] = {"@type": "Claim"}
    if article.language:
        item["inLanguage"] = article.language
    if claim.claimant:
        kind = "Organization" if claim.claimant_type == ClaimantType.ORGANIZATION else "Person"
        item["author"] = {"@type": kind, "name": claim.claimant}
    claimed_on = claim.claim_date or article.published_at
    # A claim cannot be made after it was reviewed; a later date is a typo, not a fact.
    if claimed_on is not None and claimed_on <= reviewed_on:
        item["datePublished"] = claimed_on.isoformat()
    if article.url:
        appearance: dict[str, Any] = {"@type": "CreativeWork", "url": article.url}
        if article.title:
            appearance["headline"] = article.title
        if article.publisher:
            appearance["publisher"] = {"@type": "Organization", "name": article.publisher}
        if article.published_at is not None:
            appearance["datePublished"] = article.published_at.isoformat()
        if article.language:
            appearance["inLanguage"] = article.language
        item["appearance"] = appearance
    return item


def _date(moment: datetime.datetime | str) -> datetime.date:
    if isinstance(moment, str):  # ISO 8601 text, as fast exports read it
        moment = datetime.datetime.fromisoformat(moment)
    if timezone.is_aware(moment):
        return timezone.localdate(moment)
    return moment.date()
