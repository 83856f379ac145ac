"""End-to-end tests in Debian's headless Chromium, driven by Playwright, against the live test server."""

import os
import shutil

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop; Django must allow ORM calls from this thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI but missing at {CHROMIUM}")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def live_site(live_server, transactional_db, settings):
    """The live server with the report's data (transactional tests start from an empty database), its absolute
    URLs on its own address as a deployment's are on its configured origin."""
    settings.SITE_ORIGIN = live_server.url
    call_command("load_report", force=True, verbosity=0)
    return live_server


@pytest.fixture
def page(browser, live_site):
    context = browser.new_context(base_url=live_site.url, locale="zh-TW")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
