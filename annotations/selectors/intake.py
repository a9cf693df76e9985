"""Reads for intake: the article a URL or a text already belongs to, near-duplicate candidates."""

from collections.abc import Iterable

from django.db.models import Count, Q

from annotations.models import Article, ArticleBand, ArticleFingerprint, FetchRecord

# How many articles sharing band keys with a new one have their signatures compared with it.
NEAR_DUPLICATE_CANDIDATES = 50


def article_with_url(urls: Iterable[str]) -> Article | None:
    """Return the article stored under, or fetched from, any of these URLs, if there is one."""
    urls = sorted({url for url in urls if url})
    if not urls:
        return None
    # Ids first: every import asks, and nearly always nothing is found.
    found = Article.objects.filter(url__in=urls).order_by("pk").values_list("pk", flat=True)
    article_id = found.first()
    if article_id is None:
        fetched = (
            FetchRecord.objects.filter(Q(requested_url__in=urls) | Q(final_url__in=urls))
            .order_by("pk")
            .values_list("article_id", flat=True)
        )
        article_id = fetched.first()
    return Article.objects.get(pk=article_id) if article_id is not None else None


def article_with_text(text_sha256: str) -> Article | None:
    """Return the earliest article whose canonical text has this hash, if there is one."""
    return Article.objects.filter(text_sha256=text_sha256).order_by("pk").first()


def near_duplicate_candidates(
    keys: list[str], *, exclude: int | None = None, limit: int = NEAR_DUPLICATE_CANDIDATES
) -> dict[int, bytes]:
    """Return the signatures of the articles sharing most band keys with these, by article id.

    The closer two texts, the more bands they share; templated reports (results, weather)
    share a band or two with many others, so only the `limit` articles sharing the most keys
    (the earliest first among equals) are compared, not every one that shares any.
    """
    bands = ArticleBand.objects.filter(key__in=keys)
    if exclude is not None:
        bands = bands.exclude(article_id=exclude)
    closest = (
        bands.values("article_id")
        .annotate(shared=Count("pk"))
        .order_by("-shared", "article_id")
        .values("article_id")[:limit]
    )
    fingerprints = ArticleFingerprint.objects.filter(article_id__in=closest)
    return dict(fingerprints.values_list("article_id", "minhash"))
