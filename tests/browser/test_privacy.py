"""Privacy in a real browser: no page asks any other origin for anything, and nothing sets a cookie.

Every request the browser makes for a page (documents, styles, scripts, images, fonts, the search
worker and its index) is recorded while the page loads and settles, with search used once.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Request

from .helpers import SEARCH_PROBE, SitePage, open_page, report, type_search, wait_for_material

pytestmark = pytest.mark.browser

LOCAL_SCHEMES = {"data", "blob", "about"}  # never leave the browser


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_no_request_leaves_the_site_and_no_cookie_is_set(
    browser: Browser, pages: list[SitePage], site_url: str
) -> None:
    context = browser.new_context()
    requests: list[Request] = []
    context.on("request", lambda request: requests.append(request))
    site_origin = origin(site_url)
    page = context.new_page()
    page.add_init_script(SEARCH_PROBE)
    problems: dict[str, list[str]] = {}
    visits = [(site_page.name, site_page.url) for site_page in pages]
    visits.append(("404 page", urljoin(site_url, "no-such-page/")))
    try:
        for name, url in visits:
            requests.clear()
            if name == "404 page":
                page.goto(url, wait_until="networkidle")
                wait_for_material(page)
                page.wait_for_load_state("networkidle")
            else:
                open_page(page, url)
                page.wait_for_load_state("networkidle")
            if name == "home":  # search loads a worker and the index: use it once
                type_search(page, "cramp")
                page.wait_for_load_state("networkidle")
            found = [
                f"{request.resource_type} {request.url}"
                for request in requests
                if urlsplit(request.url).scheme not in LOCAL_SCHEMES and origin(request.url) != site_origin
            ]
            assert requests, f"{name}: no request was recorded at all"
            cookies = context.cookies()
            if cookies:
                found.append("cookies set: " + ", ".join(f"{c['name']} ({c['domain']})" for c in cookies))
            if found:
                problems[name] = found
    finally:
        context.close()
    assert not problems, f"requests to other origins, or cookies:\n{report(problems)}"
