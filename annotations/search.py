"""The claims' full-text search vector on PostgreSQL, shared by every search over claims.

Migration 0005 indexes exactly this expression (a frozen copy of it); a search written any
other way would read every row. Tests check that the planner uses the index.
"""

from django.contrib.postgres.search import SearchVector

SEARCH_CONFIG = "simple"  # no stemming or stop words: claims come in every language


def claim_search_vector() -> SearchVector:
    """Return the indexed vector of a claim's quote, restated text and claimant."""
    return SearchVector("quote", "claim_text", "claimant", config=SEARCH_CONFIG)
