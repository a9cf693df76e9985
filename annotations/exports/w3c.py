"""W3C Web Annotation (JSON-LD) of a published claim.

The annotation's motivation is `assessing`; its bodies are the verdict (a TextualBody with
purpose assessing), the restated claim (purpose describing) and every cited source with a URL
(a SpecificResource with purpose linking); its target is the article with a TextQuoteSelector
and a TextPositionSelector whose offsets are code points, as the model requires. Its creator
is the organisation, or the researcher by public name where they opted in; only an internal
export names the researcher by username.
"""

from typing import Any

from django.conf import settings
from django.urls import reverse

from annotations.credits import Credits
from annotations.exports.claimreview import public_base, public_url
from annotations.exports.records import iso_8601
from annotations.models import Claim
from annotations.selectors.verdicts import final_verdict

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def article_iri(claim: Claim, *, base: str | None = None) -> str:
    """Return the article's own URL, or its API address when it has none."""
    if claim.article.url:
        return claim.article.url
    return (base or public_base()) + reverse("api:article-detail", args=[claim.article_id])


def web_annotation(
    claim: Claim, *, credits: Credits | None = None, base: str | None = None
) -> dict[str, Any]:
    """Return the Web Annotation of a published claim (as `iter_export_claims` loads it).

    Without `credits` the annotation is public; public URLs are under `base` if given.
    """
    credits = credits or Credits.for_public()
    base = base or public_base()
    verdict = final_verdict(claim)
    bodies: list[dict[str, Any]] = []
    if verdict is not None:
        text = verdict.rating.label
        if verdict.explanation:
            text = f"{text}: {verdict.explanation}"
        bodies.append(
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "value": text,
                "format": "text/plain",
            }
        )
    bodies.append(
        {
            "type": "TextualBody",
            "purpose": "describing",
            "value": claim.claim_text,
            "format": "text/plain",
            "language": claim.article.language,
        }
    )
    bodies.extend(
        {"type": "TextualBody", "purpose": "tagging", "value": tag.name} for tag in claim.tags.all()
    )
    for evidence in claim.evidence.all():
        if evidence.source.url:
            bodies.append(
                {
                    "type": "SpecificResource",
                    "purpose": "linking",
                    "source": evidence.source.url,
                }
            )
    annotation: dict[str, Any] = {
        "@context": ANNOTATION_CONTEXT,
        "id": public_url(claim, base=base) + "#annotation",
        "type": "Annotation",
        "motivation": "assessing",
        "created": iso_8601(claim.created_at),
        "modified": iso_8601(claim.updated_at),
        "generator": {
            "id": base + "/",
            "type": "Software",
            "name": "Factcheck",
        },
        "body": bodies,
        "target": {
            "source": article_iri(claim, base=base),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": claim.quote,
                    "prefix": claim.prefix,
                    "suffix": claim.suffix,
                },
                {"type": "TextPositionSelector", "start": claim.start, "end": claim.end},
            ],
        },
    }
    if claim.researcher is not None:
        annotation["creator"] = _creator(claim.researcher, credits)
    return annotation


def _creator(researcher, credits: Credits) -> dict[str, str]:
    if credits.internal:
        return {"type": "Person", "nickname": researcher.get_username()}
    name = credits.public_name(researcher)
    if name:
        return {"type": "Person", "name": name}
    creator = {"type": "Organization", "name": credits.organization}
    if settings.FACTCHECK_ORGANIZATION_URL:
        creator["homepage"] = settings.FACTCHECK_ORGANIZATION_URL
    return creator
