"""PostgreSQL times are read by psycopg's compiled parser, as Django's own loader reads them."""

import datetime

import pytest
from django.db import connection

from annotations import postgres_times
from annotations.api.pagination import ClaimCursorPagination
from annotations.models import Claim
from annotations.services import claim_create

pytestmark = pytest.mark.django_db

TIMESTAMPTZ = 1184  # the type's fixed oid in every PostgreSQL

STORED = (
    "2026-03-05 10:00:00.123456+00",
    "2026-03-05 10:00:00+00",
    "0099-12-31 23:59:59.5+00",
    "2026-03-05 10:00:00.1+05:30",
)


def _postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL): the loader is psycopg's, SQLite has none")


def test_times_read_as_djangos_own_loader_reads_them():
    _postgresql()
    from django.db.backends.postgresql.psycopg_any import BaseTzLoader
    from psycopg.pq import Format

    connection.ensure_connection()
    loader_class = connection.connection.adapters.get_loader(TIMESTAMPTZ, Format.TEXT)
    assert loader_class is postgres_times.loader_in(connection.timezone)

    class DjangosLoader(BaseTzLoader):
        timezone = connection.timezone

    ours, django = (
        loader_class(TIMESTAMPTZ, connection.connection),
        DjangosLoader(TIMESTAMPTZ, connection.connection),
    )
    for text in STORED:
        assert ours.load(text.encode()) == django.load(text.encode()), text
        assert ours.load(text.encode()).tzinfo is django.load(text.encode()).tzinfo
    with pytest.raises(Exception, match="too large"):
        ours.load(b"infinity")


def test_models_read_back_the_times_they_wrote(article, annotator):
    _postgresql()
    claim = claim_create(article=article, actor=annotator, quote="120 drivers")
    moment = datetime.datetime(2026, 3, 5, 10, 0, 0, 120000, tzinfo=datetime.UTC)
    Claim.objects.filter(pk=claim.pk).update(updated_at=moment)
    read = Claim.objects.values_list("updated_at", flat=True).get(pk=claim.pk)
    assert read == moment and read.utcoffset() == datetime.timedelta(0)


def test_other_databases_are_left_alone():
    class SQLite:
        vendor = "sqlite"

    # Nothing to register, and nothing raised, for a database that is not PostgreSQL.
    assert postgres_times.use_compiled_loader(None, SQLite()) is None


def test_the_claims_pages_read_their_order_from_an_index():
    index_orders = [tuple(index.fields) for index in Claim._meta.indexes]
    assert tuple(ClaimCursorPagination.ordering) in index_orders
    _postgresql()
    sql, params = Claim.objects.order_by(*ClaimCursorPagination.ordering)[
        :51
    ].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "claim_updated_id_idx" in plan and "Sort" not in plan, plan
