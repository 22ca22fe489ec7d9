"""Small helpers shared by the browser tests: the site's pages, search, focus and failure reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Page


@dataclass(frozen=True)
class SitePage:
    path: str  # relative to the site root, as in the address bar: "", "strategies/heat/"
    url: str

    @property
    def name(self) -> str:
        return self.path or "home"


def site_pages(site_dir: Path, site_url: str) -> list[SitePage]:
    """Every HTML page in the built site except 404.html, home first."""
    found = []
    for html in sorted(site_dir.rglob("index.html")):
        path = html.parent.relative_to(site_dir).as_posix()
        path = "" if path == "." else path + "/"
        found.append(SitePage(path, urljoin(site_url, path)))
    return sorted(found, key=lambda page: (page.path != "", page.path))


def page_path(url: str, site_url: str) -> str:
    """The site-relative path of an address on the site, without query or fragment."""
    path = urlsplit(url).path
    base = urlsplit(site_url).path
    return path[len(base):] if path.startswith(base) else path


# Resolves once Material has started: its document$ has announced the page (after the first paint,
# overrides/partials/after-first-paint.html), so every component Material mounts is in place.
MATERIAL_STARTED = "() => new Promise(started => document$.subscribe(() => started(true)))"


def open_page(page: Page, url: str) -> None:
    """Go to a page and wait until Material's scripts have started."""
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url} answered {response.status if response else 'nothing'}"
    wait_for_material(page)


def wait_for_material(page: Page) -> None:
    """Wait until Material's script has loaded (after the first paint) and started."""
    page.wait_for_function("() => window.document$ !== undefined")
    page.evaluate(MATERIAL_STARTED)


# Keyboard walks press Tab hundreds of times: without transitions each focus stop is judged in its
# final state at once instead of after Material's 125-400 ms animations. Nothing else changes.
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"

# The two palettes (the name a test uses -> Material's scheme) and the two screens every walk covers.
PALETTES = {"light": "default", "dark": "slate"}  # emulated color_scheme -> Material scheme
SCREENS = {"desktop": {"width": 1280, "height": 720}, "phone": {"width": 360, "height": 740}}
# Show the open page in a Material scheme the way the site's light/dark switch does (legcrampsPalette,
# overrides/partials/palette-switch.html: the body's colour attributes and the toggle shown).
SHOW_SCHEME = """(scheme) => { const palette = window.legcrampsPalette;
  palette.apply(palette.inputs.findIndex(input => input.getAttribute("data-md-color-scheme") === scheme)); }"""


def report(problems: dict[str, list[str]]) -> str:
    """Format {page: [problem, ...]} as one readable failure message."""
    lines = []
    for where, items in problems.items():
        lines.append(f"{where}:")
        lines.extend(f"    {item}" for item in items)
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------ search

# Counts the messages sent to Material's search worker and its answers, so a test knows when the
# results on screen belong to the last key press (Material sends one query per keyup, no debounce).
SEARCH_PROBE = """
(() => {
  const Native = window.Worker;
  window.__search = { pending: 0, last: null };
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", () => { window.__search.pending--; });
    }
    postMessage(message, ...rest) {
      window.__search.pending++;
      if (message && typeof message.data === "string") window.__search.last = message.data;
      return super.postMessage(message, ...rest);
    }
  };
})();
"""


def type_search(page: Page, query: str, *, key_by_key: bool = True) -> None:
    """Open search with the "/" key, clear it and type the query: key by key, as a reader types, or with
    `key_by_key=False` in one insertion, as a phone keyboard's suggestion or a paste puts it in."""
    wait_for_material(page)  # the "/" shortcut is Material's: it works once Material has started
    page.keyboard.press("/")
    search_input = page.locator("input.md-search__input")
    search_input.wait_for(state="visible")
    assert page.evaluate("document.activeElement === document.querySelector('input.md-search__input')"), (
        'pressing "/" did not put the focus in the search box'
    )
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.press("Backspace")
    if key_by_key:
        page.keyboard.type(query)
    else:
        page.keyboard.insert_text(query)
    # Material searches on keyup. A reader's keyboard sends one for "é" too; Playwright types a letter
    # that is not on a US keyboard as inserted text with no keyup, so End gives the last key its keyup.
    page.keyboard.press("End")
    page.wait_for_function(
        """(query) => window.__search && window.__search.pending === 0
             && window.__search.last === query
             && document.querySelector('input.md-search__input').value === query""",
        arg=query,
    )


def top_results(page: Page, site_url: str, count: int = 3) -> list[str]:
    """The site-relative paths of the first `count` pages in the result list."""
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.map(item => item.querySelector('a').href)",
    )
    return [page_path(href, site_url) for href in hrefs[:count]]
