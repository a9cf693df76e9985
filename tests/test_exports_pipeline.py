"""The query pipeline exports read through: rows, order, errors, and a clean connection after."""

import pytest
from django.db import DataError, connection, transaction
from django.db.models import F

from annotations.exports.pipeline import QueryPipeline
from annotations.exports.stream import export_stream
from annotations.models import Article, Claim
from tests.helpers import ARTICLE_TEXT, make_article, publish


def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (set DATABASE_URL): only there do queries run in pipeline mode; "
            "on SQLite each query runs when its rows are asked for, as the other tests show"
        )


def _pipeline_off() -> bool:
    return connection.connection.pgconn.pipeline_status == 0


@pytest.fixture
def articles(db):
    return [
        make_article(url=f"https://news.example.org/{n}", text=f"{ARTICLE_TEXT} Update {n}.")
        for n in range(3)
    ]


def test_rows_can_be_collected_in_any_order(articles):
    with QueryPipeline() as queries:
        urls = queries.submit(Article.objects.order_by("pk").values_list("url"))
        hashes = queries.submit(Article.objects.order_by("-pk").values_list("pk", "text_sha256"))
        assert hashes() == [(a.pk, a.text_sha256) for a in reversed(articles)]
        assert urls() == [(a.url,) for a in articles]


def test_a_query_that_can_match_nothing_is_not_sent(articles, django_assert_num_queries):
    with django_assert_num_queries(0), QueryPipeline() as queries:
        assert queries.submit(Article.objects.filter(pk__in=[]).values_list("pk"))() == []


def test_submitted_queries_are_counted(articles, django_assert_num_queries):
    with django_assert_num_queries(2) as captured, QueryPipeline() as queries:
        queries.submit(Article.objects.values_list("pk"))()
        queries.submit(Article.objects.filter(url__endswith="/1").values_list("pk"))()
    assert "/1" in captured.captured_queries[1]["sql"]


def test_a_failing_query_raises_djangos_error_and_leaves_the_connection_usable(articles):
    _postgres_only()
    with pytest.raises(DataError), transaction.atomic(), QueryPipeline() as queries:
        # Division by zero for every row: the server refuses the query.
        broken = Article.objects.annotate(bad=F("pk") / 0).values_list("bad")
        queries.submit(broken)()
    assert _pipeline_off()
    assert Article.objects.count() == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_between_chunks_an_export_holds_nothing_in_the_database(annotator, reviewer, editor):
    _postgres_only()
    from psycopg.pq import TransactionStatus

    from annotations.services import claim_create

    articles = [
        make_article(url=f"https://news.example.org/{n}", text=f"{ARTICLE_TEXT} Update {n}.")
        for n in range(3)
    ]
    for article in articles:
        claim = claim_create(article=article, actor=annotator, quote="120 drivers")
        publish(claim, annotator=annotator, reviewer=reviewer, editor=editor)
    stream = export_stream("jsonl", chunk_size=1)
    first = next(stream)
    assert first.count("\n") == 1
    # A reader who stops here (a slow client) leaves no transaction open, no snapshot pinned
    # and no query in flight, and the connection works as usual meanwhile, writes included.
    assert _pipeline_off()
    assert connection.connection.info.transaction_status == TransactionStatus.IDLE
    assert Article.objects.filter(pk=articles[2].pk).update(title="Renamed") == 1
    rest = list(stream)
    assert [chunk.count("\n") for chunk in rest] == [1, 1]
    assert '"title":"Renamed"' in rest[-1]


def test_an_abandoned_export_leaves_the_connection_usable(articles, annotator, reviewer, editor):
    from annotations.services import claim_create

    for article in articles:
        claim = claim_create(article=article, actor=annotator, quote="120 drivers")
        publish(claim, annotator=annotator, reviewer=reviewer, editor=editor)
    stream = export_stream("jsonl", chunk_size=1)
    assert next(stream).count("\n") == 1
    stream.close()
    if connection.vendor == "postgresql":
        assert _pipeline_off()
    assert Claim.objects.filter(status="published").count() == 3


def test_without_pipeline_support_queries_run_one_after_another(articles, monkeypatch):
    _postgres_only()
    import psycopg

    monkeypatch.setattr(psycopg.capabilities, "has_pipeline", lambda: False)
    with QueryPipeline() as queries:
        assert _pipeline_off()
        urls = queries.submit(Article.objects.order_by("pk").values_list("url"))
        assert urls() == [(a.url,) for a in articles]
