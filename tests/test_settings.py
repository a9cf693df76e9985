"""Settings come from the environment; production values pass `check --deploy`."""

import subprocess

import pytest

from tests.helpers import ROOT, manage_in_child

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3y-for-tests-only-4f9a1c7e2b8d6a0f3e5c9b1d7a2f8e4c6b0d3a9f1e7c5b2",
    "ALLOWED_HOSTS": "factcheck.example.org",
}


# Variables of the test process that must not leak into a "production" child process (the
# browser tests allow Django's ORM beside Playwright's event loop).
NOT_INHERITED = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return manage_in_child(*args, leave_out=NOT_INHERITED, **env)


def test_deploy_check_is_clean_with_production_values():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def _setting(name: str, **env: str) -> str:
    """Return repr() of one setting as a child process with this environment reads it."""
    code = f"from django.conf import settings; print(repr(settings.{name}))"
    result = _manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_debug_is_off_when_unset():
    production_without_debug = {k: v for k, v in PRODUCTION.items() if k != "DEBUG"}
    assert _setting("DEBUG", **production_without_debug) == "False"


def test_debug_is_on_with_debug_1_and_needs_nothing_else():
    assert _setting("DEBUG", DEBUG="1") == "True"
    assert _setting("ALLOWED_HOSTS", DEBUG="1") == repr(["127.0.0.1", "localhost", "[::1]"])


def test_unset_debug_without_secret_key_fails_with_a_clear_message():
    result = _manage("check", ALLOWED_HOSTS="factcheck.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert "set DEBUG=1 for local development" in result.stderr


def test_secret_key_is_required_when_debug_is_off():
    env = dict(PRODUCTION, SECRET_KEY="")
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_allowed_hosts_are_required_when_debug_is_off():
    result = _manage("check", **dict(PRODUCTION, ALLOWED_HOSTS=""))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_debug_must_be_a_boolean():
    result = _manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("sqlite:////tmp/factcheck-test.sqlite3", "sqlite3"),
        ("postgres://user:pw@db.example.org:5432/factcheck", "postgresql"),
    ],
)
def test_database_url_selects_the_engine(url, engine):
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = _manage("shell", "--no-imports", "-c", code, DATABASE_URL=url, DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(engine)


def test_default_database_is_sqlite_in_the_project_folder():
    code = "from django.conf import settings; print(settings.DATABASES['default']['NAME'])"
    result = manage_in_child(
        "shell", "--no-imports", "-c", code, leave_out={"DATABASE_URL"}, DEBUG="1"
    )
    assert result.stdout.strip() == str(ROOT / "db.sqlite3")


def test_postgresql_prepares_repeated_queries_unless_turned_off():
    url = "postgres://someone@db.example.org:5432/factcheck"
    options = _setting("DATABASES['default']['OPTIONS']", DEBUG="1", DATABASE_URL=url)
    assert options == "{'server_side_binding': True, 'prepare_threshold': 5}"
    off = _setting(
        "DATABASES['default']['OPTIONS']",
        DEBUG="1",
        DATABASE_URL=url,
        DATABASE_PREPARED_STATEMENTS="0",
    )
    assert off == "{}"
    # The URL's own options win.
    chosen = _setting(
        "DATABASES['default']['OPTIONS']", DEBUG="1", DATABASE_URL=url + "?prepare_threshold=0"
    )
    assert chosen == "{'prepare_threshold': 0, 'server_side_binding': True}"
    sqlite = _setting("DATABASES['default']['OPTIONS']", DEBUG="1", DATABASE_URL="sqlite:///x")
    assert "server_side_binding" not in sqlite
