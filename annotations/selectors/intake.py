"""Reads for intake: the article a URL or a text already belongs to, near-duplicate candidates."""

from collections.abc import Iterable

from django.db import connection
from django.db.models import Q

from annotations.models import Article, ArticleBand, ArticleFingerprint, FetchRecord

# How many articles sharing band keys with a new one have their signatures compared with it.
NEAR_DUPLICATE_CANDIDATES = 50
# Through one band key, only the articles that most recently shared it count. A key that
# thousands of articles share (a template's boilerplate) tells little about any of them, and
# counting them all made the question cost more the larger the archive grew; a near-duplicate
# shares most of its keys, the rarer ones included.
ARTICLES_PER_BAND = 200


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
    (the earliest first among equals) are compared, not every one that shares any, and each
    key counts only the ARTICLES_PER_BAND articles that shared it last.
    """
    keys = list(dict.fromkeys(keys))
    if not keys:
        return {}
    table = connection.ops.quote_name(ArticleBand._meta.db_table)
    # One branch per key, each reading at most ARTICLES_PER_BAND rows of the (key, article)
    # index; the branches are wrapped so SQLite accepts their ORDER BY and LIMIT.
    branch = (
        f"SELECT article_id FROM (SELECT article_id FROM {table} WHERE key = %s "
        "AND article_id <> %s ORDER BY article_id DESC LIMIT %s) AS b{n}"
    )
    sharing = " UNION ALL ".join(branch.format(n=n) for n in range(len(keys)))
    sql = (
        f"SELECT article_id FROM ({sharing}) AS shared GROUP BY article_id "
        "ORDER BY COUNT(*) DESC, article_id LIMIT %s"
    )
    params: list[object] = []
    for key in keys:
        params += [key, exclude if exclude is not None else 0, ARTICLES_PER_BAND]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        closest = [row[0] for row in cursor.fetchall()]
    fingerprints = ArticleFingerprint.objects.filter(article_id__in=closest)
    return dict(fingerprints.values_list("article_id", "minhash"))
