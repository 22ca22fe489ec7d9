"""The search index of the real strict build: each page's words once, and only what a reader searches for.

Material writes search/search_index.json; the hook rewrites it with legcramps.search.index. Which page
comes first for a reader's words is tested in a real browser (tests/browser/test_search.py); here,
the shape of the file: keywords and the shared list's words on each page's own entry only; source and
related-page lists, citation numbers, grade badges, strategy cards and repeated warning signs left out
of the index but still on the page. The size against plain Material is measured by `make bench`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from legcramps.search.index import LIST_FIELD, OWN_FIELD, material_stop_words
from tests.test_build import html_for

pytestmark = pytest.mark.build


def index_of(site: Path) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return docs


def entry(docs: list[dict[str, Any]], location: str) -> dict[str, Any]:
    return next(doc for doc in docs if doc["location"] == location)


def page_text(docs: list[dict[str, Any]], page: str) -> str:
    return " ".join(doc["text"] for doc in docs if doc["location"].split("#")[0] == page)


@pytest.mark.parametrize("edition", ["", "es"])
def test_each_page_carries_its_words_once_on_its_own_entry(site_dir: Path, edition: str) -> None:
    docs = index_of(site_dir / edition)
    pages = [doc for doc in docs if "#" not in doc["location"]]
    assert pages and all(doc.get(OWN_FIELD) for doc in pages), "a page's own entry has no keywords"
    sections = [doc["location"] for doc in docs if "#" in doc["location"] and (OWN_FIELD in doc or LIST_FIELD in doc)]
    assert not sections, f"sections carry their page's keywords: {sections[:3]}"


def test_the_index_carries_the_shared_lists_words_and_other_spellings(site_dir: Path) -> None:
    config = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["fields"][LIST_FIELD]["boost"] < config["fields"][OWN_FIELD]["boost"]
    docs = index_of(site_dir)
    assert "charlie" in entry(docs, "cramp-right-now/")[LIST_FIELD][0].split()
    assert {"won’t", "wont"} <= set(entry(docs, "when-to-get-help/")[LIST_FIELD][0].split())
    assert "tiron" in entry(index_of(site_dir / "es"), "strategies/stretching/").get(LIST_FIELD, [""])[0].split()


def test_source_and_related_page_lists_citation_numbers_and_badges_are_not_searched(site_dir: Path) -> None:
    docs = index_of(site_dir)
    locations = {doc["location"].split("#")[-1] for doc in docs}
    assert not {"sources", "related-pages"} & locations
    text = page_text(docs, "strategies/massage/")
    assert "<sup>" not in text and "Evidence:" not in text and "Page last reviewed" not in text
    assert "Sources change too" in page_text(docs, "about/editorial-policy/")
    assert "Clinical Knowledge Summaries" not in page_text(docs, "about/editorial-policy/")  # the table of every source
    html = html_for(site_dir, "strategies/massage.md")
    assert 'id="sources"' in html and 'class="evidence-badge"' in html and 'id="related-pages"' in html


def test_repeated_blocks_are_searched_where_they_belong(site_dir: Path) -> None:
    docs = index_of(site_dir)
    breathless = "suddenly short of breath"
    assert breathless in page_text(docs, "when-to-get-help/"), "the full list of warning signs is searched"
    assert breathless not in page_text(docs, "strategies/massage/"), "a pick of signs repeats the full list"
    assert breathless in html_for(site_dir, "strategies/massage.md")
    steps = "Pull your toes up"
    assert steps in page_text(docs, "cramp-right-now/") and steps not in page_text(docs, "")
    assert "Shoes that fit well" not in page_text(docs, ""), "the home page's strategy cards repeat other pages"
    assert "Ask before you try this if" not in page_text(docs, "strategies/massage/")
    assert "warfarin" in page_text(docs, "strategies/massage/"), "who should check first is searched"


def lunr_stop_words(language: str) -> set[str]:
    """The stop words Material's search drops from its index for a language (lunr-languages, shipped with Material)."""
    import material

    script = Path(material.__file__).parent / "templates/assets/javascripts/lunr/min" / f"lunr.{language}.min.js"
    found = re.search(r'generateStopWordFilter\("([^"]*)"', script.read_text(encoding="utf-8"))
    assert found, f"{script.name}: no stop word list found (has Material changed how it ships lunr-languages?)"
    return set(found.group(1).split())


def test_spanish_queries_leave_out_the_short_words_the_index_never_holds(site_dir: Path) -> None:
    """Material searches every typed word as the start of a word: "en" found "enfermedad" and ranked its page
    first for "calambre en la pierna". The Spanish separator drops such a word when it is typed alone."""
    separator = re.compile(json.loads((site_dir / "es" / "search" / "search_index.json").read_text(encoding="utf-8"))
                           ["config"]["separator"])
    alone = re.search(r"\^\(\?:(.*)\)\$", separator.pattern)
    assert alone, f"the Spanish separator drops no typed word: {separator.pattern}"
    words = {re.sub(r"\[(.)(.)\]", lambda letters: letters[2], word) for word in alone.group(1).split("|")}
    assert words <= lunr_stop_words("es"), f"these are searchable words, not stop words: {sorted(words - lunr_stop_words('es'))}"
    for word in ("en", "En", "el", "la", "de", "que", "Me", "un"):
        assert separator.fullmatch(word), f"{word!r} typed alone is still searched as the start of other words"
    for word in ("enfermedad", "pie", "el pie", "pierna", "magnesio", "sed"):
        assert not separator.fullmatch(word), f"{word!r} is dropped from searches"
    assert [part for part in separator.split("calambre en-la pierna") if part] == ["calambre", "en", "la", "pierna"]


def test_english_keywords_leave_out_the_words_the_browser_drops_from_the_index(site_dir: Path) -> None:
    """lunr in Material's search worker drops "at", "in", "my" from every field; the index does not carry them."""
    stop = material_stop_words()
    assert {"at", "in", "my", "the", "a"} <= stop and "cramp" not in stop
    worker = next((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert all(f'"{word}"' in worker.read_text(encoding="utf-8") for word in stop)  # the list the site ships
    docs = index_of(site_dir)
    kept = {word for doc in docs for field in (OWN_FIELD, LIST_FIELD) for text in doc.get(field, []) for word in text.split()}
    assert kept and not kept & stop, sorted(kept & stop)
    assert {"night", "calf", "stretch"} <= kept
    # The Spanish edition's index keeps its words as written: its stop words are lunr.es's, applied in the browser.
    spanish = {word for doc in index_of(site_dir / "es") for text in doc.get(OWN_FIELD, []) for word in text.split()}
    assert {"de", "la"} & spanish
