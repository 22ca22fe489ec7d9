"""The first paint waits for nothing a reader does not need to read the page.

Material's script (search, the palette switch, the moving table of contents) is requested only once
the page has been painted (overrides/partials/after-first-paint.html), then starts as it always did.
The light/dark switch does not need it (overrides/partials/palette-switch.html): a reader in dark mode
gets a dark page from the first paint, and the switch works and remembers the choice even when
Material's script never arrives.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from .helpers import open_page, wait_for_material

pytestmark = pytest.mark.browser

PAGES = ["", "cramp-right-now/", "strategies/stretching/", "es/"]
MATERIAL_SCRIPT = "**/assets/javascripts/bundle.*.min.js"

# When the page was first painted, and when each script was requested (ms since navigation).
TIMES = """() => ({
  paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
  scripts: performance.getEntriesByType("resource").filter(e => e.name.endsWith(".js"))
    .map(e => [e.name.split("/").pop(), e.startTime]),
})"""
EXPECTED_SCRIPTS = {"search-on-demand.js", "scroll-regions.js", "palette-switch.js"}

# The palette on screen: the body's scheme and the toggle the reader sees (the other is hidden).
PALETTE = """() => ({
  scheme: document.body.getAttribute("data-md-color-scheme"),
  toggle: [...document.querySelectorAll("[data-palette-switch] label")].filter(l => !l.hidden).map(l => l.title),
})"""


@pytest.fixture
def dark(browser: Browser, served_site: object) -> Iterator[BrowserContext]:
    """A first visit with the phone or computer set to dark mode."""
    context = browser.new_context(color_scheme="dark")
    yield context
    context.close()


def without_materials_script(page: Page) -> None:
    """Material's script never arrives (a lost connection, or a page read before it runs)."""
    page.route(MATERIAL_SCRIPT, lambda route: route.abort())


@pytest.mark.parametrize("path", PAGES)
def test_scripts_are_requested_only_after_the_first_paint(
    page: Page, served_site: object, site_url: str, path: str
) -> None:
    open_page(page, urljoin(site_url, path))
    times = page.evaluate(TIMES)
    assert times["paint"] is not None, "the browser recorded no first paint"
    names = {name for name, _ in times["scripts"]}
    assert names >= EXPECTED_SCRIPTS and any(name.startswith("bundle.") for name in names), f"scripts loaded: {names}"
    early = [f"{name} at {start:.0f} ms" for name, start in times["scripts"] if start < times["paint"]]
    assert not early, f"requested before the first paint at {times['paint']:.0f} ms: {', '.join(early)}"


def test_material_starts_after_the_first_paint_and_search_works(page: Page, served_site: object, site_url: str) -> None:
    open_page(page, urljoin(site_url, "strategies/stretching/"))
    page.keyboard.press("/")  # Material's keyboard shortcut: focus the search box
    page.keyboard.type("cramp")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)


def test_search_downloads_nothing_until_the_reader_opens_it(page: Page, served_site: object, site_url: str) -> None:
    """Neither the index nor Material's search worker is fetched for a reader who only reads."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_page(page, urljoin(site_url, "cramp-right-now/"))
    page.wait_for_load_state("networkidle")
    search_files = [url for url in requested if "search_index.json" in url or "/workers/search." in url]
    assert not search_files, f"fetched before the reader opened search: {search_files}"
    page.keyboard.press("/")
    page.keyboard.type("cramp")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    assert any("search_index.json" in url for url in requested) and any("/workers/search." in url for url in requested)


def test_a_first_visit_in_dark_mode_is_dark_before_materials_script_runs(dark: BrowserContext, site_url: str) -> None:
    page = dark.new_page()
    without_materials_script(page)
    page.goto(urljoin(site_url, "cramp-right-now/"), wait_until="load")
    assert page.evaluate(PALETTE) == {"scheme": "slate", "toggle": ["Switch to light mode"]}
    assert page.locator("h1").is_visible(), "the page cannot be read without Material's script"


def test_a_readers_saved_choice_beats_the_dark_mode_setting(dark: BrowserContext, site_url: str) -> None:
    page = dark.new_page()
    url = urljoin(site_url, "cramp-right-now/")
    open_page(page, url)
    assert page.evaluate(PALETTE)["scheme"] == "slate"
    page.get_by_title("Switch to light mode").click()  # saved by Material for the whole site
    assert page.evaluate(PALETTE) == {"scheme": "default", "toggle": ["Switch to dark mode"]}
    without_materials_script(page)
    page.goto(url, wait_until="load")
    assert page.evaluate(PALETTE) == {"scheme": "default", "toggle": ["Switch to dark mode"]}


def test_the_switch_works_and_remembers_without_materials_script(page: Page, served_site: object, site_url: str) -> None:
    without_materials_script(page)
    page.goto(urljoin(site_url, "cramp-right-now/"), wait_until="load")
    page.wait_for_function("() => window.legcrampsPalette.switches")  # palette-switch.js, after the first paint
    page.get_by_title("Switch to dark mode").click()
    assert page.evaluate(PALETTE) == {"scheme": "slate", "toggle": ["Switch to light mode"]}
    page.goto(urljoin(site_url, "strategies/stretching/"), wait_until="load")
    assert page.evaluate(PALETTE) == {"scheme": "slate", "toggle": ["Switch to light mode"]}
    page.wait_for_function("() => window.legcrampsPalette.switches")
    page.focus("#__palette_1")
    page.keyboard.press("Enter")
    assert page.evaluate(PALETTE) == {"scheme": "default", "toggle": ["Switch to dark mode"]}


def test_light_mode_keeps_the_light_palette(page: Page, served_site: object, site_url: str) -> None:
    without_materials_script(page)
    page.goto(urljoin(site_url, "cramp-right-now/"), wait_until="load")
    assert page.evaluate(PALETTE) == {"scheme": "default", "toggle": ["Switch to dark mode"]}
    page.unroute(MATERIAL_SCRIPT)
    page.reload(wait_until="load")
    wait_for_material(page)
    assert page.evaluate(PALETTE) == {"scheme": "default", "toggle": ["Switch to dark mode"]}



def test_the_offline_copy_downloads_only_after_the_pages_scripts(
    browser: Browser, served_site: object, site_url: str
) -> None:
    """The worker (and its ~440 KB download) is registered after Material's script has loaded."""
    context = browser.new_context()
    try:
        requested: list[str] = []
        context.on("request", lambda request: requested.append(request.url.rsplit("/", 1)[-1]))
        page = context.new_page()
        page.goto(urljoin(site_url, "cramp-right-now/"), wait_until="load")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")  # registered and active
        bundle = next(i for i, name in enumerate(requested) if name.startswith("bundle."))
        worker = requested.index("sw.js")
        assert worker > bundle, f"the worker was registered before Material's script was requested: {requested}"
    finally:
        context.close()
