"""Duplicate articles: refuse an exact one, flag a near one, remember each text's fingerprint."""

from collections.abc import Iterable

from django.db import connection, transaction

from annotations.errors import DuplicateArticleError
from annotations.intake import dedupe
from annotations.models import Article, ArticleBand, ArticleFingerprint, PossibleDuplicate
from annotations.selectors.intake import (
    article_with_text,
    article_with_url,
    near_duplicate_candidates,
)


def refuse_duplicate(*, urls: Iterable[str] = (), text_sha256: str = "") -> None:
    """Raise DuplicateArticleError if an article has one of these URLs, or this text."""
    existing = article_with_url(urls)
    if existing is not None:
        raise DuplicateArticleError(article=existing, reason="url")
    if text_sha256:
        existing = article_with_text(text_sha256)
        if existing is not None:
            raise DuplicateArticleError(article=existing, reason="text")


def lock_text(text_sha256: str) -> None:
    """Hold, until the transaction ends, the lock that imports of this text take in turn.

    Two imports of one text at the same moment would both find no duplicate and both save;
    each takes this lock and checks again before saving, so the second finds the first. On
    PostgreSQL it is an advisory lock on the hash; SQLite's write transactions already queue.
    """
    if connection.vendor == "postgresql" and text_sha256:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(text_sha256[:15], 16)])


def article_fingerprint(*, article: Article) -> PossibleDuplicate | None:
    """Store the article's text fingerprint; flag and return its closest near-duplicate, if any.

    Called for every new article inside its import's transaction (nothing is left behind if
    the import fails). Texts too short to compare are not fingerprinted.
    """
    if not dedupe.has_enough_words(article.text):
        return None
    minhash = dedupe.signature(article.text)
    keys = dedupe.band_keys(minhash)
    best_id, best = None, 0.0
    candidates = near_duplicate_candidates(keys, exclude=article.pk)
    scores = dedupe.similarities(minhash, list(candidates.values()))
    for article_id, score in zip(candidates, scores, strict=True):
        # The earliest of equally close articles is the one to point at.
        if score > best or (score == best and best_id is not None and article_id < best_id):
            best_id, best = article_id, score
    ArticleFingerprint.objects.create(article=article, minhash=dedupe.to_bytes(minhash))
    ArticleBand.objects.bulk_create(ArticleBand(article=article, key=key) for key in keys)
    if best_id is None or best < dedupe.NEAR_DUPLICATE_SIMILARITY:
        return None
    return PossibleDuplicate.objects.create(
        article=article, duplicate_of_id=best_id, similarity=round(best, 3)
    )


def articles_fingerprint_missing(*, batch_size: int = 200) -> tuple[int, int]:
    """Fingerprint, oldest first, the articles that have none; return (fingerprinted, flagged).

    For articles imported before fingerprints were kept: each is compared with the older ones,
    as it would have been on import. Texts too short to compare are passed over.
    """
    done = flagged = 0
    last = 0
    while True:
        batch = list(
            Article.objects.filter(pk__gt=last, fingerprint__isnull=True)
            .order_by("pk")
            .only("pk", "text")[:batch_size]
        )
        if not batch:
            return done, flagged
        for article in batch:
            with transaction.atomic():
                flag = article_fingerprint(article=article)
            done += dedupe.has_enough_words(article.text)
            flagged += flag is not None
        last = batch[-1].pk
