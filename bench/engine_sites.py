"""Read what a site engine wrote: its pages, each page's main text and parts, the search index, the PDFs.

Used by `bench/engines.py` to compare a MkDocs build with a Zensical build of the same docs. Only the
built files are read (HTML, JSON, PDF bytes); nothing here runs an engine.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from html import unescape
from pathlib import Path
from typing import Any

from legcramps.model.search_terms import normal, words_of
from legcramps.search.index import material_stop_words

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
# Theme parts inside the article that are not the page's own text: the skip target, heading
# permalinks, a tag list, and the per-page handout link (a theme partial, counted on its own).
FURNITURE = re.compile(
    r'<a id="__skip"[^>]*></a>|<a class="headerlink".*?</a>|<nav class="md-tags".*?</nav>|<p class="handout-link">.*?</p>',
    re.DOTALL,
)
# What Zensical 0.0.73's search worker matches a query against (its `tags` are filters only);
# Material's are the lunr fields its index declares (Site.searched_fields).
ZENSICAL_SEARCHED_FIELDS = ("title", "text", "path")
SEARCH_INDEXES = {"mkdocs": "search/search_index.json", "zensical": "search.json"}


def visible_text(html: str) -> str:
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", text)).split())


@dataclass
class Page:
    """One built page: its main text and the parts a reader must get whichever engine built it."""

    text: str
    callouts: int
    quick_steps: int
    citations: int
    footer: tuple[bool, bool, bool]  # related pages, sources list, review dates
    handout_link: bool
    structured_data: bool  # the schema.org MedicalWebPage block (overrides/partials/share-head.html)
    unrendered: bool  # a `{{` or `{%` left in the page: a macro the engine did not run


def read_page(path: Path) -> Page:
    html = path.read_text(encoding="utf-8")
    match = ARTICLE.search(html)
    article = FURNITURE.sub("", match.group(1)) if match else ""
    steps = re.search(r'<ol class="quick-steps">(.*?)</ol>', article, re.DOTALL)
    return Page(
        text=visible_text(article),
        callouts=len(re.findall(r'<div class="admonition\b', article)),
        quick_steps=len(re.findall(r"<li\b", steps.group(1))) if steps else 0,
        citations=article.count('class="citation"'),
        footer=('id="related-pages"' in article, 'id="sources"' in article, 'class="page-review"' in article),
        handout_link='class="handout-link"' in html,
        structured_data='"@type":"MedicalWebPage"' in html.replace('": "', '":"'),
        unrendered="{{" in article or "{%" in article,
    )


@dataclass
class Site:
    engine: str
    root: Path
    pages: dict[str, Page] = field(default_factory=dict)  # by URL path: "", "causes/", "404.html"

    @classmethod
    def read(cls, engine: str, root: Path) -> Site:
        site = cls(engine, root)
        for path in site.files():
            if path.suffix == ".html":
                site.pages[path.relative_to(root).as_posix().removesuffix("index.html")] = read_page(path)
        return site

    def files(self) -> list[Path]:
        return sorted(path for path in self.root.rglob("*") if path.is_file())

    def kib(self, suffix: str = "") -> float:
        return sum(path.stat().st_size for path in self.files() if path.name.endswith(suffix)) / 1024

    def handout_files(self) -> dict[str, str]:
        """The files the package's handout writes (PDFs, preview), by name, with their SHA-256."""
        folder = self.root / "handout"
        return {
            path.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.glob("*"))
            if path.suffix in {".pdf", ".png"}
        }

    def sitemap(self) -> list[tuple[str, str]]:
        """(address, lastmod) of every sitemap entry, character references read."""
        path = self.root / "sitemap.xml"
        text = unescape(path.read_text(encoding="utf-8")) if path.is_file() else ""
        return re.findall(r"<loc>(.*?)</loc>\s*(?:<lastmod>(.*?)</lastmod>)?", text)

    def offline_files(self) -> int:
        """How many files the offline worker (sw.js, src/legcramps/offline/service_worker.py) keeps."""
        worker = self.root / "sw.js"
        return len(re.findall(r'^\s*\["', worker.read_text(encoding="utf-8"), re.MULTILINE)) if worker.is_file() else 0

    @cached_property
    def search_index(self) -> dict[str, Any]:
        """The engine's index, parsed once for the entries and the fields."""
        index = self.root / SEARCH_INDEXES[self.engine]
        return json.loads(index.read_text(encoding="utf-8")) if index.is_file() else {}

    def search_entries(self) -> list[dict[str, object]]:
        data = self.search_index
        return list(data.get("docs") or data.get("items") or [])

    def searched_fields(self) -> tuple[str, ...]:
        if self.engine == "zensical":
            return ZENSICAL_SEARCHED_FIELDS
        return tuple(self.search_index.get("config", {}).get("fields", {}))  # title, text, tags, terms

    def search_kib(self) -> float:
        index = self.root / SEARCH_INDEXES[self.engine]
        return index.stat().st_size / 1024 if index.is_file() else 0.0


def keyword_coverage(site: Site, keywords: dict[str, tuple[str, ...]]) -> tuple[int, int, int]:
    """(keywords stored as tags, keywords in a field the search matches, all keywords) over every page.

    `keywords` maps a page URL ("", "causes/") to its front-matter lay keywords. A keyword counts when
    each of its words is there, as the search compares them (search_terms.normal), leaving out the
    words Material's search drops from a query ("in", "my"): the index keeps a page's keywords as
    its words, once (src/legcramps/search/index.py), not as the phrases written in front matter.
    """
    by_page: dict[str, list[dict[str, object]]] = {}
    for entry in site.search_entries():
        by_page.setdefault(str(entry.get("location", "")).split("#")[0], []).append(entry)
    fields = site.searched_fields()
    stored = searchable = total = 0
    for url, phrases in keywords.items():
        entries = by_page.get(url, [])
        tags = _words(" ".join(tag for entry in entries for tag in _listed(entry.get("tags"))))
        searched = _words(visible_text(" ".join(" ".join(_listed(entry.get(name))) for entry in entries for name in fields)))
        for phrase in phrases:
            needed = _words(phrase) - material_stop_words()
            total += 1
            stored += needed <= tags
            searchable += needed <= searched
    return stored, searchable, total


def _words(text: str) -> set[str]:
    return set(words_of(normal(text)))


def _listed(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(item) for item in value]
    return [str(value)] if value else []
