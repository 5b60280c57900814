"""Browser fixtures for the end-to-end tests.

Chromium is Debian's (`/usr/bin/chromium`, or `$E2E_CHROMIUM`): Playwright
cannot download its own browser here. A missing browser fails the tests with
a message saying what to install; it never skips them.

pytest-django's `live_server` runs the site in a thread of this process; the
demo content is loaded into the test database for each test (the database is
flushed after each one, since the server thread needs `transactional_db`)."""

import io
import os

import pytest

# Playwright's sync API runs an event loop in this thread: without this,
# Django refuses ORM calls made from the test body ("SynchronousOnlyOperation").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from django.core.management import call_command

from .helpers import DESKTOP

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. The browser tests need Debian's "
            "Chromium (Playwright cannot download one): run "
            "`apt-get install chromium`, or set E2E_CHROMIUM to a Chromium "
            "binary.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db):
    """The demo articles, in a database the live server thread can read."""
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def site(live_server, demo):
    """The live server's base URL (no trailing slash), demo loaded."""
    return live_server.url


@pytest.fixture
def new_page(browser):
    """Open a page in a fresh browser context: `new_page(locale="fr-FR",
    color_scheme="dark", viewport=PHONE)`. Contexts are closed after the test."""
    contexts = []

    def open_page(*, locale="en-GB", color_scheme="light", viewport=DESKTOP, **kw):
        context = browser.new_context(
            locale=locale,
            color_scheme=color_scheme,
            viewport=viewport,
            reduced_motion="reduce",
            **kw,
        )
        context.set_default_timeout(5_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
