"""Find published fact-checks that look like a claim: has the desk checked this before?

Candidates come from the database (full-text search over the claims' search index on
PostgreSQL, a word match on the newest published claims elsewhere) and are scored here by the
share of key terms they have in common with the claim, so both databases rank alike.
"""

import itertools
import math
import unicodedata
from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models import Q, QuerySet

from annotations.models import Claim, ClaimStatus
from annotations.selectors import final_verdicts_prefetch

# Words too common to say two claims are about the same thing.
STOPWORDS = frozenset(
    """
    a about after all also an and any are as at be been before being but by can could did do
    does for from had has have he her his how if in into is it its last more most much no not of
    on one or other our out over said says she so some than that the their them then there these
    they this those to under up was we were what when which while who will with would year years
    you
    """.split()
)
# Longer words say more about a claim than short ones; a query of a few is enough.
MAX_TERMS = 8
# How many candidates the database offers for scoring.
CANDIDATES = 50
# Matches ranked by the database, newest first: ranking recomputes each match's text vector,
# so a claim made of common words must not rank the whole table.
RANK_WINDOW = 1000
# Newest published claims searched word by word where there is no full-text index.
FALLBACK_WINDOW = 2000
# Key terms a fact-check must share with the claim to count as similar.
MIN_SHARED = 2


def key_terms(text: str) -> set[str]:
    """Return the claim's words that carry meaning: numbers and uncommon words, lower-cased."""
    return {
        word
        for word in _words(text.lower())
        if word not in STOPWORDS and (len(word) >= 3 or (word.isdigit() and len(word) >= 2))
    }


def _words(text: str) -> list[str]:
    """Split text into words of letters and digits with the marks that belong to them.

    A vowel sign in Hindi or a short vowel in Arabic is part of its word, as PostgreSQL's
    parser sees it; Python's word pattern would cut the word there.
    """
    words, current = [], []
    for char in text:
        if char.isalnum() or unicodedata.category(char).startswith("M"):
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def similar_published_claims(*, claim: Claim, limit: int = 5) -> list[Claim]:
    """Return up to `limit` published claims most like this one, best first.

    Each carries `shared_terms` (sorted) and its final verdict (read it with `final_verdict`).
    """
    terms = key_terms(f"{claim.claim_text} {claim.quote}")
    if len(terms) < MIN_SHARED:  # one word in common says nothing about two claims
        return []
    scored = []
    for candidate in candidate_query(claim, _query_terms(terms)):
        other = key_terms(f"{candidate.claim_text} {candidate.quote}")
        shared = terms & other
        if len(shared) < MIN_SHARED:
            continue
        candidate.shared_terms = sorted(shared)
        score = len(shared) / math.sqrt(len(terms) * len(other))
        scored.append((score, candidate.published_at, candidate))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [candidate for _, _, candidate in scored[:limit]]


def _published_except(claim: Claim) -> QuerySet[Claim]:
    return (
        Claim.objects.filter(status=ClaimStatus.PUBLISHED)
        .exclude(pk=claim.pk)
        .only("pk", "claim_text", "quote", "claimant", "published_at", "article_id")
        .prefetch_related(final_verdicts_prefetch())
    )


def candidate_query(claim: Claim, terms: list[str]) -> QuerySet[Claim]:
    """Return the published claims (other than this one) that share any two of the terms."""
    published = _published_except(claim)
    if connection.vendor != "postgresql":
        return _word_matches(published, terms)
    from django.contrib.postgres.search import SearchRank

    vector, query = _pairs_query(itertools.combinations(terms, 2))
    return (
        published.filter(pk__in=_newest_matches(published, vector, query))
        .annotate(rank=SearchRank(vector, query))
        .order_by("-rank", "-published_at")[:CANDIDATES]
    )


def claims_checked_before(claims: Sequence[Claim]) -> set[int]:
    """Return the ids of the claims that look like a published fact-check, in one query.

    A claim counts when `similar_published_claims` would find a match for it: a published
    claim (other than itself) sharing at least MIN_SHARED key terms, among the newest that
    share a pair of its leading terms. Used where only "checked before?" matters (an import's
    summary), so an article's claims are looked up together instead of one by one.
    """
    terms_of = {}
    pairs: set[tuple[str, str]] = set()
    for claim in claims:
        terms = key_terms(f"{claim.claim_text} {claim.quote}")
        if len(terms) < MIN_SHARED:
            continue
        terms_of[claim.pk] = terms
        pairs.update(itertools.combinations(_query_terms(terms), 2))
    if not terms_of:
        return set()
    published = Claim.objects.filter(status=ClaimStatus.PUBLISHED)
    if connection.vendor == "postgresql":
        vector, query = _pairs_query(sorted(pairs))
        found = published.filter(pk__in=_newest_matches(published, vector, query))
    else:
        found = _word_matches(published, sorted({term for pair in pairs for term in pair}))
    checked: set[int] = set()
    for found_pk, claim_text, quote in found.values_list("pk", "claim_text", "quote"):
        other = key_terms(f"{claim_text} {quote}")
        checked.update(
            pk
            for pk, terms in terms_of.items()
            if pk != found_pk and len(terms & other) >= MIN_SHARED
        )
    return checked


def _query_terms(terms: set[str]) -> list[str]:
    """Return the terms a database query looks for: the longest few, which say the most."""
    return sorted(terms, key=lambda term: (-len(term), term))[:MAX_TERMS]


def _pairs_query(pairs: Iterable[tuple[str, str]]):
    """Return the claims' search vector and a query matching any of these pairs of terms."""
    from django.contrib.postgres.search import SearchQuery

    from annotations.search import SEARCH_CONFIG, claim_search_vector

    # (a & b) | (a & c) | ... Terms are letters, digits and marks only, with no quote or
    # operator, so they are safe in a raw tsquery.
    query = SearchQuery(
        " | ".join("(" + " & ".join(f"'{term}'" for term in pair) + ")" for pair in pairs),
        search_type="raw",
        config=SEARCH_CONFIG,
    )
    return claim_search_vector(), query


def _newest_matches(published: QuerySet[Claim], vector, query) -> QuerySet:
    """Return the ids of the newest published claims matching the query (ranking all is slow)."""
    return (
        published.annotate(search=vector)
        .filter(search=query)
        .order_by("-published_at")
        .values("pk")[:RANK_WINDOW]
    )


def _word_matches(published: QuerySet[Claim], terms: Iterable[str]) -> QuerySet[Claim]:
    """Return the newest published claims holding any of the terms, where there is no index."""
    recent = published.order_by("-published_at", "-id")[:FALLBACK_WINDOW]
    matches = Q()
    for term in terms:
        matches |= Q(claim_text__icontains=term) | Q(quote__icontains=term)
    return published.filter(pk__in=recent.values("pk")).filter(matches)
