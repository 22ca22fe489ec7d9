"""Accessibility in a real browser: axe-core on every page in both palettes, wide tables, emergency callouts.

- axe-core (axe-playwright-python) finds no violation on any page, the 404 page or the open search,
  in the light and the dark palette (each page loaded once and shown in each palette by the site's own
  switch), on a desktop screen and on a 360 px phone (where wide tables scroll sideways and must be
  reachable). The phone is emulated as one (touch, twice the pixels: test_phone.py), and the same walk,
  which opens each page once, finds no page that scrolls sideways or offers a tap target under 24 px.
  Keyboard-only use is in test_keyboard.py (a module of its own, so the two long walks can run on two
  test workers at once).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from .helpers import PALETTES, SCREENS, SEARCH_PROBE, SHOW_SCHEME, SitePage, open_page, report, type_search, wait_for_material
from .test_keyboard import FOCUS_CHECK, tab_to
from .test_phone import PHONE, layout_problems, phone_context

pytestmark = pytest.mark.browser

axe = Axe()


def axe_violations(page: Page) -> list[str]:
    """Run axe-core once on the page as it is; one line per violation, with up to 3 offending nodes.
    axe-core is put in the page the first time only (half a megabyte of script to compile)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe.axe_script)
    results = page.evaluate("() => axe.run(document, { resultTypes: ['violations'] })")
    lines = []
    for violation in results["violations"]:
        nodes = violation["nodes"]
        where = "; ".join(" ".join(node["target"]) for node in nodes[:3]) + (" ..." if len(nodes) > 3 else "")
        summary = nodes[0].get("failureSummary", "").replace("\n", " ")[:220] if nodes else ""
        lines.append(f"{violation['id']} ({violation['impact']}, {len(nodes)}x): {violation['help']} | {where} | {summary}")
    return lines


@pytest.fixture(params=list(PALETTES), scope="module")
def palette(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(params=list(SCREENS), scope="module")
def screen(request: pytest.FixtureRequest) -> str:
    return request.param


@dataclass
class Walk:
    """What one walk over every page on one screen found, by page (no entry: nothing found)."""

    axe: dict[str, list[str]] = field(default_factory=dict)  # both palettes, every page and the 404 page
    layout: dict[str, list[str]] = field(default_factory=dict)  # on the phone: sideways scrolling, tap targets
    targets: int = 0  # tap targets checked on the phone


@pytest.fixture(scope="module")
def walks(browser: Browser, pages: list[SitePage], site_url: str, served_site: object) -> Callable[[str], Walk]:
    """One walk per screen, made when a test first asks for it: the axe test and the phone layout test
    read the same walk, so each page is opened once per screen."""
    done: dict[str, Walk] = {}

    def walk(screen: str) -> Walk:
        if screen not in done:
            done[screen] = walk_every_page(browser, screen, pages, site_url)
        return done[screen]

    return walk


def walk_every_page(browser: Browser, screen: str, pages: list[SitePage], site_url: str) -> Walk:
    found = Walk()
    context = phone_context(browser) if screen == "phone" else browser.new_context(color_scheme="light", viewport=SCREENS[screen])
    try:
        page = context.new_page()

        def look(name: str) -> None:
            for palette in PALETTES:
                show_palette(page, palette)
                if problems := axe_violations(page):
                    found.axe[f"{name} ({palette} palette)"] = problems

        for site_page in pages:
            open_page(page, site_page.url)
            if screen == "phone":  # as the page opens, in the light palette
                checked, problems = layout_problems(page)
                found.targets += checked
                if problems:
                    found.layout[site_page.name] = problems
            look(site_page.name)
        # The 404 page readers see for a missing address.
        response = page.goto(urljoin(site_url, "no-such-page/"))
        assert response is not None and response.status == 404
        wait_for_material(page)
        look("404 page")
    finally:
        context.close()
    return found


def assert_palette(page: Page, palette: str) -> None:
    scheme = page.get_attribute("body", "data-md-color-scheme")
    assert scheme == PALETTES[palette], f"expected the {palette} palette ({PALETTES[palette]}), the page shows {scheme}"


def show_palette(page: Page, palette: str) -> None:
    """Show the open page in `palette` as the site's light/dark switch does (partials/palette-switch.html)."""
    page.evaluate(SHOW_SCHEME, PALETTES[palette])
    assert_palette(page, palette)
    # Material fades colours (links, navigation) over a quarter of a second: judge them as the reader sees them after.
    page.wait_for_function("() => document.getAnimations().every(animation => animation.playState !== 'running')")


def test_axe_finds_no_violations_on_any_page(walks: Callable[[str], Walk], screen: str) -> None:
    """Every page and the 404 page, each loaded once and looked at in the light and the dark palette."""
    problems = walks(screen).axe
    assert not problems, f"axe-core violations on a {screen} screen:\n{report(problems)}"


def test_no_page_scrolls_sideways_and_tap_targets_are_24px(walks: Callable[[str], Walk], pages: list[SitePage]) -> None:
    walk = walks("phone")
    assert walk.targets > len(pages) * 5, f"only {walk.targets} tap targets found on {len(pages)} pages: is the check looking?"
    assert not walk.layout, f"phone layout problems at {PHONE['width']}x{PHONE['height']}:\n{report(walk.layout)}"


def test_a_wide_table_on_a_phone_is_a_named_region_reached_by_keyboard(
    browser: Browser, served_site: object, site_url: str
) -> None:
    """At 360 px the comparison table scrolls sideways: Tab reaches it, it is named, arrows scroll it."""
    context = browser.new_context(viewport=SCREENS["phone"])
    try:
        page = context.new_page()
        open_page(page, urljoin(site_url, "cramp-strain-or-clot/"))
        wrap = page.locator(".md-typeset__scrollwrap").first
        assert wrap.evaluate("w => w.scrollWidth > w.clientWidth"), "the table no longer scrolls at 360 px"
        assert wrap.get_attribute("tabindex") == "0" and wrap.get_attribute("role") == "region"
        name = wrap.evaluate("w => document.getElementById(w.getAttribute('aria-labelledby')).textContent.trim()")
        assert name == "How to tell them apart"
        tab_to(page, ".md-typeset__scrollwrap", "the wide table", presses=150)
        assert page.evaluate(FOCUS_CHECK) is None, f"focus on the table is not visible: {page.evaluate(FOCUS_CHECK)}"
        page.keyboard.press("ArrowRight")
        page.wait_for_function("w => w.scrollLeft > 0", arg=wrap.element_handle())
    finally:
        context.close()


# The emergency box's title and text: sizes in px, and the title's contrast, its tap-to-call number
# included (colours composited over the box, whose background is opaque in both palettes).
EMERGENCY = """() => {
  const rgba = (c) => { const v = c.match(/[\\d.]+/g).map(Number); return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
  const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3]));
  const lum = (rgb) => rgb.map((c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const title = document.querySelector(".urgency-emergency > .admonition-title");
  const box = rgba(getComputedStyle(title.parentElement).backgroundColor);
  const back = over(rgba(getComputedStyle(title).backgroundColor), box);
  const ratio = (el) => {
    const [a, b] = [lum(over(rgba(getComputedStyle(el).color), back)), lum(back)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  };
  const px = (el) => parseFloat(getComputedStyle(el).fontSize);
  return {
    contrast: Math.min(ratio(title), ...[...title.querySelectorAll("a")].map(ratio)),  // the words and the number
    title: px(title),
    text: Math.min(...[...title.parentElement.querySelectorAll("p:not(.admonition-title), li")].map(px)),
    body: px(document.querySelector(".md-content .md-typeset > p")),
  };
}"""


@pytest.mark.parametrize("scheme", list(PALETTES))
def test_emergency_callouts_are_body_size_or_larger_with_a_clear_title(
    browser: Browser, scheme: str, served_site: object, site_url: str
) -> None:
    context = browser.new_context(color_scheme=scheme, viewport=SCREENS["phone"])
    try:
        page = context.new_page()
        open_page(page, urljoin(site_url, "when-to-get-help/"))
        found = page.evaluate(EMERGENCY)
        assert found["text"] >= found["body"], f"emergency text {found['text']} px, body text {found['body']} px"
        assert found["title"] >= found["body"], f"emergency title {found['title']} px, body text {found['body']} px"
        assert found["contrast"] >= 7, f"emergency title contrast {found['contrast']:.1f}:1 in {scheme} (want 7:1)"
    finally:
        context.close()


def test_axe_finds_no_violations_in_open_search(
    browser: Browser, palette: str, screen: str, served_site: object, site_url: str
) -> None:
    """The theme's own search dialog, open with results, passes too (it once had no accessible name),
    and so does the danger-sign answer above the results (docs/javascripts/sign-answers.js)."""
    context = browser.new_context(color_scheme=palette, viewport=SCREENS[screen])
    try:
        page = context.new_page()
        page.add_init_script(SEARCH_PROBE)
        open_page(page, site_url)
        for query in ("cramp", "swollen leg short of breath"):
            type_search(page, query)
            page.wait_for_selector(".md-search-result__item")
            if query != "cramp":
                page.wait_for_selector(".sign-answer:not([hidden])")
            found = axe_violations(page)
            assert not found, (f"axe-core violations with search open on {query!r} ({palette} palette, {screen}):\n"
                               + "\n".join(found))
    finally:
        context.close()
