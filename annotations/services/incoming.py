"""Bulk triage on the incoming desk: start or dismiss claims of many articles at once."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from annotations.models import Article, Claim, ReviewAction
from annotations.services.common import Actor
from annotations.services.triage import TriageResult, claims_triage, selection

# Accept (start research on) or dismiss; restoring is done on the article page.
INCOMING_ACTIONS = (ReviewAction.START, ReviewAction.DISMISS)


def incoming_triage(
    *, actor: Actor, action: str, claims: list[tuple[int, int]], comment: str = ""
) -> list[TriageResult]:
    """Start or dismiss claims from many articles, each its own workflow step.

    `claims` holds (claim id, version the caller saw) pairs. Each article's claims go through
    `claims_triage` (permission, stale check and event per claim), so one refusal leaves the
    others done; the result says, per claim, what happened.
    """
    if action not in INCOMING_ACTIONS:
        raise ValidationError(
            {"action": (_("“%(action)s” is not start or dismiss.") % {"action": action})}
        )
    wanted = selection(claims)
    article_of = dict(Claim.objects.filter(pk__in=wanted).values_list("pk", "article_id"))
    by_article: dict[int, list[tuple[int, int]]] = defaultdict(list)
    results = []
    for claim_id, version in wanted.items():
        if claim_id in article_of:
            by_article[article_of[claim_id]].append((claim_id, version))
        else:
            results.append(
                TriageResult(claim_id, False, _("Claim %(pk)s does not exist.") % {"pk": claim_id})
            )
    articles = Article.objects.in_bulk(list(by_article))
    for article_id, picked in by_article.items():
        results.extend(
            claims_triage(
                article=articles[article_id],
                actor=actor,
                action=action,
                claims=picked,
                comment=comment,
            )
        )
    return results
