"""Split an article into candidate claims, scored for check-worthiness, without losing work."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from annotations.anchoring import MAX_CLAIM_CHARS, anchor_at, is_character_boundary
from annotations.models import Article, Claim, ClaimOrigin, ClaimStatus
from annotations.services.articles import article_import
from annotations.services.claims import ADD_CLAIM
from annotations.services.common import Actor, credited, require_permission
from annotations.splitting import candidates


@dataclass
class SplitResult:
    """What a split changed: new candidates, rescored and removed ones, claims left alone."""

    created: list[Claim] = field(default_factory=list)
    rescored: int = 0
    removed: int = 0
    kept: int = 0


def _untouched(claims):
    """Narrow claims to automatic candidates nobody has acted on; only these may be replaced."""
    return claims.filter(
        status=ClaimStatus.CANDIDATE,
        origin=ClaimOrigin.AUTO,
        version=1,
        assignee__isnull=True,
        researcher__isnull=True,
        evidence__isnull=True,
        verdicts__isnull=True,
        comments__isnull=True,
        review_events__isnull=True,
        corrections__isnull=True,
    )


def claims_split(*, article: Article, actor: Actor) -> SplitResult:
    """Create candidate claims (origin auto, scored) for an article's sentences.

    Splitting again never loses work: manual claims and claims anyone has acted on (moved past
    candidate, edited, assigned, given evidence, verdicts, comments or review events) stay as they
    are, and no candidate is created on a span an existing claim already holds. Untouched
    automatic candidates are rescored in place when their span is found again and removed when
    it is not. A "sentence" longer than a claim may be (MAX_CLAIM_CHARS, as in text without
    punctuation) is not offered as a candidate. Raise PermissionDenied unless the actor may add
    claims.
    """
    require_permission(actor, ADD_CLAIM, doing=_("split an article into claims"))
    actor = credited(actor)
    atomic = bool(getattr(settings, "FACTCHECK_ATOMIC_CLAIMS", False))
    text = article.text
    found = [
        c
        for c in candidates(text, article.language, atomic=atomic)
        if c.end - c.start <= MAX_CLAIM_CHARS
        and is_character_boundary(text, c.start)
        and is_character_boundary(text, c.end)
    ]
    result = SplitResult()
    with transaction.atomic():
        # Lock the article so two splits of it cannot interleave.
        Article.objects.select_for_update().filter(pk=article.pk).values_list("pk").first()
        claims = Claim.objects.filter(article=article)
        # A new article has no claims: the joins that tell untouched ones would cost more to
        # plan than to run, so they run only where there is something to tell.
        if claims.exists():
            replaceable = {c.pk: c for c in _untouched(claims).distinct()}
            held = set(claims.exclude(pk__in=replaceable).values_list("start", "end"))
        else:
            replaceable, held = {}, set()
        result.kept = len(held)
        by_span = {(c.start, c.end): c for c in replaceable.values()}
        new: list[Claim] = []
        for candidate in found:
            span = (candidate.start, candidate.end)
            if span in held:
                continue
            reasons = list(candidate.reasons)
            current = by_span.pop(span, None)
            if current is not None:
                if (
                    current.checkworthiness != candidate.checkworthiness
                    or current.reasons != reasons
                ):
                    current.checkworthiness = candidate.checkworthiness
                    current.reasons = reasons
                    current._history_user = actor
                    current.save(update_fields=["checkworthiness", "reasons", "updated_at"])
                    result.rescored += 1
                continue
            anchor = anchor_at(text, candidate.start, candidate.end)
            claim = Claim(
                article=article,
                **asdict(anchor),
                claim_text=anchor.quote,
                origin=ClaimOrigin.AUTO,
                checkworthiness=candidate.checkworthiness,
                reasons=reasons,
                created_by=actor,
            )
            # Uniqueness is settled above and the article is locked; full_clean() would ask the
            # database once per claim, and checking the references once per claim and field.
            claim.clean_fields(exclude=["article", "created_by"])
            new.append(claim)
        stale = [c.pk for c in by_span.values()]
        if stale:
            for claim in Claim.objects.filter(pk__in=stale):
                claim._history_user = actor
                claim.delete()
            result.removed = len(stale)
        if new:
            result.created = bulk_create_with_history(
                new, Claim, batch_size=500, default_user=actor
            )
    return result


def article_import_split(*, actor: Actor, **kwargs: object) -> tuple[Article, SplitResult]:
    """Import an article and split it into candidate claims, both or neither.

    Takes the arguments of `article_import`; every import that splits (page, API, command line)
    comes here. A split that fails takes the article back with it, so no article is left
    behind without the claims it was imported for.
    """
    with transaction.atomic():
        article = article_import(actor=actor, **kwargs)
        result = claims_split(article=article, actor=actor)
    return article, result
