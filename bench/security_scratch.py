"""Set up and start the scratch instance that the security bench attacks."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from security_http import PASSWORD, Browser

ROOT = Path(__file__).resolve().parent.parent
INTERNAL_NOTE = "INTERNAL-NOTE-the-one-given-is-a-guess"
USERNAMES = ("sec_annotator", "sec_reviewer", "sec_editor", "sec_other")


def scratch_environment(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        env["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path="/factcheck_security"))
    else:
        env["DATABASE_URL"] = f"sqlite:///{folder / 'security.sqlite3'}"
    env.update(
        DEBUG="0",
        SECRET_KEY="security-bench-only-" + "k" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(folder / "static"),
        DJANGO_SETTINGS_MODULE="factcheck.settings",
        LOG_LEVEL="ERROR",
    )
    return env


def recreate_postgres_database(url: str) -> None:
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS factcheck_security WITH (FORCE)")
        connection.execute("CREATE DATABASE factcheck_security")


def prepare(env: dict[str, str]) -> dict:
    """Migrate, collect static files and create the people and claims the attacks need."""
    if env["DATABASE_URL"].startswith("postgres"):
        recreate_postgres_database(env["DATABASE_URL"])
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run([*manage, *command, "-v", "0"], env=env, check=True, cwd=ROOT)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from annotations.permissions import ANNOTATOR, EDITOR, REVIEWER
    from annotations.services import (
        SYSTEM,
        article_import,
        claim_create,
        claim_transition,
        comment_add,
    )
    from tests.helpers import propose, research

    people = {}
    for username, role in zip(USERNAMES, (ANNOTATOR, REVIEWER, EDITOR, ANNOTATOR), strict=True):
        user = get_user_model().objects.create_user(username, password=PASSWORD)
        user.groups.add(Group.objects.get(name=role))
        user.is_staff = role == EDITOR
        user.save()
        people[username] = user
    annotator, reviewer, editor = (
        people["sec_annotator"],
        people["sec_reviewer"],
        people["sec_editor"],
    )
    article = article_import(
        actor=SYSTEM,
        title="Harbour budget",
        text=(
            "The harbour authority said traffic rose 14% in 2025. It hired 80 pilots. "
            "Fees will fall next spring, the director said. Critics called the plan reckless."
        ),
    )
    published = claim_create(article=article, actor=annotator, quote="traffic rose 14% in 2025")
    research(
        published,
        annotator,
        stance="refutes",
        url="https://stats.example.gov/harbour",
        title="Harbour statistics",
        excerpt="Traffic rose 9% in 2025.",
    )
    propose(published, annotator, "false", "The statistics say 9%.")
    comment_add(claim=published, actor=reviewer, text=INTERNAL_NOTE)
    claim_transition(claim=published, actor=annotator, action="submit", comment=INTERNAL_NOTE)
    claim_transition(claim=published, actor=reviewer, action="approve", comment=INTERNAL_NOTE)
    claim_transition(claim=published, actor=editor, action="publish")
    open_claim = claim_create(article=article, actor=annotator, quote="It hired 80 pilots.")
    from django.db import connections

    connections.close_all()
    published.refresh_from_db()
    open_claim.refresh_from_db()
    return {"published": published, "open": open_claim, "article": article}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        if server.poll() is not None:
            sys.exit(f"The app did not start on port {port} (is it taken?).")
        if Browser(port).get("/")[0]:
            return server
        time.sleep(0.2)
    server.kill()
    sys.exit("The app did not start.")
