"""A danger sign typed into search is answered first: the sign's tier, its instruction and its page.

Each edition has a table of danger-sign queries as readers type them (sign_queries.yml, and
sign_queries.es.yml for the Spanish site under es/); the answer above Material's results must be the
sign named. The queries from the issue that asked for the answers, those with letters beyond plain
English ones and every fifth query are typed key by key, as at a keyboard; the others go in as one
insertion, as a phone keyboard's suggestion or a paste puts them in (the same answer, quicker).
Every sign in the sign data is also found by its own words, so a new sign is answered without a line in
the table. The answer's words are the edition's: the tier's title
from words.yml with the sign as written (the UK edition's 999 is checked in test_editions.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from markupsafe import escape
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from legcramps.model.safety import load_warning_signs

from .helpers import SEARCH_PROBE, open_page, type_search

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
EDITIONS = {"en": ("sign_queries.yml", "data/en", ""), "es": ("sign_queries.es.yml", "data/es", "es/")}
ANSWER = ".sign-answer:not([hidden]) [data-sign]"


def table(name: str) -> dict[str, str]:
    found: dict[str, str] = yaml.safe_load(Path(__file__).with_name(EDITIONS[name][0]).read_text(encoding="utf-8"))
    return found


def signs(name: str) -> dict[str, tuple[str, str]]:
    """Sign id -> (tier, text), general and topic signs, as the edition's data files write them."""
    folder = ROOT / EDITIONS[name][1]
    found = {}
    for file, every_tier in (("warning-signs.yml", True), ("topic-signs.yml", False)):
        for tier, tier_signs in load_warning_signs(folder / file, every_tier).tiers.items():
            found.update({sign_id: (tier, text) for sign_id, text in tier_signs.items()})
    return found


CASES = [(name, query, sign) for name in EDITIONS for query, sign in table(name).items()]
ISSUE_QUERIES = {("en", "swollen leg"), ("en", "leg swollen red warm"), ("en", "short of breath leg pain"),
                 ("es", "falta de aire"), ("es", "pierna hinchada")}
KEY_BY_KEY = ISSUE_QUERIES | {(name, query) for number, (name, query, _) in enumerate(CASES)
                              if number % 5 == 0 or not query.isascii()}


@pytest.mark.parametrize("name", EDITIONS)
def test_the_sign_query_table_is_large_and_names_real_signs(name: str) -> None:
    queries, known = table(name), signs(name)
    assert len(queries) >= 25, f"{EDITIONS[name][0]} has only {len(queries)} queries"
    unknown = sorted({sign for sign in queries.values() if sign not in known})
    assert not unknown, f"{EDITIONS[name][0]} names signs that are not in {EDITIONS[name][1]}: {unknown}"
    assert {query for edition, query in ISSUE_QUERIES if edition == name} <= set(queries)


@pytest.fixture(scope="module")
def search_page(browser: Browser, served_site: object, site_url: str) -> Iterator[Callable[[str], Page]]:
    """One page per edition, on its home page, kept for all its queries (a fixture per edition
    parametrized with the queries would be made again for every query)."""
    context = browser.new_context()
    opened: dict[str, Page] = {}

    def page_for(edition: str) -> Page:
        if edition not in opened:
            opened[edition] = page = context.new_page()
            page.add_init_script(SEARCH_PROBE)
            open_page(page, urljoin(site_url, EDITIONS[edition][2]))
        return opened[edition]

    yield page_for
    context.close()


def shown(page: Page) -> str:
    return str(page.evaluate("() => { const box = document.querySelector('.sign-answer:not([hidden])');"
                             " return box ? box.innerText : 'no answer'; }"))


@pytest.mark.parametrize(("edition", "query", "sign"), CASES, ids=[f"{name}:{query}" for name, query, _ in CASES])
def test_a_danger_sign_typed_into_search_is_answered_first(search_page: Callable[[str], Page], edition: str, query: str,
                                                          sign: str) -> None:
    page = search_page(edition)
    type_search(page, query, key_by_key=(edition, query) in KEY_BY_KEY)
    try:
        page.wait_for_function(f"(id) => {{ const c = document.querySelector({ANSWER!r}); "
                                      "return c && c.dataset.sign === id; }", arg=sign, timeout=3000)
    except PlaywrightTimeout:
        pytest.fail(f"searching {query!r} should answer with the sign {sign!r} first; it shows: {shown(page)}. "
                    f"Add a phrase for the sign under `signs:` in {EDITIONS[edition][1]}/search-terms.yml.")
    tier, text = signs(edition)[sign]
    answer = shown(page)
    assert text in answer, f"the answer must show the sign as written: {answer!r}"
    box = page.locator(".sign-answer")
    assert box.evaluate("box => box.nextElementSibling && box.nextElementSibling.matches('.md-search-result__meta')"), \
        "the answer sits above Material's results"
    assert page.locator(f"{ANSWER} a").first.get_attribute("href")


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_every_sign_is_found_by_its_own_words_and_plain_queries_are_not_answered(search_page: Callable[[str], Page],
                                                                                 edition: str) -> None:
    page = search_page(edition)
    type_search(page, "x")  # opens search: the answers script and its signs are loaded
    page.wait_for_function("() => window.__signAnswers && window.__signAnswers.answer('dvt trombosis') !== undefined")
    page.wait_for_function("() => document.querySelector('.sign-answer') !== null")
    wrong = {}
    for sign_id, (_, text) in signs(edition).items():
        found = page.evaluate("(text) => window.__signAnswers.answer(text)", text)
        if found != sign_id:
            wrong[sign_id] = found
    assert not wrong, f"these signs, typed as written, answer with another sign: {wrong}"
    plain = ["leg cramp", "muscle cramps", "stretch", "leg pain", "magnesium", "expecting a baby"] if edition == "en" \
        else ["calambre en la pierna", "tengo un calambre", "como quitar un calambre", "estirar", "magnesio"]
    answered = {query: page.evaluate("(q) => window.__signAnswers.answer(q)", query) for query in plain}
    assert not any(answered.values()), f"ordinary searches should get no warning-sign answer: {answered}"


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_each_answer_links_to_a_section_that_exists(site_dir: Path, edition: str) -> None:
    """...and the section is the callout box that shows the sign, not just the heading above it."""
    data = json.loads((site_dir / EDITIONS[edition][2] / "search" / "signs.json").read_text(encoding="utf-8"))
    texts = signs(edition)
    assert {sign["id"] for sign in data["signs"]} == set(texts), "every sign is a search answer"
    missing = []
    for sign in data["signs"]:
        path, anchor = urlsplit(sign["url"]).path, urlsplit(sign["url"]).fragment
        html = (site_dir / EDITIONS[edition][2] / path / "index.html").read_text(encoding="utf-8")
        box = re.search(rf'<div id="{re.escape(anchor)}"[^>]*>(.*?)</div>', html, re.DOTALL) if anchor else None
        if box is None or html.count(f'id="{anchor}"') != 1 or str(escape(texts[sign["id"]][1])) not in box.group(1):
            missing.append(sign["url"])
    assert not missing, f"answers link to no callout showing their sign on their page: {missing}"
