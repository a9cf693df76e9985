"""Create (or recreate) a scratch PostgreSQL database for a benchmark."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def ensure_scratch_database(server_url: str, name: str, *, fresh: bool) -> None:
    """Create the database `name` on the server of `server_url`; drop it first when fresh."""
    import psycopg

    admin = urlunsplit(urlsplit(server_url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and fresh:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
