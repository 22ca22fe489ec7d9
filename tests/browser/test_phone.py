"""On a phone (360 x 740 CSS px, touch): no page scrolls sideways and every tap target is big enough.

Screenshots of the home and quick-relief pages, light and dark, go to test-artifacts/screenshots/
for a human look (they are not compared with anything).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, BrowserContext

from .helpers import SitePage, open_page, report

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
TARGETS = Path(__file__).with_name("targets.js").read_text(encoding="utf-8")
SCREENSHOT_PAGES = {"home": "", "cramp-right-now": "cramp-right-now/"}


def phone_context(browser: Browser, palette: str = "light") -> BrowserContext:
    return browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, color_scheme=palette
    )


@pytest.fixture(scope="module")
def phone(browser: Browser, served_site: object) -> Iterator[BrowserContext]:
    context = phone_context(browser)
    yield context
    context.close()


def test_no_page_scrolls_sideways_and_tap_targets_are_24px(phone: BrowserContext, pages: list[SitePage]) -> None:
    page = phone.new_page()
    problems: dict[str, list[str]] = {}
    checked = 0
    for site_page in pages:
        open_page(page, site_page.url)
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
        checked += targets["checked"]
        found += targets["problems"]
        if found:
            problems[site_page.name] = found
    assert checked > len(pages) * 5, f"only {checked} tap targets found on {len(pages)} pages: is the check looking?"
    assert not problems, f"phone layout problems at {PHONE['width']}x{PHONE['height']}:\n{report(problems)}"


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
