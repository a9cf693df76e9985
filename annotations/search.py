"""The claims' full-text search vector on PostgreSQL, shared by every search over claims.

Migration 0005 indexes exactly this expression (a frozen copy of it); a search written any
other way would read every row. Tests check that the planner uses the index.
"""

from django.contrib.postgres.search import SearchVector
from django.utils.translation import gettext as _

SEARCH_CONFIG = "simple"  # no stemming or stop words: claims come in every language

# Every word of a search is one more scan of every searched column (and, in the admin, one more
# condition per field: thousands exhaust SQLite's expression depth), so a search is short.
MAX_SEARCH_LENGTH = 200


def search_length_error(value: str) -> str | None:
    """Return why a search is refused for its length, or None when it may run."""
    if len(value) <= MAX_SEARCH_LENGTH:
        return None
    return _("The search is %(length)s characters long; use at most %(most)s.") % {
        "length": len(value),
        "most": MAX_SEARCH_LENGTH,
    }


def claim_search_vector() -> SearchVector:
    """Return the indexed vector of a claim's quote, restated text and claimant."""
    return SearchVector("quote", "claim_text", "claimant", config=SEARCH_CONFIG)
