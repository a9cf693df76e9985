"""Agreement between blind reviewers: raw agreement, Cohen's kappa, Krippendorff's alpha.

The statistics are computed here in plain Python (a few lines each, no numpy in the web
process); tests check them against published examples and against scikit-learn and the
`krippendorff` package where those are installed.

A unit is one submission of a claim that two reviewers rated blind. Cohen's kappa needs two
fixed coders, which reviewers are not (different people rate different claims), so it is
computed with "first verdict in" and "second verdict in" as the two coders; Krippendorff's
alpha (nominal) makes no such assumption and is the figure to quote.
"""

import datetime
import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from annotations.models import Article, Claim, Verdict, VerdictRole


@dataclass(frozen=True)
class AgreementReport:
    """Agreement figures over the blind-reviewed submissions of a set of claims.

    A figure is None when it is undefined: no pairs, or (kappa, alpha) every verdict the same.
    """

    units: int
    pairs: int
    raw_agreement: float | None
    cohen_kappa: float | None
    krippendorff_alpha: float | None
    ratings: dict[str, int]


def raw_agreement(pairs: Sequence[tuple[Hashable, Hashable]]) -> float | None:
    """Return the share of pairs whose two values are equal."""
    if not pairs:
        return None
    return sum(first == second for first, second in pairs) / len(pairs)


def cohen_kappa(pairs: Sequence[tuple[Hashable, Hashable]]) -> float | None:
    """Return Cohen's kappa of two coders, given as (first coder's value, second's) pairs."""
    if not pairs:
        return None
    total = len(pairs)
    observed = raw_agreement(pairs)
    first = Counter(value for value, _ in pairs)
    second = Counter(value for _, value in pairs)
    expected = sum(first[label] * second[label] for label in first) / (total * total)
    if math.isclose(expected, 1):
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha_nominal(units: Iterable[Sequence[Hashable]]) -> float | None:
    """Return Krippendorff's alpha for nominal data; each unit lists the values it was given.

    Units with fewer than two values carry no information about agreement and are ignored,
    so coders may differ from unit to unit and values may be missing.
    """
    coincidences: dict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for unit in units:
        values = [value for value in unit if value is not None]
        count = len(values)
        if count < 2:
            continue
        for i, first in enumerate(values):
            for j, second in enumerate(values):
                if i != j:
                    coincidences[first, second] += 1 / (count - 1)
    marginals: dict[Hashable, float] = defaultdict(float)
    for (first, _), weight in coincidences.items():
        marginals[first] += weight
    total = sum(marginals.values())
    if total <= 1:
        return None
    observed = sum(weight for (first, second), weight in coincidences.items() if first != second)
    expected = sum(
        marginals[first] * marginals[second]
        for first in marginals
        for second in marginals
        if first != second
    )
    if math.isclose(expected, 0):
        return None
    return 1 - (total - 1) * observed / expected


def review_units(
    *,
    claims: QuerySet[Claim] | None = None,
    article: Article | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> list[tuple[str, ...]]:
    """Return the blind review ratings (as `scale/rating` slugs) of each reviewed submission.

    Choose the claims by queryset, by article, and/or by the date the reviews were given
    (`since` and `until` inclusive); with none given, every claim counts.
    """
    verdicts = Verdict.objects.filter(role=VerdictRole.REVIEW, submission__isnull=False)
    if claims is not None:
        verdicts = verdicts.filter(claim__in=claims)
    if article is not None:
        verdicts = verdicts.filter(claim__article=article)
    if since is not None:
        verdicts = verdicts.filter(created_at__date__gte=since)
    if until is not None:
        verdicts = verdicts.filter(created_at__date__lte=until)
    grouped: dict[int, list[str]] = defaultdict(list)
    rows = verdicts.order_by("submission_id", "created_at", "id").values_list(
        "submission_id", "rating__scale__slug", "rating__slug"
    )
    for submission_id, scale_slug, rating_slug in rows:
        grouped[submission_id].append(f"{scale_slug}/{rating_slug}")
    return [tuple(values) for values in grouped.values()]


def reviewer_agreement(
    *,
    claims: QuerySet[Claim] | None = None,
    article: Article | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> AgreementReport:
    """Return how far blind reviewers agreed over the chosen claims (see `review_units`)."""
    units = [
        unit
        for unit in review_units(claims=claims, article=article, since=since, until=until)
        if len(unit) >= 2
    ]
    pairs = [(unit[0], unit[1]) for unit in units]
    return AgreementReport(
        units=len(units),
        pairs=len(pairs),
        raw_agreement=raw_agreement(pairs),
        cohen_kappa=cohen_kappa(pairs),
        krippendorff_alpha=krippendorff_alpha_nominal(units),
        ratings=dict(Counter(value for unit in units for value in unit)),
    )
