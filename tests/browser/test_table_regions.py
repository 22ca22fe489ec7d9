"""Wide tables are named, keyboard-reachable regions from the first paint, not after a script (issue 32).

The build writes each table inside Material's own wrapper, already a focusable region named by the
heading above it (src/legcramps/render/table_regions.py). These tests look at every page with a table,
in both editions, at the moments a reader can meet it, on a phone slowed down like a cheap one
(Chromium's CPU throttled 4x):

- at DOMContentLoaded, before Material's script has run (it starts only after the first paint;
  the test holds it back so that axe sees this moment whole, however long axe takes);
- at the load event, whatever has started by then;
- after Material has started and wrapped the table again.

axe-core must find nothing at the first two, light and dark, 360 px and desktop; after Material's start
each region must hold (one scroll box, a tab stop only where the table scrolls), and axe-core's look at
that moment is the every-page walk's (test_accessibility.py: the same pages, palettes and screens). The CPU is slowed while the
page loads (the slow phone is what is tested) and set back to full speed while axe looks (a slow axe
is not), which makes the walk several times quicker. The old way (a deferred
script that made Material's wrapper a region once Material announced the page) failed here: before
Material starts, a table wider than the phone scrolled by itself, unreachable and unnamed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, CDPSession, Page, Route

from .helpers import PALETTES, SCREENS, SitePage, report, site_pages, wait_for_material
from .test_accessibility import axe_violations

pytestmark = pytest.mark.browser

CPU_SLOWDOWN = 4  # Lighthouse's mobile setting
MATERIAL_SCRIPT = "**/assets/javascripts/bundle.*.min.js"
SCROLL_REGIONS = "**/javascripts/scroll-regions.js"

# Every element that scrolls sideways in the page's content, and whether each is a named, focusable region.
SCROLLERS = """() => [...document.querySelectorAll(".md-content *")]
  .filter(e => e.scrollWidth > e.clientWidth + 1 && ["auto", "scroll"].includes(getComputedStyle(e).overflowX))
  .map(e => ({
    tag: e.tagName.toLowerCase() + (e.className ? "." + String(e.className).trim().split(/\\s+/).join(".") : ""),
    focusable: e.tabIndex >= 0,
    region: e.getAttribute("role") === "region",
    named: Boolean(e.getAttribute("aria-label")
      || (e.getAttribute("aria-labelledby") || "").split(" ").some(id => document.getElementById(id)?.textContent.trim())),
  }))"""
# Each table's region: whether it scrolls and has a tab stop, and how many scroll wrappers hold the table.
REGIONS = """() => [...document.querySelectorAll("[data-table-region]")].map(r => ({
  scrolls: r.scrollWidth > r.clientWidth + 1,
  tabStop: r.tabIndex >= 0,
  boxes: [...r.querySelectorAll(".md-typeset__scrollwrap")].filter(w => getComputedStyle(w).display !== "contents").length,
}))"""


@pytest.fixture(scope="module")
def table_pages(site_dir: Path, served_site: object, site_url: str) -> list[SitePage]:
    """Every page of both editions with a table in its HTML."""
    found = [p for p in site_pages(site_dir, site_url)
             if "<table" in (site_dir / p.path / "index.html").read_text(encoding="utf-8")]
    assert len(found) >= 6, f"expected the table pages of both editions, found {[p.name for p in found]}"
    return found


@dataclass
class SlowPage:
    """A page whose CPU can be slowed down (while it loads) and set back to full speed (while axe runs)."""

    page: Page
    cdp: CDPSession

    def cpu(self, slowdown: float) -> None:
        self.cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})


@contextmanager
def slow_page(browser: Browser, palette: str, screen: str) -> Iterator[SlowPage]:
    # No service worker: a page it answers would bypass the test's hold on Material's script.
    context = browser.new_context(color_scheme=palette, viewport=SCREENS[screen], service_workers="block")
    try:
        page = context.new_page()
        page.set_default_timeout(120_000)  # Material's start on a 4x slower CPU, on a busy machine
        yield SlowPage(page, context.new_cdp_session(page))
    finally:
        context.close()


def problems_at_each_moment(slow: SlowPage, url: str) -> dict[str, list[str]]:
    """axe at DOMContentLoaded (Material's script held back) and at load; the regions at each moment
    and after Material's start."""
    page = slow.page
    held: list[Route] = []
    released = False

    def hold(route: Route) -> None:
        if released:
            route.continue_()
        else:
            held.append(route)

    page.route(MATERIAL_SCRIPT, hold)
    found: dict[str, list[str]] = {}
    try:
        slow.cpu(CPU_SLOWDOWN)
        page.goto(url, wait_until="domcontentloaded")
        assert page.evaluate("window.document$ === undefined"), "Material had started before DOMContentLoaded"
        slow.cpu(1)
        found["DOMContentLoaded"] = axe_violations(page) + scroller_problems(page)
    finally:
        slow.cpu(CPU_SLOWDOWN)
        released = True
        for route in held:
            route.continue_()
        page.unroute(MATERIAL_SCRIPT, hold)
    page.wait_for_load_state("load")
    slow.cpu(1)
    found["load"] = axe_violations(page) + scroller_problems(page)
    wait_for_material(page)
    found["after Material's start"] = scroller_problems(page) + region_problems(page)
    return {moment: lines for moment, lines in found.items() if lines}


def scroller_problems(page: Page) -> list[str]:
    """Whatever axe's sampling misses: every sideways scroller is a named, focusable region."""
    return [f"{s['tag']} scrolls sideways but is not a named, focusable region: {s}"
            for s in page.evaluate(SCROLLERS) if not (s["focusable"] and s["region"] and s["named"])]


def region_problems(page: Page) -> list[str]:
    """After Material's start: one scroll box per table, and no tab stop on a table that fits."""
    problems = []
    for number, region in enumerate(page.evaluate(REGIONS), 1):
        if region["boxes"] != 0:
            problems.append(f"table {number}: Material's wrapper draws a second scroll box inside the region")
        if region["tabStop"] != region["scrolls"]:
            problems.append(f"table {number}: scrolls={region['scrolls']} but tab stop={region['tabStop']}")
    return problems


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("palette", list(PALETTES))
def test_tables_are_named_regions_at_every_moment_on_a_slow_phone(
    browser: Browser, palette: str, screen: str, table_pages: list[SitePage]
) -> None:
    problems: dict[str, list[str]] = {}
    with slow_page(browser, palette, screen) as slow:
        for site_page in table_pages:
            for moment, lines in problems_at_each_moment(slow, site_page.url).items():
                problems[f"{site_page.name} at {moment}"] = lines
    assert not problems, f"tables in the {palette} palette on a {screen} screen, CPU 4x slower:\n{report(problems)}"


def test_a_wide_table_is_a_named_region_with_javascript_off(browser: Browser, site_url: str, served_site: object) -> None:
    """No script at all: the HTML alone makes the phone's wide table a named, focusable region."""
    context = browser.new_context(viewport=SCREENS["phone"], java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(urljoin(site_url, "cramp-strain-or-clot/"))
        scrollers = page.evaluate(SCROLLERS)
        assert scrollers, "the table no longer scrolls at 360 px"
        assert all(s["focusable"] and s["region"] and s["named"] for s in scrollers), scrollers
        # (axe-core cannot run here: its promises wait on timers, and timers do not run with JavaScript off.)
    finally:
        context.close()


@pytest.mark.parametrize("screen", list(SCREENS))
def test_material_wrapping_again_keeps_the_region_without_the_site_script(
    browser: Browser, site_url: str, served_site: object, screen: str
) -> None:
    """scroll-regions.js never arrives: after Material wraps the table, the build's region still holds."""
    context = browser.new_context(viewport=SCREENS[screen], service_workers="block")
    try:
        page = context.new_page()
        page.route(SCROLL_REGIONS, lambda route: route.abort())
        page.goto(urljoin(site_url, "cramp-strain-or-clot/"), wait_until="load")
        wait_for_material(page)
        assert page.locator(".md-typeset__table .md-typeset__scrollwrap").count() == 1, "Material did not wrap it again"
        assert all(s["focusable"] and s["region"] and s["named"] for s in page.evaluate(SCROLLERS))
        assert [r["boxes"] for r in page.evaluate(REGIONS)] == [0]
        assert axe_violations(page) == []
    finally:
        context.close()
