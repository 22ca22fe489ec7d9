"""The quick steps' pictures in Chromium: on a 360 x 740 phone the first step, picture and all, is on the
first screen; every picture is drawn big enough to see, in the palette's own colours (graphics at 3:1 or
more against the picture's panel), in both editions; axe-core finds nothing on the quick page and the home
page at 360 px and on a desktop, in both palettes. Screenshots of the quick page at 360 px, both palettes
and both editions, go to test-artifacts/screenshots/ for a human look.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page

from .helpers import PALETTES, SCREENS, open_page
from .test_accessibility import assert_palette, axe_violations

pytestmark = pytest.mark.browser

EDITIONS = {"en": "", "es": "es/"}
PAGES = {"quick": "cramp-right-now/", "home": ""}
MIN_WIDTH = 96  # CSS px: the smallest a picture is drawn on a 360 px phone
# Each picture's colours as drawn: its line colour, its panel, and its accent and soft strokes where it has them.
COLOURS = """svg => {
  const style = (selector, property) => { const e = svg.querySelector(selector);
    return e ? getComputedStyle(e)[property] : null; };
  const box = svg.getBoundingClientRect();
  return {width: box.width, left: box.left, right: box.right, ink: getComputedStyle(svg).color,
          panel: style('.pic-bg', 'fill'), accent: style('.pic-a', 'stroke'), soft: style('.pic-s', 'stroke')};
}"""


def luminance(rgb: str) -> float:
    values = [int(part) / 255 for part in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(params=list(PALETTES), scope="module")
def palette(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def phone(browser: Browser, palette: str, served_site: object) -> Iterator[Page]:
    context = browser.new_context(viewport=SCREENS["phone"], device_scale_factor=2, is_mobile=True, has_touch=True,
                                  color_scheme=palette)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("edition", list(EDITIONS))
@pytest.mark.parametrize("name", list(PAGES))
def test_on_a_phone_the_first_step_and_its_picture_are_on_the_first_screen(
    phone: Page, site_url: str, palette: str, edition: str, name: str
) -> None:
    open_page(phone, urljoin(site_url, EDITIONS[edition] + PAGES[name]))
    assert_palette(phone, palette)
    first = phone.locator("ol.quick-steps > li").first.bounding_box()
    assert first is not None and first["y"] + first["height"] <= SCREENS["phone"]["height"], (
        f"{edition}/{name}: the first step ends at {first and first['y'] + first['height']:.0f} px, below the first screen")
    pictures = phone.locator("svg.step-picture, svg.move-picture")
    assert pictures.count() == 8
    for index in range(pictures.count()):
        drawn = pictures.nth(index).evaluate(COLOURS)
        where = f"{edition}/{name} ({palette}), picture {index + 1}"
        assert drawn["width"] >= MIN_WIDTH, f"{where} is {drawn['width']:.0f} px wide"
        assert drawn["left"] >= 0 and drawn["right"] <= SCREENS["phone"]["width"], f"{where} leaves the screen"
        for part in ("ink", "accent", "soft"):
            if drawn[part]:
                assert contrast(drawn[part], drawn["panel"]) >= 3, f"{where}: its {part} {drawn[part]} on {drawn['panel']}"
        dark_panel = luminance(drawn["panel"]) < 0.1
        assert dark_panel == (palette == "dark"), f"{where}: the panel {drawn['panel']} is not the palette's"


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_screenshots_of_the_quick_page_at_360_px(
    browser: Browser, served_site: object, site_url: str, artifacts: Path, edition: str
) -> None:
    folder = artifacts / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    for palette in PALETTES:
        context = browser.new_context(viewport=SCREENS["phone"], device_scale_factor=2, color_scheme=palette)
        try:
            page = context.new_page()
            open_page(page, urljoin(site_url, EDITIONS[edition] + PAGES["quick"]))
            assert_palette(page, palette)
            target = folder / f"quick-steps-pictures-{edition}-{palette}.png"
            page.screenshot(path=str(target), full_page=True, animations="disabled")
            assert target.stat().st_size > 10_000, f"{target} looks empty"
        finally:
            context.close()


@pytest.mark.parametrize("screen", list(SCREENS))
def test_axe_finds_nothing_on_the_pages_with_pictures(
    browser: Browser, served_site: object, site_url: str, palette: str, screen: str
) -> None:
    context = browser.new_context(viewport=SCREENS[screen], color_scheme=palette)
    problems = {}
    try:
        page = context.new_page()
        for edition, folder in EDITIONS.items():
            for name, path in PAGES.items():
                open_page(page, urljoin(site_url, folder + path))
                assert_palette(page, palette)
                found = axe_violations(page)
                if found:
                    problems[f"{edition}/{name}"] = found
    finally:
        context.close()
    assert not problems, f"axe-core in the {palette} palette on a {screen} screen: {problems}"
