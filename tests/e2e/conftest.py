"""Browser fixtures: one headless Chromium for the whole session, a fresh context per person."""

import os
import shutil
from collections.abc import Callable, Iterator

import pytest

from tests.e2e.chromium import CHROMIUM, launch

PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's password

# Django refuses synchronous ORM calls from a thread with a running event loop; Playwright's
# sync API keeps one, and these tests check the database between browser steps on purpose.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    """Start Chromium once; skip the browser tests where it is not installed."""
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium not found at {CHROMIUM}; install it (apt-get install chromium)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    originals = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        # Playwright runs the rest of the session in a copy of the current context, where
        # Django's per-context connection handler would open fresh connections that know
        # nothing of the test database's set-up (such as serialized_rollback's saved rows):
        # hand it the connections the tests were set up with.
        for alias, connection in originals.items():
            connections[alias] = connection
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def open_as(browser, live_server) -> Iterator[Callable]:
    """Return a function that opens a page signed in as a user (or anonymous with None)."""
    contexts = []

    def open_page(user=None):
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, base_url=live_server.url
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.js_errors = errors
        if user is not None:
            page.goto("/accounts/login/")
            page.fill("#id_username", user.get_username())
            page.fill("#id_password", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_url(live_server.url + "/")
        return page

    yield open_page
    for context in contexts:
        for page in context.pages:
            assert not page.js_errors, page.js_errors
        context.close()
