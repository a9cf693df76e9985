"""Create and edit claims: the only way Claim rows are written outside the workflow."""

import datetime
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from annotations.anchoring import MAX_CLAIM_CHARS, resolve_anchor
from annotations.errors import ConflictError
from annotations.models import Article, Claim, ClaimantType, ClaimOrigin, Tag
from annotations.permissions import require_research
from annotations.services.common import Actor, credited, parse_date, require_permission
from annotations.tagging import normalize_tags
from annotations.workflow_rules import EDITABLE_STATUSES

ADD_CLAIM = "annotations.add_claim"

_UNSET: Any = object()


def claim_create(
    *,
    article: Article,
    actor: Actor,
    start: int | None = None,
    end: int | None = None,
    quote: str | None = None,
    prefix: str = "",
    suffix: str = "",
    claim_text: str = "",
    claimant: str = "",
    claimant_type: str = ClaimantType.PERSON,
    claim_date: datetime.date | str | None = None,
    origin: str = ClaimOrigin.MANUAL,
    checkworthiness: float | None = None,
    reasons: Iterable[str] = (),
    tags: Iterable[str] | str = (),
) -> Claim:
    """Create a candidate claim from `start`/`end` or from a `quote` (plus context to choose).

    Offsets are code points into `article.text`; the span is trimmed of surrounding
    whitespace. Raise PermissionDenied unless the actor may add claims, ValidationError naming
    the field on bad input; nothing is written then.
    """
    require_permission(actor, ADD_CLAIM, doing=_("mark a claim"))
    names = normalize_tags(tags)
    anchor = resolve_anchor(
        article.text, start=start, end=end, quote=quote, prefix=prefix or "", suffix=suffix or ""
    )
    existing = Claim.objects.filter(article=article, start=anchor.start, end=anchor.end).first()
    if existing is not None:
        raise ValidationError(
            {
                "start": (
                    _("Claim %(existing_pk)s already covers %(start)s–%(end)s.")
                    % {"existing_pk": existing.pk, "start": anchor.start, "end": anchor.end}
                )
            }
        )
    claim = Claim(
        article=article,
        **asdict(anchor),
        claim_text=_check_claim_text((claim_text or "").strip()) or anchor.quote,
        claimant=(claimant or "").strip(),
        claimant_type=_check_claimant_type(claimant_type),
        claim_date=parse_date(claim_date, field="claim_date"),
        origin=origin,
        checkworthiness=_check_score(checkworthiness),
        reasons=list(reasons),
        created_by=credited(actor),
    )
    claim.full_clean()
    claim._history_user = credited(actor)
    try:
        with transaction.atomic():
            claim.save()
            apply_tags(claim, names)
    except IntegrityError as error:
        raise ValidationError(
            {
                "start": (
                    _("A claim already covers %(start)s–%(end)s.")
                    % {"start": anchor.start, "end": anchor.end}
                )
            }
        ) from error
    return claim


def claim_update(
    *,
    claim: Claim,
    actor: AbstractBaseUser | None,
    expected_version: int,
    claim_text: str = _UNSET,
    claimant: str = _UNSET,
    claimant_type: str = _UNSET,
    claim_date: datetime.date | str | None = _UNSET,
    tags: Iterable[str] | str = _UNSET,
    start: int | None = _UNSET,
    end: int | None = _UNSET,
    quote: str | None = _UNSET,
    prefix: str = "",
    suffix: str = "",
) -> Claim:
    """Edit a claim's wording, claimant (and its type), date, tags or span, refusing stale edits.

    The span moves to new `start`/`end` (checked against `quote` when given too), or to where
    `quote` alone occurs (with `prefix`/`suffix` to choose), as in `claim_create`.
    `expected_version` is the version the caller saw; if someone saved the claim since, raise
    ConflictError (naming who) and change nothing. Every saved edit bumps the version. Raise
    PermissionDenied unless the actor may research the claim (one assigned to someone is theirs).
    """
    names = None if tags is _UNSET else normalize_tags(tags)
    with transaction.atomic():
        current = Claim.objects.select_for_update().select_related("article").get(pk=claim.pk)
        require_research(actor, current, doing=_("edit this claim"))
        if current.version != expected_version:
            editor = _last_editor(current)
            raise ConflictError(
                (
                    _(
                        "Claim %(current_pk)s was %(changed_by_phrase)s (you saw version "
                        "%(expected_version)s, it is now %(version)s); reload it and apply "
                        "your edit again."
                    )
                    % {
                        "current_pk": current.pk,
                        "changed_by_phrase": changed_by_phrase(editor, actor),
                        "expected_version": expected_version,
                        "version": current.version,
                    }
                ),
                current_version=current.version,
                current_status=current.status,
                changed_by=editor,
            )
        if current.status not in EDITABLE_STATUSES:
            raise ValidationError(
                {
                    "status": (
                        _(
                            "A claim that is %(status)s cannot be edited; it must be back in "
                            "research first."
                        )
                        % {"status": current.get_status_display().lower()}
                    )
                }
            )
        if claim_text is not _UNSET:
            if not (claim_text or "").strip():
                raise ValidationError({"claim_text": _("The claim text must not be empty.")})
            current.claim_text = _check_claim_text(claim_text.strip())
        if claimant is not _UNSET:
            current.claimant = (claimant or "").strip()
        if claimant_type is not _UNSET:
            current.claimant_type = _check_claimant_type(claimant_type)
        if claim_date is not _UNSET:
            current.claim_date = parse_date(claim_date, field="claim_date")
        if start is not _UNSET or end is not _UNSET or quote is not _UNSET:
            by_quote = start is _UNSET and end is _UNSET
            anchor = resolve_anchor(
                current.article.text,
                start=None if by_quote else current.start if start is _UNSET else start,
                end=None if by_quote else current.end if end is _UNSET else end,
                quote=None if quote is _UNSET else quote,
                prefix=prefix or "",
                suffix=suffix or "",
            )
            clash = (
                Claim.objects.filter(article=current.article, start=anchor.start, end=anchor.end)
                .exclude(pk=current.pk)
                .values_list("pk", flat=True)
                .first()
            )
            if clash is not None:
                raise ValidationError(
                    {
                        "start": (
                            _("Claim %(clash)s already covers %(start)s–%(end)s.")
                            % {"clash": clash, "start": anchor.start, "end": anchor.end}
                        )
                    }
                )
            current.start, current.end, current.quote = anchor.start, anchor.end, anchor.quote
            current.prefix, current.suffix = anchor.prefix, anchor.suffix
        current.version += 1
        current.full_clean()
        current._history_user = actor
        current.save()
        if names is not None:
            apply_tags(current, names)
    return current


def changed_by_phrase(editor: str, actor: AbstractBaseUser | None) -> str:
    """Say who changed a claim meanwhile, plainly when it was the one asking now."""
    if actor is not None and editor == actor.get_username():
        return _("changed by you in another window or an earlier request")
    return _("changed by %(editor)s meanwhile") % {"editor": editor}


def apply_tags(claim: Claim, names: list[str]) -> None:
    """Give the claim exactly these normalised tags, creating new ones (the caller checked who)."""
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    missing = [Tag(name=name) for name in names if name not in existing]
    # Another request may create the same tag at once; the unique name settles it.
    Tag.objects.bulk_create(missing, ignore_conflicts=True)
    claim.tags.set(Tag.objects.filter(name__in=names))


def _check_claimant_type(value: str) -> str:
    if value not in ClaimantType.values:
        choices = " or ".join(ClaimantType.values)
        raise ValidationError(
            {
                "claimant_type": (
                    _("The claimant type is %(choices)s, not %(value)r.")
                    % {"choices": choices, "value": str(value)[:40]}
                )
            }
        )
    return value


def _last_editor(claim: Claim) -> str:
    record = claim.history.select_related("history_user").order_by("-history_date").first()
    user = record.history_user if record else None
    return user.get_username() if user else _("someone")


def _check_claim_text(text: str) -> str:
    if len(text) > MAX_CLAIM_CHARS:
        raise ValidationError(
            {
                "claim_text": (
                    _(
                        "The claim text is %(count)s characters long; use at most "
                        "%(max_claim_chars)s."
                    )
                    % {
                        "count": number_format(len(text), force_grouping=True),
                        "max_claim_chars": number_format(MAX_CLAIM_CHARS, force_grouping=True),
                    }
                )
            }
        )
    return text


def _check_score(value: float | None) -> float | None:
    if value is None:
        return None
    if not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValidationError({"checkworthiness": _("Check-worthiness must be between 0 and 1.")})
    return float(value)
