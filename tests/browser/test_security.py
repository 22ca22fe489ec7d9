"""No page of either edition breaks its own Content-Security-Policy in Chromium, and each edition is its own app.

Every `securitypolicyviolation` event and every "Content Security Policy" console message is collected
while a reader opens every page of both editions, with the service worker off and on, searches, switches
the palette and the edition, and goes offline and back. A probe (an inline script added by hand) proves
the policy is enforced, so zero means zero.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from .helpers import SEARCH_PROBE, SitePage, open_page, type_search, wait_for_material

pytestmark = pytest.mark.browser

LISTEN = """document.addEventListener("securitypolicyviolation", (event) => window.__cspViolation(
  `${location.pathname}: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
  + ` (${event.sourceFile}:${event.lineNumber})`));"""
PROBE = "() => { const s = document.createElement('script'); s.textContent = 'window.__probe = 1'; document.head.append(s); }"


def watched(browser: Browser, service_workers: str) -> tuple[BrowserContext, list[str]]:
    context = browser.new_context(service_workers=service_workers)  # type: ignore[arg-type]
    seen: list[str] = []
    context.expose_function("__cspViolation", lambda line: seen.append(line))
    context.add_init_script(LISTEN)
    context.add_init_script(SEARCH_PROBE)
    context.on("console", lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None)
    return context, seen


@pytest.fixture
def blocked(browser: Browser) -> Iterator[tuple[BrowserContext, list[str]]]:
    context, seen = watched(browser, "block")
    yield context, seen
    context.close()


def test_the_policy_is_enforced_and_a_violation_is_seen(blocked: tuple[BrowserContext, list[str]], site_url: str) -> None:
    context, seen = blocked
    page = context.new_page()
    open_page(page, site_url)
    page.evaluate(PROBE)
    page.wait_for_timeout(200)
    assert page.evaluate("window.__probe") is None and any("script-src" in line for line in seen), seen


def test_no_page_of_either_edition_breaks_its_policy_without_the_service_worker(
    blocked: tuple[BrowserContext, list[str]], pages: list[SitePage], site_url: str
) -> None:
    context, seen = blocked
    page = context.new_page()
    for site_page in pages:
        open_page(page, site_page.url)
    open_page(page, site_url)
    reader_actions(page, site_url)
    page.goto(site_url + "no-such-page/")
    page.goto(site_url + "es/no-such-page/")
    assert any(p.path.startswith("es/") for p in pages)
    assert not seen, "\n".join(seen)


def reader_actions(page: Page, site_url: str) -> None:
    """Search in both editions, switch the palette there and back, follow the edition switch both ways."""
    for home in (site_url, site_url + "es/"):
        open_page(page, home)
        type_search(page, "magnesium")
        page.keyboard.press("Escape")
        for _ in range(2):
            page.locator("[data-palette-switch] label:not([hidden])").first.click()
            page.wait_for_timeout(100)
    open_page(page, site_url + "cramp-right-now/")
    page.locator("nav.edition-switch a").first.click()
    page.wait_for_load_state("load")
    wait_for_material(page)
    page.locator("nav.edition-switch a").first.click()
    page.wait_for_load_state("load")
    wait_for_material(page)


def test_with_the_service_worker_online_offline_and_back_no_policy_is_broken(
    browser: Browser, pages: list[SitePage], site_url: str
) -> None:
    context, seen = watched(browser, "allow")
    try:
        page = context.new_page()
        for home in (site_url + "es/", site_url):  # each edition's own worker, the English one last
            open_page(page, home)
            page.evaluate("navigator.serviceWorker.ready.then(() => true)")
            page.reload()
            wait_for_material(page)
            assert page.evaluate("navigator.serviceWorker.controller !== null"), home
        for site_page in pages:
            open_page(page, site_page.url)
        reader_actions(page, site_url)
        context.set_offline(True)
        for path in ("", "cramp-right-now/", "es/", "es/cramp-right-now/", "strategies/stretching/"):
            open_page(page, site_url + path)
        type_search(page, "stretch")
        page.goto(site_url + "no-such-page/")
        context.set_offline(False)
        open_page(page, site_url)
        reader_actions(page, site_url)
        assert not seen, "\n".join(seen)
    finally:
        context.close()


def test_each_edition_is_its_own_app_in_chromium(browser: Browser, site_url: str) -> None:
    """Chromium's own reading of each edition's manifest (Page.getAppManifest): distinct ids and scopes."""
    context = browser.new_context(service_workers="block")
    try:
        apps = []
        for home in (site_url, site_url + "es/"):
            page = context.new_page()
            open_page(page, home)
            answer = context.new_cdp_session(page).send("Page.getAppManifest")
            assert not answer.get("errors"), answer.get("errors")
            manifest = answer["manifest"]
            apps.append((manifest["id"], manifest["scope"]))
        assert apps == [(site_url, site_url), (site_url + "es/", site_url + "es/")], apps
    finally:
        context.close()
