"""Headless Chromium as the browser tests and the article page benchmark start it."""

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Quiet on a server: no sandbox (containers run as root), GPU, updates, sync or first-run pages.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch(playwright):
    """Start headless Chromium from a running Playwright."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
