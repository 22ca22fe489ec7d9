"""On a phone (360 x 740 CSS px, touch): what no page may do there, and screenshots for a human look.

`layout_problems` is what no page may do: scroll sideways, or offer a tap target under 24 px. Every page
is checked in the phone walk of test_accessibility.py, which opens each page once for axe-core too.
Screenshots of the home and quick-relief pages, light and dark, go to test-artifacts/screenshots/
(they are not compared with anything).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from .helpers import SCREENS, open_page

pytestmark = pytest.mark.browser

PHONE = SCREENS["phone"]  # 360 x 740, the screen every walk calls the phone
TARGETS = Path(__file__).with_name("targets.js").read_text(encoding="utf-8")
SCREENSHOT_PAGES = {"home": "", "cramp-right-now": "cramp-right-now/"}


def phone_context(browser: Browser, palette: str = "light") -> BrowserContext:
    return browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, color_scheme=palette
    )


def layout_problems(page: Page) -> tuple[int, list[str]]:
    """On the open page: how many tap targets were checked, and what is wrong (too wide, targets too small)."""
    found = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        wide = page.evaluate(
            """(limit) => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > limit + 1)
                .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= limit + 1)
                .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().split(/\\s+/).join('.') : ''))""",  # noqa: E501
            PHONE["width"],
        )
        found.append(f"the page is {width} px wide on a {PHONE['width']} px screen (too wide: {', '.join(wide)})")
    targets = page.evaluate(TARGETS)
    return targets["checked"], found + targets["problems"]


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_phone_screenshots(browser: Browser, served_site: object, site_url: str, artifacts: Path, palette: str) -> None:
    folder = artifacts / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    context = phone_context(browser, palette)
    try:
        page = context.new_page()
        for name, path in SCREENSHOT_PAGES.items():
            open_page(page, urljoin(site_url, path))
            expected = "slate" if palette == "dark" else "default"
            assert page.get_attribute("body", "data-md-color-scheme") == expected
            target = folder / f"{name}-{palette}.png"
            page.screenshot(path=str(target), full_page=True, animations="disabled")
            assert target.stat().st_size > 10_000, f"{target} looks empty"
    finally:
        context.close()
