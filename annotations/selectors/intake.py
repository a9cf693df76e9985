"""Reads for intake: the article a URL or a text already belongs to, near-duplicate candidates."""

from collections.abc import Iterable

from django.db.models import Q

from annotations.models import Article, ArticleBand, ArticleFingerprint, FetchRecord


def article_with_url(urls: Iterable[str]) -> Article | None:
    """Return the article stored under, or fetched from, any of these URLs, if there is one."""
    urls = sorted({url for url in urls if url})
    if not urls:
        return None
    article = Article.objects.filter(url__in=urls).order_by("pk").first()
    if article is not None:
        return article
    record = (
        FetchRecord.objects.filter(Q(requested_url__in=urls) | Q(final_url__in=urls))
        .select_related("article")
        .order_by("pk")
        .first()
    )
    return record.article if record is not None else None


def article_with_text(text_sha256: str) -> Article | None:
    """Return the earliest article whose canonical text has this hash, if there is one."""
    return Article.objects.filter(text_sha256=text_sha256).order_by("pk").first()


def near_duplicate_candidates(keys: list[str], *, exclude: int | None = None) -> dict[int, bytes]:
    """Return the signatures of articles sharing a band key with these keys, by article id."""
    ids = ArticleBand.objects.filter(key__in=keys).values("article_id")
    fingerprints = ArticleFingerprint.objects.filter(article_id__in=ids)
    if exclude is not None:
        fingerprints = fingerprints.exclude(article_id=exclude)
    return dict(fingerprints.values_list("article_id", "minhash"))
