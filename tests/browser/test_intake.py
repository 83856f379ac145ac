"""The intake in a browser: an editor pastes a report, reviews the proposals beside their paragraphs and publishes
them. `UPDATE_SCREENSHOTS=1` also retakes docs/screenshots/intake-review-1366.png (docs/editing.md shows it)."""

import os
from pathlib import Path

from admin_support import make_editor
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from test_intake_flow import FICTIONAL_REPORT, NEW_SOURCE

from initiatives.models import Metric

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "intake-review-1366.png"


def logged_in_context(browser, live_site, user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    context = browser.new_context(base_url=live_site.url, locale="en-US", viewport={"width": 1366, "height": 900})
    context.add_init_script("localStorage.setItem('django.admin.navSidebarIsOpen', 'false')")  # more room
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_site.url}])
    return context


def test_an_editor_pastes_reviews_and_publishes(browser, live_site):
    context = logged_in_context(browser, live_site, make_editor("intake-editor"))
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/admin/intake/")
    page.fill("#id_text", FICTIONAL_REPORT)
    for name, value in NEW_SOURCE.items():
        page.fill(f"#id_{name}", value)
    page.click("input[type=submit]")
    page.wait_for_selector(".intake-side-by-side")
    assert "全區放貸金額突破 160 億元" in page.inner_text(".intake-text >> nth=0")
    if os.environ.get("UPDATE_SCREENSHOTS"):
        page.locator(".intake-paragraph >> nth=0").scroll_into_view_if_needed()
        page.screenshot(path=SCREENSHOT)
    for select in page.locator("select[name$='-status']").all():
        name = select.get_attribute("name")
        select.select_option("merged" if name.startswith("i") else "accepted")
    page.click("input[name=publish]")
    page.wait_for_selector(".messagelist")
    assert "Published 0 initiatives and 2 figures" in page.inner_text(".messagelist")
    assert Metric.objects.filter(as_written="突破160億元", source__title_zh="虛構測試報告").exists()
    context.close()


def test_the_committed_intake_screenshot_is_there():
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
