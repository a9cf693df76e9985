"""Agreement figures: checked against published examples and, where installed, the libraries."""

import datetime
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotations.agreement import (
    cohen_kappa,
    krippendorff_alpha_nominal,
    raw_agreement,
    reviewer_agreement,
)
from annotations.models import ClaimStatus, Rating, VerdictRole
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    ReviewEventFactory,
    UserFactory,
    VerdictFactory,
)

# Cohen's kappa, the textbook 2×2 example (Wikipedia, "Cohen's kappa"): of 50 items, both
# said yes to 20, only the first to 5, only the second to 10, both said no to 15.
YES_NO = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example with four
# coders, twelve units and missing values; nominal alpha = 0.743.
_ = None
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]
# The same paper's binary example with two coders and ten units; alpha = 0.095.
KRIPPENDORFF_BINARY = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]


def units_of(coders):
    return [list(unit) for unit in zip(*coders, strict=True)]


def test_raw_agreement_and_kappa_textbook_example():
    assert raw_agreement(YES_NO) == pytest.approx(0.7)
    assert cohen_kappa(YES_NO) == pytest.approx(0.4)


def test_krippendorff_published_examples():
    assert krippendorff_alpha_nominal(units_of(KRIPPENDORFF_2011)) == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha_nominal(units_of(KRIPPENDORFF_BINARY)) == pytest.approx(
        0.095, abs=5e-4
    )


def test_undefined_figures_are_none():
    assert raw_agreement([]) is None
    assert cohen_kappa([]) is None
    assert cohen_kappa([("true", "true")] * 5) is None
    assert krippendorff_alpha_nominal([]) is None
    assert krippendorff_alpha_nominal([["true", "true"], ["true", "true"]]) is None
    assert krippendorff_alpha_nominal([["true"], ["false"]]) is None


def test_perfect_agreement_is_one():
    pairs = [("true", "true"), ("false", "false"), ("misleading", "misleading")]
    assert raw_agreement(pairs) == 1
    assert cohen_kappa(pairs) == pytest.approx(1)
    assert krippendorff_alpha_nominal(pairs) == pytest.approx(1)


LABELS = st.sampled_from(["true", "mostly-true", "half-true", "false", "misleading"])
PAIRS = st.lists(st.tuples(LABELS, LABELS), min_size=2, max_size=60)


@settings(max_examples=200, deadline=None)
@given(PAIRS)
def test_kappa_matches_scikit_learn(pairs):
    metrics = pytest.importorskip("sklearn.metrics")
    first, second = zip(*pairs, strict=True)
    ours = cohen_kappa(pairs)
    if len(set(first) | set(second)) == 1:
        assert ours is None
        return
    theirs = metrics.cohen_kappa_score(first, second)
    assert ours == pytest.approx(theirs, abs=1e-9)


UNITS = st.lists(st.lists(st.one_of(st.none(), LABELS), min_size=1, max_size=4), max_size=40)


@settings(max_examples=200, deadline=None)
@given(UNITS)
def test_alpha_matches_the_krippendorff_package(units):
    krippendorff = pytest.importorskip("krippendorff")
    ours = krippendorff_alpha_nominal(units)
    pairable = [[value for value in unit if value is not None] for unit in units]
    pairable = [unit for unit in pairable if len(unit) >= 2]
    values = {value for unit in pairable for value in unit}
    if len(values) < 2:
        assert ours is None
        return
    # The package takes a coders × units matrix of numbers, NaN where a coder gave none.
    codes = {label: float(index) for index, label in enumerate(sorted(values))}
    width = max(len(unit) for unit in units)
    matrix = [
        [codes[unit[row]] if row < len(unit) and unit[row] in codes else math.nan for unit in units]
        for row in range(width)
    ]
    theirs = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert ours == pytest.approx(theirs, abs=1e-9)


def test_the_published_example_matches_the_krippendorff_package():
    krippendorff = pytest.importorskip("krippendorff")
    matrix = [[math.nan if value is None else value for value in row] for row in KRIPPENDORFF_2011]
    assert krippendorff_alpha_nominal(units_of(KRIPPENDORFF_2011)) == pytest.approx(
        krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    )


# Over claims in the database.


def reviewed(article, start, ratings, *, on=None):
    """Return a claim of `article` whose latest submission got review verdicts `ratings`."""
    claim = ClaimFactory(article=article, start=start, end=start + 12, status=ClaimStatus.IN_REVIEW)
    submission = ReviewEventFactory(claim=claim, submit=True)
    for slug in ratings:
        verdict = VerdictFactory(
            claim=claim,
            role=VerdictRole.REVIEW,
            submission=submission,
            author=UserFactory(),
            rating=Rating.objects.get(scale__is_default=True, slug=slug),
        )
        if on is not None:
            type(verdict).objects.filter(pk=verdict.pk).update(
                created_at=datetime.datetime.combine(on, datetime.time(12), tzinfo=datetime.UTC)
            )
    return claim


def test_reviewer_agreement_by_article(default_scale):
    article = ArticleFactory()
    reviewed(article, 0, ["false", "false"])
    reviewed(article, 87, ["true", "mostly-true"])
    reviewed(article, 158, ["false", "false"])
    reviewed(article, 194, ["true"])  # only one review in: not a pair
    reviewed(ArticleFactory(), 0, ["true", "false"])

    report = reviewer_agreement(article=article)
    assert (report.units, report.pairs) == (3, 3)
    assert report.raw_agreement == pytest.approx(2 / 3)
    pairs = [("false", "false"), ("true", "mostly-true"), ("false", "false")]
    assert report.cohen_kappa == pytest.approx(cohen_kappa(pairs))
    assert report.krippendorff_alpha == pytest.approx(krippendorff_alpha_nominal(pairs))
    assert report.ratings == {"default/false": 4, "default/true": 1, "default/mostly-true": 1}

    everything = reviewer_agreement()
    assert everything.pairs == 4


def test_reviewer_agreement_by_date_range(default_scale):
    article = ArticleFactory()
    reviewed(article, 0, ["false", "false"], on=datetime.date(2025, 3, 1))
    reviewed(article, 87, ["true", "false"], on=datetime.date(2025, 3, 20))
    march_first_half = reviewer_agreement(
        since=datetime.date(2025, 3, 1), until=datetime.date(2025, 3, 15)
    )
    assert (march_first_half.pairs, march_first_half.raw_agreement) == (1, 1.0)
    assert march_first_half.cohen_kappa is None  # one label only: kappa is undefined
    whole_month = reviewer_agreement(
        since=datetime.date(2025, 3, 1), until=datetime.date(2025, 3, 31)
    )
    assert (whole_month.pairs, whole_month.raw_agreement) == (2, 0.5)
    assert reviewer_agreement(since=datetime.date(2025, 4, 1)).pairs == 0
    assert reviewer_agreement(since=datetime.date(2025, 4, 1)).raw_agreement is None
