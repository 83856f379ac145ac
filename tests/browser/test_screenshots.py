"""The screenshots under docs/screenshots/ (the README shows them): home, a city, a comparison, a measure and the
faceted initiatives, at 1366 px and at 390 px. `UPDATE_SCREENSHOTS=1` retakes them; otherwise the test checks the
committed ones are there, at the right widths."""

import os
import struct
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PAGES = {
    "home": ("/en/", None),
    "city": ("/en/cities/haidian/", None),
    "compare": ("/en/compare/?cities=chaoyang,haidian", "#compare-measures"),
    "measure": ("/en/metrics/loans-disbursed-cumulative/", "figure.chart"),
    "initiatives": ("/en/initiatives/?category=finance&category=credit-repair&sort=figures", ".active-filters"),
}
VIEWPORTS = {1366: 900, 390: 844}


def png_size(path):
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


@pytest.mark.skipif(not os.environ.get("UPDATE_SCREENSHOTS"), reason="set UPDATE_SCREENSHOTS=1 to retake them")
def test_retake_the_screenshots(browser, live_site):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in VIEWPORTS.items():
        context = browser.new_context(
            base_url=live_site.url, locale="en-US", viewport={"width": width, "height": height}
        )
        page = context.new_page()
        for name, (path, anchor) in PAGES.items():
            page.goto(path)
            if anchor and width < 800:  # on a phone, show the part the page is about
                page.evaluate("selector => document.querySelector(selector).scrollIntoView()", anchor)
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png")
        context.close()


def test_the_committed_screenshots_are_there_at_both_widths():
    for name in PAGES:
        for width, height in VIEWPORTS.items():
            assert png_size(SCREENSHOTS / f"{name}-{width}.png") == (width, height)
