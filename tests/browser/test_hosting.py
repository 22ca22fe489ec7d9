"""Hosting under a GitHub Pages sub-path (/leg-cramps/): links, assets, search index, 404 page, PDFs.

The site is served the way GitHub Pages serves a project site: only under /leg-cramps/, and a
missing address answers with the site's 404.html and status 404.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Response

from tests.support.site import SUB_PATH

from .helpers import SitePage, page_path, report, wait_for_material

pytestmark = pytest.mark.browser

MISSING = ["no-such-page/", "strategies/no-such-page/deeper/", "old-page.html"]
COLLECT = """() => ({
  links: [...document.querySelectorAll('a[href]')].map(a => a.href),
  assets: [
    ...[...document.querySelectorAll('img[src], script[src], iframe[src], source[src]')].map(e => e.src),
    ...[...document.querySelectorAll('link[href]')].filter(l => l.rel !== 'canonical').map(l => l.href),
  ],
})"""


@dataclass(frozen=True)
class Fetched:
    status: int
    content_type: str
    body: bytes


@cache
def fetch(url: str) -> Fetched:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return Fetched(response.status, response.headers.get_content_type(), response.read())
    except urllib.error.HTTPError as error:
        return Fetched(error.code, error.headers.get_content_type(), error.read())


def ids_in(html: bytes) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html.decode("utf-8", "replace")))


@dataclass
class Crawl:
    links: dict[str, set[str]]  # address on the site -> pages that link to it
    assets: dict[str, set[str]]
    failed: dict[str, list[str]]  # page -> same-origin requests the browser saw fail


@pytest.fixture(scope="module")
def crawl(browser: Browser, pages: list[SitePage], site_url: str) -> Iterator[Crawl]:
    """Open every page (and the 404 page) in the browser; collect its links, assets and failed loads."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    context = browser.new_context()
    page = context.new_page()
    bad: list[str] = []

    def on_response(response: Response) -> None:
        if response.url.startswith(origin) and response.status >= 400 and response.request.resource_type != "document":
            bad.append(f"{response.status} {response.request.resource_type} {response.url}")

    page.on("response", on_response)
    # Requests still loading when the crawl moves on are aborted (net::ERR_ABORTED): not a failure.
    page.on(
        "requestfailed",
        lambda request: bad.append(f"{request.failure} {request.resource_type} {request.url}")
        if request.url.startswith(origin) and request.failure != "net::ERR_ABORTED"
        else None,
    )
    result = Crawl({}, {}, {})
    visits = [(p.name, p.url) for p in pages] + [("404 page", urljoin(site_url, MISSING[0]))]
    for name, url in visits:
        bad.clear()
        page.goto(url, wait_until="load")
        wait_for_material(page)  # its script is requested after the first paint
        found = page.evaluate(COLLECT)
        for link in found["links"]:
            if link.startswith(origin):
                result.links.setdefault(link, set()).add(name)
        for asset in found["assets"]:
            result.assets.setdefault(asset, set()).add(name)
        if bad:
            result.failed[name] = list(bad)
    yield result
    context.close()


def test_pages_load_every_asset(crawl: Crawl) -> None:
    assert not crawl.failed, f"the browser could not load some files:\n{report(crawl.failed)}"


def test_every_asset_is_served_from_the_sub_path(crawl: Crawl, site_url: str) -> None:
    problems: dict[str, list[str]] = {}
    for url, where in sorted(crawl.assets.items()):
        if not url.startswith(site_url):
            problems.setdefault(url, []).append(f"is outside {site_url} (used on {', '.join(sorted(where))})")
            continue
        got = fetch(url)
        if got.status != 200:
            problems.setdefault(url, []).append(f"answers {got.status} (used on {', '.join(sorted(where))})")
    assert len(crawl.assets) >= 5, f"only {len(crawl.assets)} assets found: is the crawl working?"
    assert not problems, f"broken assets:\n{report(problems)}"


def test_every_internal_link_works(crawl: Crawl, site_url: str) -> None:
    """Every <a href> on the site's origin stays under the sub-path and answers 200; anchors exist."""
    problems: dict[str, list[str]] = {}
    for link, where in sorted(crawl.links.items()):
        pages_using = ", ".join(sorted(where))
        url, fragment = urldefrag(link)
        if not url.startswith(site_url):
            problems.setdefault(link, []).append(f"leaves the sub-path {SUB_PATH} (on {pages_using})")
            continue
        got = fetch(url)
        if got.status != 200:
            problems.setdefault(link, []).append(f"answers {got.status} (on {pages_using})")
        elif fragment and got.content_type == "text/html" and fragment not in ids_in(got.body):
            problems.setdefault(link, []).append(f"has no element with id {fragment!r} (on {pages_using})")
    assert len(crawl.links) >= 20, f"only {len(crawl.links)} internal links found: is the crawl working?"
    assert not problems, f"broken internal links:\n{report(problems)}"


@pytest.mark.parametrize("edition", ["", "es/"])
def test_search_index_is_served_and_covers_every_page(pages: list[SitePage], site_url: str, edition: str) -> None:
    """Each edition has its own index, covering its own pages (addresses relative to the edition)."""
    got = fetch(urljoin(site_url, f"{edition}search/search_index.json"))
    assert got.status == 200, f"{edition}search/search_index.json answers {got.status}"
    index = json.loads(got.body)
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    own = {p.path.removeprefix(edition) for p in pages
           if p.path.startswith(edition) and (edition or not p.path.startswith("es/"))}
    missing = sorted(path or "(home)" for path in own - locations)
    assert not missing, f"pages missing from the {edition or 'English'} search index: {missing}"
    unknown = sorted(loc or "(home)" for loc in locations - own)
    assert not unknown, f"the search index points at pages that do not exist: {unknown}"


@pytest.mark.parametrize("missing", MISSING)
def test_missing_page_shows_the_styled_404_page(browser: Browser, served_site: object, site_url: str, missing: str) -> None:
    context = browser.new_context()
    try:
        page: Page = context.new_page()
        styles: list[Response] = []
        page.on("response", lambda r: styles.append(r) if r.request.resource_type == "stylesheet" else None)
        response = page.goto(urljoin(site_url, missing), wait_until="networkidle")
        assert response is not None and response.status == 404, f"{missing} answered {response and response.status}"
        assert "Page not found" in page.locator("h1").first.inner_text()
        assert styles and all(r.status == 200 for r in styles), (
            f"the 404 page's stylesheets did not load: {[(r.status, r.url) for r in styles]}"
        )
        styled = page.evaluate(
            """() => [...document.styleSheets].every(s => s.cssRules.length > 0)
                 && getComputedStyle(document.querySelector('.md-header')).position === 'sticky'
                 && getComputedStyle(document.querySelector('.md-header')).backgroundColor !== 'rgba(0, 0, 0, 0)'"""
        )
        assert styled, "the 404 page is not styled: Material's CSS did not apply"
        home = page.locator("a", has_text="Go to the home page")
        assert home.count() == 1
        with page.expect_navigation():
            home.click()
        assert page_path(page.url, site_url) == "", f"the 404 page's home link went to {page.url}"
    finally:
        context.close()


def test_every_pdf_link_serves_a_pdf(crawl: Crawl, site_url: str) -> None:
    """The handout PDF(s): every PDF link on the site answers 200 with Content-Type application/pdf."""
    pdfs = {link: where for link, where in crawl.links.items() if urlsplit(link).path.lower().endswith(".pdf")}
    assert pdfs, "no page links to a PDF: the handout link should offer handout/leg-cramps-handout-a4.pdf"
    problems: dict[str, list[str]] = {}
    for link, where in sorted(pdfs.items()):
        got = fetch(urldefrag(link)[0])
        if got.status != 200 or got.content_type != "application/pdf" or not got.body.startswith(b"%PDF-"):
            problems[link] = [f"answers {got.status} {got.content_type} (linked from {', '.join(sorted(where))})"]
    assert not problems, f"broken PDF links:\n{report(problems)}"
