"""Privacy in a real browser: no page asks any other origin for anything, and nothing sets a cookie.

Every page of both editions is visited on its own, as a first visit, by the page-weight walk
(tests/test_budgets.py, bench/weight.py: every request until the network is idle, the offline copy's
too, then the cookies). Here, one reader's walk in one browser context, so cookies would add up: the
home page with search used (its worker and index), a strategy page, the Spanish home page and the
404 page; every request the browser makes is recorded while each page loads and settles.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Request

from .helpers import SEARCH_PROBE, open_page, report, type_search, wait_for_material

pytestmark = pytest.mark.browser

LOCAL_SCHEMES = {"data", "blob", "about"}  # never leave the browser


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


READER_WALK = {"home": "", "a strategy page": "strategies/stretching/", "the Spanish home page": "es/",
               "404 page": "no-such-page/"}


def test_searching_and_walking_the_site_asks_no_other_origin_and_sets_no_cookie(
    browser: Browser, served_site: object, site_url: str
) -> None:
    context = browser.new_context()
    requests: list[Request] = []
    context.on("request", lambda request: requests.append(request))
    site_origin = origin(site_url)
    page = context.new_page()
    page.add_init_script(SEARCH_PROBE)
    problems: dict[str, list[str]] = {}
    visits = [(name, urljoin(site_url, path)) for name, path in READER_WALK.items()]
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
