"""Read PostgreSQL times with psycopg's compiled parser instead of Django's pure-Python one.

Django loads every `timestamptz` through a subclass of psycopg's Python loader (so it can set
the connection's time zone on the result), which leaves psycopg's compiled loader unused: on
a page of 50 claims the three times per row cost more than the rest of the row. The loader
here keeps Django's rule exactly (parse as psycopg does, then set the connection's time zone)
and has the compiled loader do the parsing. Without psycopg's compiled module (a pure-Python
install) Django's own loader stays.
"""

import datetime
from functools import cache

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created


@cache
def _compiled_loader() -> type | None:
    """Return psycopg's compiled text loader of `timestamptz`, or None without one."""
    from psycopg import adapters, postgres
    from psycopg.pq import Format

    loader = adapters.get_loader(postgres.types["timestamptz"].oid, Format.TEXT)
    # The pure-Python loader lives in psycopg.types; the compiled one in psycopg_c/_binary.
    return None if loader is None or loader.__module__.startswith("psycopg.") else loader


@cache
def loader_in(zone: datetime.tzinfo | None) -> type | None:
    """Return a loader giving times in `zone`, as Django's, parsed by psycopg's compiled code."""
    compiled = _compiled_loader()
    if compiled is None:
        return None
    from psycopg.adapt import Loader

    class CompiledTzLoader(Loader):
        # Django compares this with the connection's zone before each cursor.
        timezone = zone

        def __init__(self, oid: int, context=None):
            super().__init__(oid, context)
            # The compiled class cannot be subclassed; an instance per loader does the parsing.
            self._parse = compiled(oid, context).load

        def load(self, data) -> datetime.datetime:
            return self._parse(data).replace(tzinfo=zone)

    return CompiledTzLoader


def use_compiled_loader(sender, connection: BaseDatabaseWrapper, **kwargs) -> None:
    """Register the compiled loader on a new PostgreSQL connection (psycopg 3 only)."""
    if connection.vendor != "postgresql" or not hasattr(connection.connection, "adapters"):
        return
    loader = loader_in(connection.timezone)
    if loader is not None:
        connection.connection.adapters.register_loader("timestamptz", loader)


def connect() -> None:
    """Register the loader on every PostgreSQL connection Django opens."""
    connection_created.connect(use_compiled_loader, dispatch_uid="annotations.postgres_times")
