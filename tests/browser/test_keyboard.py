"""Keyboard-only use in a real browser: the skip link, search, the palette toggle, and every page.

- The skip link works, search is reachable and usable, the palette toggle switches by Enter, the
  hidden "Back to top" button takes no focus.
- Every page of both editions: Tab reaches the handout link, and every focus stop shows a visible focus
  ring (2 px, 3:1 against what is behind it, not covered), checked in the light and the dark palette.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page

from .helpers import NO_MOTION, PALETTES, SEARCH_PROBE, SHOW_SCHEME, SitePage, open_page, page_path, report

pytestmark = pytest.mark.browser

FOCUS_CHECK = Path(__file__).with_name("focus.js").read_text(encoding="utf-8")
DESCRIBE = """() => { const e = document.activeElement; if (!e || e === document.body) return "(page)";
  const text = (e.innerText || e.getAttribute("aria-label") || e.value || "").trim().split("\\n")[0].slice(0, 40);
  return `<${e.tagName.toLowerCase()}${e.className ? "." + String(e.className).trim().split(/\\s+/).join(".") : ""}`
    + `${e.getAttribute("href") ? " href=" + e.getAttribute("href") : ""}> "${text}"`; }"""
# One round trip per Tab press: where the focus is, whether it is the handout link, and the focus ring
# checked in the page's (light) palette. Each stop is kept for the dark palette's check below.
TAB_STEP = f"""async () => {{
  const describe = {DESCRIBE};
  const check = {FOCUS_CHECK};
  (window.__stops = window.__stops || []).push(document.activeElement);
  return [describe(), document.activeElement.matches('.handout-link a'), await check()];
}}"""
# After the walk, the same stops in the dark palette, in one round trip: the palette is switched once by
# the site's own switch (legcrampsPalette, partials/palette-switch.html), and each stop is focused again by
# script. After Tab presses Chromium shows a script's focus as keyboard focus (:focus-visible), so the ring
# judged is the one a keyboard user sees; a stop where it would not be is reported, never skipped.
DARK_STOPS = f"""async ([scheme, name]) => {{
  const describe = {DESCRIBE};
  const check = {FOCUS_CHECK};
  const show = {SHOW_SCHEME};
  const palette = window.legcrampsPalette, shown = palette.current(), problems = [];
  show(scheme);
  if (document.body.dataset.mdColorScheme !== scheme) return [`could not show the ${{name}} palette`];
  for (const stop of window.__stops.slice(0, -1)) {{  // the last is the stop where the walk came back round
    stop.focus();
    if (!stop.matches(":focus-visible")) {{ problems.push(`focus on ${{describe()}} is not shown as keyboard focus`); continue; }}
    const problem = await check();
    if (problem) problems.push(`focus on ${{describe()}} ${{problem}} (${{name}} palette)`);
  }}
  palette.apply(shown);
  return problems;
}}"""
MAX_TABS = 400

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
        where, is_handout, problem = page.evaluate(TAB_STEP)
        if where == "(page)" or where == first:
            return handout_reached, problems
        first = first or where
        handout_reached = handout_reached or is_handout
        if problem:
            problems.append(f"focus on {where} {problem} (light palette)")
    problems.append(f"focus never left the page after {MAX_TABS} Tab presses (keyboard trap?)")
    return handout_reached, problems


ADOPT_STYLE = """css => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""


def test_every_page_works_by_keyboard_with_visible_focus(browser: Browser, served_site: object, pages: list[SitePage]) -> None:
    """Tab through every page: the handout link is reached and every focus stop has a visible ring, in the
    light palette as the walk goes and then in the dark palette at the same stops (one walk per page)."""
    problems: dict[str, list[str]] = {}
    context = browser.new_context(color_scheme="light")
    try:
        page = context.new_page()
        for site_page in pages:
            open_page(page, site_page.url)
            # A constructed style sheet, not a <style> tag: the page's Content-Security-Policy refuses inline styles.
            page.evaluate(ADOPT_STYLE, NO_MOTION)
            handout_reached, found = tab_through(page)
            found += page.evaluate(DARK_STOPS, [PALETTES["dark"], "dark"])
            if not handout_reached:
                found.append("Tab never reached the handout link (.handout-link a)")
            if found:
                problems[site_page.name] = found
    finally:
        context.close()
    assert not problems, f"keyboard problems:\n{report(problems)}"
