from tests.factories import ClaimFactory, EvidenceFactory, VerdictFactory


def test_factories_build_valid_rows(db):
    claim = ClaimFactory(published=True)
    claim.full_clean()
    EvidenceFactory(claim=claim).full_clean()
    VerdictFactory(claim=claim).full_clean()
    assert claim.article.text[claim.start : claim.end] == claim.quote
