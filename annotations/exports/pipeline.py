"""Send read queries ahead, so PostgreSQL runs them while Python handles earlier results.

An export alternates between waiting for the database and serialising what it read; on
PostgreSQL, psycopg's pipeline mode lets both happen at once on the same connection, with no
thread. Leaving the block syncs the pipeline: the implicit transaction its queries ran in ends
and the connection is back to normal, so hold a pipeline only while working, never across a
`yield` to a caller who may keep it for minutes. Other databases (and drivers that cannot
pipeline) run each query when its rows are asked for.
"""

import time
from collections.abc import Callable
from types import TracebackType

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet

Pending = Callable[[], list[tuple]]


class QueryPipeline:
    """Submit `values_list` querysets now and collect their rows later, in any order."""

    def __init__(self) -> None:
        self._pipeline = None
        self._cursors: list = []

    def __enter__(self) -> "QueryPipeline":
        if connection.vendor == "postgresql":
            connection.ensure_connection()
            if _has_pipeline(connection.connection):
                self._pipeline = connection.connection.pipeline()
                with connection.wrap_database_errors:
                    self._pipeline.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._pipeline is None:
            return
        pipeline, self._pipeline = self._pipeline, None
        try:
            # Exiting syncs: results nobody collected are read and dropped here.
            with connection.wrap_database_errors:
                pipeline.__exit__(kind, error, trace)
        finally:
            for cursor in self._cursors:
                cursor.close()
            self._cursors.clear()

    def submit(self, queryset: QuerySet) -> Pending:
        """Start the query; return a function that waits for its rows (tuples)."""
        if self._pipeline is None:
            return lambda: list(queryset)
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:
            return list
        started = time.monotonic()
        cursor = connection.connection.cursor()
        self._cursors.append(cursor)
        with connection.wrap_database_errors:
            cursor.execute(sql, params)

        def rows() -> list[tuple]:
            with connection.wrap_database_errors:
                fetched = cursor.fetchall()
            if connection.queries_logged:
                # The raw cursor bypasses Django's logging; keep query counts and the debug
                # toolbar truthful (the time runs from sending to having every row).
                connection.queries_log.append(
                    {
                        "sql": sql % tuple(map(repr, params)),
                        "time": f"{time.monotonic() - started:.3f}",
                    }
                )
            return fetched

        return rows


def _has_pipeline(raw_connection: object) -> bool:
    """Return whether the driver can pipeline (psycopg 3 on libpq 14 or later)."""
    try:
        import psycopg
    except ImportError:  # psycopg2: queries run one after another
        return False
    return isinstance(raw_connection, psycopg.Connection) and psycopg.capabilities.has_pipeline()
