"""Page weight: what a first visit to each page costs, measured in a real Chromium.

Each page is opened in a fresh browser context (empty cache, as a first visit) from the built site
served under /leg-cramps/ (tests/support/site.py). Every request the page makes is counted until
the network is idle (the search index loads only when a reader opens search, so not on a visit).
The offline copy (the service worker and the files it keeps, fetched in the background once the
page has loaded) is not counted: the page does not need it to show, and its size is checked from the
worker's own list (tests/browser/test_offline.py). Its requests are the same from whichever page
installs it, so it is installed on the first visit in each service worker's scope (each edition's home
page) and blocked on the others: it fetches every page of its edition, which was most of the time. Bytes are the files on disk,
gzipped as a static host sends them (HTML, CSS, JS, JSON, SVG; see bench/common.py); so given the
same requests the figure is deterministic. `tests/test_budgets.py` asserts the budgets with this code,
and, from the same visits, that no page asks another origin for anything (the offline copy's requests
included) or leaves a cookie: the privacy rule for every page (tests/browser/test_privacy.py adds search).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from bench.common import gzip_size, wire_size

BUDGET_BYTES = 100 * 1024  # 100 KB (KiB, as the handout's 300 KB budget) compressed, first visit
BUDGET_REQUESTS = 15


@dataclass
class PageWeight:
    path: str  # site-relative, "" for the home page
    html_bytes: int
    html_gzip: int
    requests: int = 0
    transfer_bytes: int = 0  # every response's file, gzipped where a host would
    resources: list[tuple[str, int]] = field(default_factory=list)  # (path or URL, bytes)
    outside: list[str] = field(default_factory=list)  # requests that left the site, the offline copy's too (none expected)
    cookies: list[str] = field(default_factory=list)  # cookies the visit left (none expected)
    missing: list[str] = field(default_factory=list)  # site requests with no file (404)

    @property
    def name(self) -> str:
        return self.path or "(home)"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def site_page_paths(site_dir: Path) -> list[str]:
    """Every page of the built site (each index.html; not 404.html), home first."""
    paths = []
    for html in site_dir.rglob("index.html"):
        relative = html.parent.relative_to(site_dir).as_posix()
        paths.append("" if relative == "." else relative + "/")
    return sorted(paths, key=lambda path: (path != "", path))


def _site_file(site_dir: Path, base_url: str, url: str) -> Path | None:
    """The file a site URL is served from, or None if it is outside the site."""
    base = urlsplit(base_url)
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(base.path):
        return None
    relative = unquote(parts.path[len(base.path):])
    target = site_dir / relative
    if relative == "" or relative.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def for_offline_copy(request: Any) -> bool:
    """A request made for the service worker (its script, its precache), not by the page itself."""
    from playwright.sync_api import Error

    try:
        request.frame  # noqa: B018  (a service worker's requests have no frame)
    except Error:
        return not request.is_navigation_request()
    return False


# Pages opened at once, each in its own fresh context: the half second of quiet that "network idle"
# waits for passes for all of them together, not page after page (the figures are the same).
BATCH = 6


Visit = tuple[list[tuple[str, bool]], list[str]]  # (each request's URL, made for the offline copy), cookies


def _visit(context_factory: Any, urls: list[tuple[str, bool]]) -> list[Visit]:
    """Open each (address, with its offline copy) in a fresh context, all at once; wait until each page's
    network is idle; return each page's requests as (URL, made for the offline copy), and the cookies
    its context then holds."""
    visits: list[tuple[Any, Any, list[tuple[str, bool]]]] = []
    cookies: list[list[str]] = []
    try:
        for url, offline_copy in urls:
            context = context_factory(offline_copy)
            seen: list[tuple[str, bool]] = []
            context.on("request", lambda request, seen=seen: seen.append((request.url, for_offline_copy(request))))
            page = context.new_page()
            visits.append((context, page, seen))
            page.goto(url, wait_until="commit")
        for context, page, _ in visits:
            page.wait_for_load_state("load")
            page.wait_for_load_state("networkidle")
            cookies.append([f"{cookie['name']} ({cookie['domain']})" for cookie in context.cookies()])
    finally:
        for context, _, _ in visits:
            context.close()
    return [(seen, found) for (_, _, seen), found in zip(visits, cookies, strict=True)]


def _weigh(site_dir: Path, base_url: str, path: str, visit: Visit) -> PageWeight:
    html = (site_dir / path / "index.html").read_bytes()
    urls, cookies = visit
    weight = PageWeight(path=path, html_bytes=len(html), html_gzip=gzip_size(html), cookies=cookies)
    for url, offline in urls:
        if not url.startswith(("http://", "https://")):
            continue  # data: and blob: URLs are not requests on the wire
        target = _site_file(site_dir, base_url, url)
        if target is None:
            weight.outside.append(url)
        if offline:
            continue  # the offline copy: weighed from the worker's own list by tests/browser/test_offline.py
        weight.requests += 1
        if target is None:
            continue
        if not target.is_file():
            weight.missing.append(url)
            target = site_dir / "404.html"
        size = wire_size(target) if target.is_file() else 0
        weight.transfer_bytes += size
        weight.resources.append((url.removeprefix(base_url), size))
    return weight


def measure_site(browser: Any, site_dir: Path, base_url: str) -> list[PageWeight]:
    """Every page's weight, each in a fresh context (nothing cached), light palette, phone-sized."""

    def fresh_context(offline_copy: bool) -> Any:
        return browser.new_context(color_scheme="light", viewport={"width": 412, "height": 823},
                                   service_workers="allow" if offline_copy else "block")

    paths = site_page_paths(site_dir)
    installs = {_service_worker(site_dir, path): path for path in reversed(paths)}  # the first page of each scope
    weights = []
    for start in range(0, len(paths), BATCH):
        batch = paths[start:start + BATCH]
        urls = [(urljoin(base_url, path), installs.get(_service_worker(site_dir, path)) == path) for path in batch]
        for path, visit in zip(batch, _visit(fresh_context, urls), strict=True):
            weights.append(_weigh(site_dir, base_url, path, visit))
    return weights


def _service_worker(site_dir: Path, path: str) -> str:
    """The service worker whose scope holds the page: the nearest sw.js at or above its folder."""
    folder = Path(path)
    for parent in (folder, *folder.parents):
        if (site_dir / parent / "sw.js").is_file():
            return parent.as_posix()
    return ""


def over_budget(weights: list[PageWeight]) -> Iterator[str]:
    for weight in weights:
        if weight.transfer_bytes > BUDGET_BYTES:
            yield f"{weight.name}: {weight.transfer_bytes / 1024:.1f} KB compressed > {BUDGET_BYTES / 1024:.0f} KB"
        if weight.requests > BUDGET_REQUESTS:
            yield f"{weight.name}: {weight.requests} requests > {BUDGET_REQUESTS}"


def launch_browser(playwright: Any) -> Any:
    from tests.support.browser import LAUNCH_ARGS, find_browser

    return playwright.chromium.launch(executable_path=find_browser(), args=LAUNCH_ARGS)


@contextmanager
def served_real_site() -> Iterator[tuple[Path, str]]:
    """The real site, built with `--strict` for the /leg-cramps/ sub-path, served with gzip."""
    from bench.common import ROOT
    from bench.serve import GzipSiteServer
    from tests.support.site import SUB_PATH, free_port, mkdocs_build

    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        port = free_port()
        base_url = f"http://127.0.0.1:{port}{SUB_PATH}"
        build = mkdocs_build(ROOT, Path(tmp) / "site", SITE_URL=base_url)
        if not build.ok:
            raise RuntimeError(f"the strict build failed:\n{build.output[-3000:]}")
        with GzipSiteServer(build.site_dir, port):
            yield build.site_dir, base_url


def page_weight(site_dir: Path, base_url: str, log: Any) -> dict[str, Any]:
    """Weigh every page of the served site in Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            weights = measure_site(browser, site_dir, base_url)
        finally:
            browser.close()
    pdfs = {pdf.relative_to(site_dir).as_posix(): pdf.stat().st_size for pdf in sorted(site_dir.rglob("*.pdf"))}
    for weight in weights:
        log(f"  {weight.name}: {weight.transfer_bytes / 1024:.1f} KB, {weight.requests} requests")
    return {
        "budget_kib": BUDGET_BYTES / 1024,
        "budget_requests": BUDGET_REQUESTS,
        "gzip": "level 6 for .html .css .js .json .svg .xml .txt .map; other files as they are",
        "pages": [weight.as_dict() for weight in weights],
        "pdf_bytes": pdfs,
        "over_budget": list(over_budget(weights)),
    }
