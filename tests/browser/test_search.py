"""Search in the reader's words: each query in search_queries.yml, typed key by key, finds its page.

The table lives in search_queries.yml so editors can read and extend it. A query passes when the
expected page is among the first three pages in Material's result list.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page

from .helpers import SEARCH_PROBE, open_page, top_results, type_search

pytestmark = pytest.mark.browser

QUERIES_FILE = Path(__file__).with_name("search_queries.yml")
QUERIES: dict[str, str] = yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))
TOP = 3


def page_url_path(src: str) -> str:
    """docs/ source path -> site-relative address: index.md -> "", strategies/heat.md -> strategies/heat/."""
    assert src.endswith(".md"), f"{QUERIES_FILE.name}: {src!r} is not a page in docs/"
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def test_query_table_is_large_and_points_at_real_pages() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs"
    assert len(QUERIES) >= 25, f"{QUERIES_FILE.name} has only {len(QUERIES)} queries"
    missing = sorted({src for src in QUERIES.values() if not (docs / src).is_file()})
    assert not missing, f"{QUERIES_FILE.name} names pages that are not in docs/: {missing}"


@pytest.fixture(scope="module")
def search_page(browser: Browser, served_site: object, site_url: str) -> Iterator[Page]:
    """One page for all queries; each query clears the box and types afresh."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(SEARCH_PROBE)
    open_page(page, site_url)
    yield page
    context.close()


@pytest.mark.parametrize("query", list(QUERIES))
def test_search_finds_the_right_page(search_page: Page, site_url: str, query: str) -> None:
    expected = page_url_path(QUERIES[query])
    type_search(search_page, query)
    found = top_results(search_page, site_url, TOP)
    shown = ", ".join(path or "(home)" for path in found) or "no results"
    assert expected in found, (
        f"searching {query!r} should show {QUERIES[query]} in the top {TOP}; got: {shown}. "
        f"Add the reader's words to that page's `keywords:`."
    )
