"""The import path scores an article's sentences exactly as scoring each alone would."""

import pytest

from annotations.models import Claim
from annotations.services import SYSTEM, article_import_split
from annotations.splitting.checkworthiness import score

pytestmark = pytest.mark.django_db

TEXT = (
    "The minister said council spending rose 14% in 2005. "
    "Officials claimed 7 thousand people use the transit service. "
    "Critics argued the housing plan for water was rushed and unclear. "
    "The desk filed its report today.\n\n"
    "Unemployment fell to 4.1% last year, the lowest since 1998, according to the agency. "
    "It was a sunny afternoon."
)


def test_imported_claims_carry_the_scores_of_their_sentences_scored_alone():
    article, result = article_import_split(
        actor=SYSTEM, text=TEXT, title="Report", url="", language="en"
    )
    claims = list(Claim.objects.filter(article=article).order_by("start"))
    assert len(claims) >= 5
    assert len(result.created) == len(claims)
    for claim in claims:
        alone = score(claim.quote, "en")
        assert (claim.checkworthiness, tuple(claim.reasons)) == (alone.value, alone.reasons)
