"""The project's own export record of a published claim (`json`/`jsonl`, schema in docs/).

A public record names people by their public credit (see `annotations.credits`) and leaves out
the review's internal work: the review history and the researchers' notes on evidence. An
internal record, for the desk, names people by username and carries both.
"""

import datetime
from typing import Any

from annotations.credits import Credits
from annotations.exports.claimreview import archive_url, public_url
from annotations.models import Claim, Correction, Evidence, ReviewEvent, Verdict
from annotations.selectors.verdicts import final_verdict

SCHEMA_VERSION = "1.3"


def claim_record(
    claim: Claim,
    *,
    credits: Credits | None = None,
    include_article_text: bool = False,
    base: str | None = None,
) -> dict[str, Any]:
    """Return the export record of a published claim (as `iter_export_claims` loads it).

    Without `credits` the record is public; its public URL is under `base` if given.
    """
    credits = credits or Credits.for_public()
    article = claim.article
    verdict = final_verdict(claim)
    article_record: dict[str, Any] = {
        "id": article.pk,
        "url": article.url or None,
        "title": article.title,
        "publisher": article.publisher or None,
        "dateline": article.dateline or None,
        "author": article.author or None,
        "language": article.language,
        "published_at": iso_8601(article.published_at),
        "text_sha256": article.text_sha256,
    }
    if include_article_text:
        article_record["text"] = article.text
    record: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "visibility": "internal" if credits.internal else "public",
        "id": claim.pk,
        "url": public_url(claim, base=base),
        "article": article_record,
        "selector": {
            "start": claim.start,
            "end": claim.end,
            "prefix": claim.prefix,
            "suffix": claim.suffix,
        },
        "quote": claim.quote,
        "claim_text": claim.claim_text,
        "claimant": claim.claimant or None,
        "claimant_type": claim.claimant_type,
        "claim_date": iso_8601(claim.claim_date),
        "origin": claim.origin,
        "checkworthiness": claim.checkworthiness,
        "reasons": list(claim.reasons or []),
        "tags": [tag.name for tag in claim.tags.all()],
        "researcher": credits.name(claim.researcher),
        "verdict": _verdict(verdict, credits) if verdict else None,
        "evidence": [_evidence(item, credits, base) for item in claim.evidence.all()],
    }
    if credits.internal:
        record["review_history"] = [_event(event) for event in claim.review_events.all()]
    record["corrections"] = [_correction(item, credits) for item in claim.corrections.all()]
    record["created_at"] = iso_8601(claim.created_at)
    record["published_at"] = iso_8601(claim.published_at)
    record["updated_at"] = iso_8601(claim.updated_at)
    return record


def _verdict(verdict: Verdict, credits: Credits) -> dict[str, Any]:
    rating = verdict.rating
    scale = rating.scale
    return {
        "rating": rating.slug,
        "label": rating.label,
        "value": rating.value,
        "scale": {
            "slug": scale.slug,
            "name": scale.name,
            "best": scale.best_rating,
            "worst": scale.worst_rating,
        },
        "explanation": verdict.explanation,
        "role": verdict.role,
        "author": credits.name(verdict.author),
        "reviewer": credits.name(verdict.approved_by),
        "reviewed_at": iso_8601(verdict.approved_at),
    }


def _evidence(evidence: Evidence, credits: Credits, base: str | None) -> dict[str, Any]:
    source = evidence.source
    item: dict[str, Any] = {"stance": evidence.stance, "excerpt": evidence.excerpt}
    if credits.internal:
        # The note is the researcher's working note; the public page does not show it either.
        item["note"] = evidence.note
    item["added_by"] = credits.name(evidence.added_by)
    item["created_at"] = iso_8601(evidence.created_at)
    item["source"] = {
        "url": source.url or None,
        "title": source.title,
        "publisher": source.publisher or None,
        "published_at": iso_8601(source.published_at),
        "kind": source.kind,
        "archive": _archive(evidence, base),
    }
    return item


def _archive(evidence: Evidence, base: str | None) -> dict[str, Any] | None:
    """The source's newest archived copy, read from the row's `archive_*` columns."""
    copy_id = getattr(evidence, "archive_id", None)
    if copy_id is None:
        return None
    return {
        "archived_at": iso_8601(evidence.archive_at),
        "sha256": evidence.archive_sha256,
        "url": archive_url(copy_id, base=base),
        "final_url": evidence.archive_final_url or None,
    }


def _event(event: ReviewEvent) -> dict[str, Any]:
    return {
        "action": event.action,
        "from_status": event.from_status or None,
        "to_status": event.to_status,
        "actor": _name(event.actor),
        "comment": event.comment,
        "at": iso_8601(event.at),
    }


def _correction(correction: Correction, credits: Credits) -> dict[str, Any]:
    return {
        "note": correction.note,
        "author": credits.name(correction.author),
        "created_at": iso_8601(correction.created_at),
    }


def _name(user) -> str | None:
    return user.get_username() if user is not None else None


def iso_8601(value: datetime.date | datetime.datetime | str | None) -> str | None:
    """Return a date or time in ISO 8601 (text the database already rendered passes through)."""
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()
