"""Accessibility in a real browser: axe-core on every page in both palettes, and keyboard-only use.

- axe-core (axe-playwright-python) finds no violation on any page, the 404 page or the open search,
  in the light and the dark palette (the palette follows prefers-color-scheme, emulated here), on a
  desktop screen and on a 360 px phone (where wide tables scroll sideways and must be reachable).
- Keyboard only: the skip link works, search is reachable and usable, the handout link is reachable
  on every page, and every focus stop shows a visible focus ring.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from .helpers import NO_MOTION, SEARCH_PROBE, SitePage, open_page, page_path, report, type_search, wait_for_material

pytestmark = pytest.mark.browser

PALETTES = {"light": "default", "dark": "slate"}  # emulated color_scheme -> Material scheme
SCREENS = {"desktop": {"width": 1280, "height": 720}, "phone": {"width": 360, "height": 740}}
FOCUS_CHECK = Path(__file__).with_name("focus.js").read_text(encoding="utf-8")
DESCRIBE = """() => { const e = document.activeElement; if (!e || e === document.body) return "(page)";
  const text = (e.innerText || e.getAttribute("aria-label") || e.value || "").trim().split("\\n")[0].slice(0, 40);
  return `<${e.tagName.toLowerCase()}${e.className ? "." + String(e.className).trim().split(/\\s+/).join(".") : ""}`
    + `${e.getAttribute("href") ? " href=" + e.getAttribute("href") : ""}> "${text}"`; }"""
# One round trip per Tab press: where the focus is, whether it is the handout link, and the focus ring
# checked in each palette in turn, applied by the site's own switch (legcrampsPalette, partials/
# palette-switch.html: the body's colour attributes and the toggle shown), then the page's palette again.
TAB_STEP = f"""async (schemes) => {{
  const describe = {DESCRIBE};
  const check = {FOCUS_CHECK};
  const handout = document.activeElement.matches('.handout-link a');
  const palette = window.legcrampsPalette, shown = palette.current(), problems = [];
  for (const [name, scheme] of schemes) {{
    palette.apply(palette.inputs.findIndex(input => input.getAttribute("data-md-color-scheme") === scheme));
    if (document.body.dataset.mdColorScheme !== scheme) {{ problems.push(`could not show the ${{name}} palette`); continue; }}
    const problem = await check();
    if (problem) problems.push(`${{problem}} (${{name}} palette)`);
  }}
  palette.apply(shown);
  return [describe(), handout, problems];
}}"""
MAX_TABS = 400
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


@pytest.fixture(scope="module")
def screen_page(browser: Browser, screen: str, served_site: object) -> Iterator[Page]:
    """One page at the screen size, reused for every site page."""
    context = browser.new_context(color_scheme="light", viewport=SCREENS[screen])
    page = context.new_page()
    yield page
    context.close()


def assert_palette(page: Page, palette: str) -> None:
    scheme = page.get_attribute("body", "data-md-color-scheme")
    assert scheme == PALETTES[palette], f"expected the {palette} palette ({PALETTES[palette]}), the page shows {scheme}"


def show_palette(page: Page, palette: str) -> None:
    """Show the open page in `palette` as the site's light/dark switch does (partials/palette-switch.html)."""
    page.evaluate("""(scheme) => { const palette = window.legcrampsPalette;
      palette.apply(palette.inputs.findIndex(input => input.getAttribute("data-md-color-scheme") === scheme)); }""",
                  PALETTES[palette])
    assert_palette(page, palette)
    # Material fades colours (links, navigation) over a quarter of a second: judge them as the reader sees them after.
    page.wait_for_function("() => document.getAnimations().every(animation => animation.playState !== 'running')")


def test_axe_finds_no_violations_on_any_page(screen_page: Page, screen: str, pages: list[SitePage], site_url: str) -> None:
    """Every page and the 404 page, each loaded once and looked at in the light and the dark palette."""
    problems: dict[str, list[str]] = {}

    def look(name: str) -> None:
        for palette in PALETTES:
            show_palette(screen_page, palette)
            if found := axe_violations(screen_page):
                problems[f"{name} ({palette} palette)"] = found

    for site_page in pages:
        open_page(screen_page, site_page.url)
        look(site_page.name)
    # The 404 page readers see for a missing address.
    response = screen_page.goto(urljoin(site_url, "no-such-page/"))
    assert response is not None and response.status == 404
    wait_for_material(screen_page)
    look("404 page")
    assert not problems, f"axe-core violations on a {screen} screen:\n{report(problems)}"


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


# --------------------------------------------------------------------------------- keyboard only


def test_skip_link_jumps_to_the_content(page: Page, served_site: object, site_url: str) -> None:
    open_page(page, urljoin(site_url, "strategies/stretching/"))
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    assert page.evaluate("document.activeElement === document.querySelector('a.md-skip')"), (
        "the first Tab stop is not the skip link"
    )
    problem = page.evaluate(FOCUS_CHECK)
    assert problem is None, f"the focused skip link is not visible: {problem}"
    target = skip.get_attribute("href")
    assert target and target.startswith("#")
    page.keyboard.press("Enter")
    page.wait_for_function("(hash) => location.hash === hash", arg=target)
    heading = page.locator(target)
    assert heading.is_visible() and heading.evaluate("e => e.closest('.md-content') !== null")
    page.keyboard.press("Tab")
    inside = page.evaluate("document.activeElement.closest('.md-content') !== null")
    assert inside, f"after the skip link, Tab went to {page.evaluate(DESCRIBE)}, not into the page content"


def test_search_is_reachable_and_usable_by_keyboard(page: Page, served_site: object, site_url: str) -> None:
    """Tab to the search box (no shortcut), type, arrow down to a result and open it with Enter."""
    page.add_init_script(SEARCH_PROBE)
    open_page(page, site_url)
    tab_to(page, "input.md-search__input", "the search box", presses=15)
    assert page.evaluate(FOCUS_CHECK) is None, f"focus on the search box is not visible: {page.evaluate(FOCUS_CHECK)}"
    page.keyboard.type("magnesium")
    page.wait_for_function("() => window.__search.pending === 0 && window.__search.last === 'magnesium'")
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.closest('.md-search-result__item') !== null")
    assert focused, f"ArrowDown from the search box went to {page.evaluate(DESCRIBE)}, not to the first result"
    assert page.evaluate(FOCUS_CHECK) is None, f"focus on the search result is not visible: {page.evaluate(FOCUS_CHECK)}"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page_path(page.url, site_url) == "strategies/electrolytes/"


def test_palette_toggle_works_by_keyboard(page: Page, served_site: object, site_url: str) -> None:
    """Tab to the light/dark toggle and press Enter: the palette switches, and back again."""
    open_page(page, site_url)
    tab_to(page, ".md-option", "the light/dark toggle", presses=10)
    assert page.evaluate(FOCUS_CHECK) is None, f"focus on the palette toggle is not visible: {page.evaluate(FOCUS_CHECK)}"
    for expected in ("slate", "default"):
        page.keyboard.press("Enter")
        page.wait_for_function("(s) => document.body.dataset.mdColorScheme === s", arg=expected)
        assert page.evaluate(FOCUS_CHECK) is None, f"after switching to {expected}: {page.evaluate(FOCUS_CHECK)}"


def test_the_hidden_back_to_top_button_takes_no_focus(page: Page, served_site: object, site_url: str) -> None:
    """Before any scrolling Material's "Back to top" button is invisible: Tab must not be able to land on it."""
    open_page(page, urljoin(site_url, "strategies/stretching/"))
    focused = page.evaluate("""() => {
      const top = document.querySelector(".md-top");
      if (!top || !top.hidden) return "no hidden back-to-top button on the page";
      top.focus();
      return document.activeElement === top;
    }""")
    assert focused is False, f"the hidden back-to-top button: {focused}"


def tab_to(page: Page, selector: str, name: str, presses: int) -> None:
    """Press Tab from the top of the page until `selector` has focus, at most `presses` times."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"{presses} Tab presses from the top of the page did not reach {name}")


def tab_through(page: Page) -> tuple[bool, list[str]]:
    """Press Tab from the top of the page to its end; return (handout link reached, problems)."""
    problems: list[str] = []
    handout_reached = False
    first = None
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        where, is_handout, found = page.evaluate(TAB_STEP, list(PALETTES.items()))
        if where == "(page)" or where == first:
            return handout_reached, problems
        first = first or where
        handout_reached = handout_reached or is_handout
        problems += [f"focus on {where} {problem}" for problem in found]
    problems.append(f"focus never left the page after {MAX_TABS} Tab presses (keyboard trap?)")
    return handout_reached, problems


ADOPT_STYLE = """css => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""


def test_every_page_works_by_keyboard_with_visible_focus(browser: Browser, served_site: object, pages: list[SitePage]) -> None:
    """Tab through every page: the handout link is reached and every focus stop has a visible ring, in the
    light and the dark palette (both checked at each stop: one walk, the same Tab order)."""
    problems: dict[str, list[str]] = {}
    context = browser.new_context(color_scheme="light")
    try:
        page = context.new_page()
        for site_page in pages:
            open_page(page, site_page.url)
            # A constructed style sheet, not a <style> tag: the page's Content-Security-Policy refuses inline styles.
            page.evaluate(ADOPT_STYLE, NO_MOTION)
            handout_reached, found = tab_through(page)
            if not handout_reached:
                found.append("Tab never reached the handout link (.handout-link a)")
            if found:
                problems[site_page.name] = found
    finally:
        context.close()
    assert not problems, f"keyboard problems:\n{report(problems)}"
