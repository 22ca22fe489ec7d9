"""What a reader's browser gets from each engine's build: first-visit weight, outside requests, search.

    .venv-zensical/bin/python -m bench.engines --keep .engines     # builds both sites into .engines/
    .venv/bin/python -m bench.engine_browser .engines               # needs the test tools (make test)

Each site is served as a static host serves it (bench/serve.py: under /leg-cramps/, gzip) and opened
in Chromium. Page weight is bench/weight.py's first-visit measure. Search: every query in
tests/browser/search_queries.yml is typed key by key into each engine's own search box, and it
counts whether the expected page is among the first three pages listed (as the browser test asks).

Exit 1, with a line saying why, when search is broken or privacy is lost: a request to another host
from either site, a reader query the MkDocs site misses (the browser tests ask for all of them), or a
Zensical search that finds no reader query at all (its 0 of 78 once showed a broken search worker).
Zensical's misses from the lay keywords it cannot search are expected (handbook/zensical.md).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from bench.common import ROOT
from bench.serve import GzipSiteServer
from bench.weight import launch_browser, measure_site
from tests.support.site import SUB_PATH, free_port

QUERIES = ROOT / "tests" / "browser" / "search_queries.yml"
TOP = 3
# Material's result list, and Zensical's (inside its search dialog's open shadow root, which
# Playwright's CSS locators enter).
BOX = "input.md-search__input, input[role=combobox]"
RESULTS = ".md-search-result__item > a, a[role=option]"
STATUS = ".md-search-result__meta, [role=status]"  # "3 matching documents" / "3 results"


def page_path(src: str) -> str:
    stem = src.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def result_pages(page: Any, base_url: str) -> list[str]:
    """The distinct pages in the result list, in order, once the list and its count stop changing."""
    last: tuple[str, list[str]] = ("", [])
    steady, deadline = 0, time.monotonic() + 20
    while time.monotonic() < deadline and steady < 6:
        page.wait_for_timeout(200)
        hrefs = page.locator(RESULTS).evaluate_all("links => links.map(link => link.href)")
        status = " ".join(page.locator(STATUS).all_inner_texts())
        paths = list(dict.fromkeys(urlsplit(href).path.removeprefix(urlsplit(base_url).path) for href in hrefs))
        steady = steady + 1 if (status, paths) == last and status else 0
        last = (status, paths)
    return last[1]


def search_hits(browser: Any, base_url: str, queries: dict[str, str]) -> tuple[int, list[str]]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url, wait_until="networkidle")
    box = page.locator(BOX).first
    hits, misses = 0, []
    for query, src in queries.items():
        if not box.is_visible():
            page.keyboard.press("/")  # both engines open search on "/"; it stays open between queries
            box.wait_for(state="visible")
        box.focus()
        page.keyboard.press("ControlOrMeta+A")
        page.keyboard.press("Backspace")
        page.keyboard.type(query, delay=20)
        if box.input_value() != query:
            raise RuntimeError(f"typing {query!r} into the search box gave {box.input_value()!r}")
        found = result_pages(page, base_url)[:TOP]
        if page_path(src) in found:
            hits += 1
        else:
            misses.append(f"{query!r} -> {', '.join(p or '(home)' for p in found) or 'nothing'}")
    context.close()
    return hits, misses


def measure(browser: Any, site_dir: Path, queries: dict[str, str]) -> dict[str, Any]:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}{SUB_PATH}"
    with GzipSiteServer(site_dir, port):
        weights = measure_site(browser, site_dir, base_url)
        hits, misses = search_hits(browser, base_url, queries)
    kib = [weight.transfer_bytes / 1024 for weight in weights]
    index_loaded = sum(any("search" in path and path.endswith(".json") for path, _ in w.resources) for w in weights)
    return {
        "first visit, median / largest (KiB, gzip)": f"{statistics.median(kib):.1f} / {max(kib):.1f}",
        "requests on a first visit, largest": str(max(weight.requests for weight in weights)),
        "pages that load the search index on a first visit": f"{index_loaded}/{len(weights)}",
        "requests to other hosts": str(sum(len(weight.outside) for weight in weights)),
        f"reader queries with their page in the top {TOP}": f"{hits}/{len(queries)}",
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.engine_browser", description=__doc__.splitlines()[0])
    parser.add_argument("sites", type=Path, help="the folder `python -m bench.engines --keep` wrote")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    table: dict[str, dict[str, str]] = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    queries = {query: src for section in table.values() for query, src in section.items()}  # first + top_three
    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            results = {engine: measure(browser, args.sites / engine, queries) for engine in ("mkdocs", "zensical")}
        finally:
            browser.close()
    print("| In Chromium | MkDocs + Material | Zensical 0.0.73 |\n|---|---|---|")
    for what in results["mkdocs"]:
        if what != "misses":
            print(f"| {what} | {results['mkdocs'][what]} | {results['zensical'][what]} |")
    for engine, result in results.items():
        for miss in result["misses"]:
            print(f"{engine} search miss: {miss}")
    problems = failures(results)
    for problem in problems:
        print(f"engine_browser: {problem}", file=sys.stderr)
    return 1 if problems else 0


def failures(results: dict[str, dict[str, Any]]) -> list[str]:
    """What makes the comparison fail (see the module's text), in plain words."""
    found = [f"the {engine} site made {result['requests to other hosts']} requests to other hosts"
             for engine, result in results.items() if result["requests to other hosts"] != "0"]
    if results["mkdocs"]["misses"]:
        found.append(f"the MkDocs site missed {len(results['mkdocs']['misses'])} reader queries (listed above)")
    if results["zensical"][f"reader queries with their page in the top {TOP}"].startswith("0/"):
        found.append("Zensical's search found no reader query: is search-on-demand.js starting its worker?")
    return found


if __name__ == "__main__":
    sys.exit(main())
