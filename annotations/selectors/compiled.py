"""Pages of a fixed `values()` query whose SQL is compiled once per process, not per request.

Compiling a wide query (thirty columns, a join, four subqueries) costs Django more CPU than
PostgreSQL spends running it. A busy list reads the same pages of the same query over and
over: `compiled_once(rows)` marks a values() query so that a copy of it that differs only by
its ordering and slice (a page) reuses the SQL, parameters and converters compiled the first
time. A copy that is filtered, joined, annotated or changed in any other way is compiled by
Django as usual, so the rows are always the ORM's own.
"""

import itertools
from collections.abc import Iterator

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ValuesIterable
from django.db.models.sql import Query
from django.utils import timezone, translation

# Query attributes a page may change; any other difference from the marked query means another
# SQL statement.
_PAGE_ATTRIBUTES = frozenset({"order_by", "extra_order_by", "low_mark", "high_mark"})
# Compiled pages kept per process: the ordering and slice vary little (a page size, an offset).
MAX_COMPILED = 128

_compiled: dict[tuple, tuple] = {}
# Each marked query's number: unlike an id(), never reused by another query.
_numbers = itertools.count(1)


def compiled_once(rows: QuerySet) -> QuerySet:
    """Return a copy of the values() query `rows` whose pages compile once per process."""
    marked = rows.all()
    # A query's copies share its attributes' values, so each page can find the marked query.
    marked.query.compiled_once_from = marked.query
    marked.query.compiled_once_number = next(_numbers)
    marked._iterable_class = _CompiledOnceValues
    return marked


def _page_key(query: Query, using: str) -> tuple | None:
    """Return the cache key of a page of the marked query, or None for any other query."""
    marked = query.__dict__.get("compiled_once_from")
    if (
        marked is None
        or query.__dict__.keys() - _PAGE_ATTRIBUTES != marked.__dict__.keys() - _PAGE_ATTRIBUTES
    ):
        return None
    for name, value in query.__dict__.items():
        if name in _PAGE_ATTRIBUTES:
            continue
        original = marked.__dict__[name]
        if value is not original and value != original:
            return None
    if query.extra_order_by or not all(isinstance(field, str) for field in query.order_by):
        return None
    # Lazy text and time-zone functions are rendered when the SQL is compiled.
    return (
        using,
        marked.compiled_once_number,
        query.order_by,
        query.low_mark,
        query.high_mark,
        translation.get_language(),
        timezone.get_current_timezone_name(),
    )


class _CompiledOnceValues(ValuesIterable):
    """values() rows, reading a page of the marked query with the SQL compiled before."""

    def __iter__(self) -> Iterator[dict]:
        queryset = self.queryset
        query = queryset.query
        key = None if self.chunked_fetch else _page_key(query, queryset.db)
        found = None if key is None else _compiled.get(key)
        if found is None and key is not None:
            found = _compile(query, queryset.db)
            if found is not None:
                if len(_compiled) >= MAX_COMPILED:
                    _compiled.clear()
                _compiled[key] = found
        if found is None:
            yield from super().__iter__()
            return
        compiler, sql, params, names, converters = found
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = compiler.apply_converters(rows, converters)
        for row in rows:
            yield dict(zip(names, row, strict=True))


def _compile(query: Query, using: str) -> tuple | None:
    """Return what reading the query's rows needs, or None where Django must read them."""
    compiler = query.get_compiler(using)
    sql, params = compiler.as_sql()
    if query.selected:
        names = list(query.selected)
    else:
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
    fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
    if compiler.has_composite_fields(fields):
        return None
    return compiler, sql, params, names, compiler.get_converters(fields)
