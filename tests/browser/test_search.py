"""Search in the reader's words: each query in an edition's table finds its page.

Each edition has its table, so editors can read and extend it: search_queries.yml for the English
site, search_queries.es.yml for the Spanish one (under es/). Queries under `first` must bring their
page up as the first result; those under `top_three` (more than one page answers them well) among the
first three pages in Material's result list. Each edition's queries run on that edition's own site.

Every query with a letter beyond plain English ones (é, ñ) and every fifth query are typed key by key,
as a reader at a keyboard types them, so a search that goes wrong between keystrokes is caught; the
others go in as one insertion, as a phone keyboard's suggestion or a paste puts them in (Material
searches the box's whole text on each keyup: the same answer, four times quicker).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from playwright.sync_api import Browser, Page

from .helpers import SEARCH_PROBE, open_page, top_results, type_search

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PLACES = {"first": 1, "top_three": 3}  # how far down the list the page may be


@dataclass(frozen=True)
class Edition:
    name: str  # in test ids: en, es
    queries: str  # the query table, next to this file
    docs: str  # the edition's pages folder
    path: str  # where the edition is on the site: "" or "es/"
    terms: str  # the edition's shared list of reader words

    def shown(self, src: str) -> str:
        """A page as failure messages name it: English pages by their path in docs/, others with their folder."""
        return src if self.docs == "docs" else f"{self.docs}/{src}"

    @property
    def table(self) -> dict[str, dict[str, str]]:
        return yaml.safe_load(Path(__file__).with_name(self.queries).read_text(encoding="utf-8"))


EDITIONS = {
    edition.name: edition
    for edition in (
        Edition("en", "search_queries.yml", "docs", "", "data/en/search-terms.yml"),
        Edition("es", "search_queries.es.yml", "docs-es", "es/", "data/es/search-terms.yml"),
    )
}
TABLES = {name: edition.table for name, edition in EDITIONS.items()}


def cases(name: str) -> list[tuple[str, str, str]]:
    """(query, page, where) for every query in the edition's table."""
    table = TABLES[name]
    return [(query, src, where) for where in PLACES for query, src in (table.get(where) or {}).items()]


CASES = [(name, query, src, where) for name in EDITIONS for query, src, where in cases(name)]
KEY_BY_KEY = {(name, query) for name in EDITIONS for number, (query, _, _) in enumerate(cases(name))
              if number % 5 == 0 or not query.isascii()}


def page_url_path(src: str, edition: Edition = EDITIONS["en"]) -> str:
    """Source path -> address within the edition: index.md -> "", strategies/heat.md -> strategies/heat/."""
    assert src.endswith(".md"), f"{edition.queries}: {src!r} is not a page in {edition.docs}/"
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@pytest.mark.parametrize("name", EDITIONS)
def test_query_table_is_large_and_points_at_real_pages(name: str) -> None:
    edition, table, found = EDITIONS[name], TABLES[name], cases(name)
    where = edition.queries
    assert set(table) == set(PLACES), f"{where} has the sections {sorted(table)}, not {sorted(PLACES)}"
    assert len(table["first"]) >= 25 and len(found) >= 60, f"{where} has only {len(found)} queries"
    twice = set(table["first"]) & set(table["top_three"])
    assert not twice, f"{where} lists these queries in both sections: {sorted(twice)}"
    missing = sorted({src for _, src, _ in found if not (ROOT / edition.docs / src).is_file()})
    assert not missing, f"{where} names pages that are not in {edition.docs}/: {missing}"


@pytest.fixture(scope="module")
def search_page(browser: Browser, served_site: object, site_url: str) -> Iterator[Callable[[Edition], Page]]:
    """One page per edition, on its home page, kept for all its queries; each query clears the box and
    types afresh. (A fixture per edition parametrized with the queries would be made again for every query.)"""
    context = browser.new_context()
    opened: dict[str, Page] = {}

    def page_for(edition: Edition) -> Page:
        if edition.name not in opened:
            opened[edition.name] = page = context.new_page()
            page.add_init_script(SEARCH_PROBE)
            open_page(page, urljoin(site_url, edition.path))
        return opened[edition.name]

    yield page_for
    context.close()


@pytest.mark.parametrize(("name", "query", "src", "where"), CASES,
                         ids=[f"{name}/{where}:{query}" for name, query, _, where in CASES])
def test_search_finds_the_right_page(search_page: Callable[[Edition], Page], site_url: str, name: str, query: str,
                                     src: str, where: str) -> None:
    edition = EDITIONS[name]
    page = search_page(edition)
    expected = page_url_path(src, edition)
    edition_url = urljoin(site_url, edition.path)
    typed = (name, query) in KEY_BY_KEY
    type_search(page, query, key_by_key=typed)
    found = top_results(page, edition_url, PLACES[where])
    shown = ", ".join(path or "(home)" for path in top_results(page, edition_url, 3)) or "no results"
    place = "first" if where == "first" else "in the top 3"
    assert expected in found, (
        f"searching {query!r} ({'typed key by key' if typed else 'put in at once'}) should show {edition.shown(src)} "
        f"{place}; got: {shown}. Put the reader's words in that "
        f"page's `keywords:`, or a misspelling or synonym of a word it has in {edition.terms} (CONTRIBUTING, Search)."
    )
