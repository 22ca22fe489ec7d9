"""Search in the reader's words: each query in search_queries.yml, typed key by key, finds its page.

The table lives in search_queries.yml so editors can read and extend it. Queries under `first` must
bring their page up as the first result; those under `top_three` (more than one page answers them
well) among the first three pages in Material's result list.
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
TABLE: dict[str, dict[str, str]] = yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))
PLACES = {"first": 1, "top_three": 3}  # how far down the list the page may be
CASES = [(query, src, where) for where in PLACES for query, src in (TABLE.get(where) or {}).items()]


def page_url_path(src: str) -> str:
    """docs/ source path -> site-relative address: index.md -> "", strategies/heat.md -> strategies/heat/."""
    assert src.endswith(".md"), f"{QUERIES_FILE.name}: {src!r} is not a page in docs/"
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def test_query_table_is_large_and_points_at_real_pages() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs"
    assert set(TABLE) == set(PLACES), f"{QUERIES_FILE.name} has the sections {sorted(TABLE)}, not {sorted(PLACES)}"
    assert len(TABLE["first"]) >= 25 and len(CASES) >= 60, f"{QUERIES_FILE.name} has only {len(CASES)} queries"
    twice = set(TABLE["first"]) & set(TABLE["top_three"])
    assert not twice, f"{QUERIES_FILE.name} lists these queries in both sections: {sorted(twice)}"
    missing = sorted({src for _, src, _ in CASES if not (docs / src).is_file()})
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


@pytest.mark.parametrize(("query", "src", "where"), CASES, ids=[f"{where}:{query}" for query, _, where in CASES])
def test_search_finds_the_right_page(search_page: Page, site_url: str, query: str, src: str, where: str) -> None:
    expected = page_url_path(src)
    type_search(search_page, query)
    found = top_results(search_page, site_url, PLACES[where])
    shown = ", ".join(path or "(home)" for path in top_results(search_page, site_url, 3)) or "no results"
    place = "first" if where == "first" else "in the top 3"
    assert expected in found, (
        f"searching {query!r} should show {src} {place}; got: {shown}. Put the reader's words in that page's "
        f"`keywords:`, or a misspelling or synonym of a word it has in data/en/search-terms.yml (CONTRIBUTING, Search)."
    )
