"""A lean search index: each page's search words once, on the page's own entry.

Material for MkDocs writes search/search_index.json: {"config": {...}, "docs": [...]}, one entry per
section of every page ({"location", "title", "text"}, optionally "tags" and "boost"), the page's own
entry first (its location has no "#"). Material copies a page's front-matter `tags` onto every one of
its entries; that made the index 27 % keywords and let a keyword match rank every section of the page.
Here a page's words go on its own entry only: its keywords in `tags` (the field Material boosts most),
and the other spellings of them and the shared list's words for them (search_terms.py) in `terms`,
boosted a quarter as much. The sections keep their text. lean_index is a pure function over the
index; the MkDocs hook calls it after Material has written the file (hooks/site_hooks.py,
on_post_build). The parts of a page that repeat other pages or list sources are kept out of the index
where they are rendered (html.NOT_SEARCHED). Next to the index, the same step writes search/signs.json,
the warning signs as search answers them (signs.py).
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from legcramps.model.project import Project
from legcramps.model.search_terms import SEARCH_TERMS_FILE, SearchTerms, normal, spellings, words_of
from legcramps.model.urls import page_url
from legcramps.render.page_render import RenderedPage
from legcramps.search.signs import SIGNS_FILE, every_sign, signs_json

SEARCH_INDEX = "search/search_index.json"
OWN_FIELD = "tags"  # Material's most boosted field: a page's own keywords
LIST_FIELD = "terms"  # the shared list's words for them: found, but ranked below a page's own keywords
LIST_WEIGHT = 0.25  # of the own keywords' boost: a page whose own keyword starts like a listed word still ranks first


@dataclass(frozen=True)
class PageWords:
    own: str  # the page's keywords, as one text: a word the page repeats weighs more
    listed: str  # other spellings of them, and the shared list's words for them (search_terms.py)


def _other_spellings(words: Iterable[str]) -> list[str]:
    """How else readers type these words: won’t and wont for won't, tiron for tirón (search_terms.spellings)."""
    return [form for word in words for form in spellings(word)[1:]]


def _pages_and_terms(project: Project) -> tuple[dict[str, list[str]], SearchTerms]:
    """Each page's title and keywords, and the shared list, as the edition spells them (UK English)."""
    spell = project.spelling.text
    pages = {src: [normal(spell(text)) for text in (page.meta.title, *page.meta.keywords)]
             for src, page in project.pages.items()}
    return pages, project.search_terms.spelled(spell)


class SearchWords(dict[str, PageWords]):
    """Each page's address -> its search words; and the warning signs as search answers them (signs.json)."""

    signs: bytes = b""


def page_search_words(project: Project, rendered: Mapping[str, RenderedPage]) -> SearchWords:
    """Each page's address -> its search words: its keywords, then the shared list's words for them; with
    the edition's warning signs as search answers them (written next to the index), linked to the callouts
    the pages rendered (`rendered`: Build.checks.rendered)."""
    pages, terms = _pages_and_terms(project)
    found = SearchWords()
    found.signs = signs_json(project, rendered)
    for src, (title, *keywords) in pages.items():
        own = [word for keyword in keywords for word in words_of(keyword)]
        listed = terms.reader_words([title, *keywords])
        listed = _other_spellings(own) + listed + _other_spellings(listed)
        found[page_url(src)] = PageWords(" ".join(own), " ".join(listed))
    return found


def search_notes(project: Project) -> list[str]:
    """Entries of the shared list that no page uses: not an error (a page may come later), but worth a look."""
    pages, terms = _pages_and_terms(project)
    where = project.rel(project.settings.words_dir / SEARCH_TERMS_FILE)
    signs = [[project.spelling.text(text)] for _, _, text in every_sign(project)]  # a sign uses an entry too
    # (A sign id that no sign has is a mistake, not a note: checks.rules.check_search_signs.)
    return [f"{where}:{terms.lines[word]}: no page has '{word}' in its title or keywords and no warning sign says it, "
            "so the words listed for it find nothing (check its spelling)"
            for word in terms.unused([*pages.values(), *signs])]


@cache
def material_stop_words() -> frozenset[str]:
    """The English words the reader's browser drops from the index: the list in Material's search worker.

    Read from the installed theme, so it is the list the site ships; empty (nothing dropped) if the
    worker is not found or no longer has one.
    """
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    workers = Path(list(spec.submodule_search_locations)[0]) / "templates" / "assets" / "javascripts" / "workers"
    for worker in sorted(workers.glob("search.*.js")):
        found = _STOP_LIST.search(worker.read_text(encoding="utf-8"))
        if found:
            return frozenset(json.loads(f"[{found.group(1)}]"))
    return frozenset()


_STOP_LIST = re.compile(r"generateStopWordFilter\(\[((?:\"[a-z']+\",?)+)\]\)")


def _without(text: str, drop: frozenset[str], separator: re.Pattern[str]) -> str:
    return " ".join(word for word in separator.split(text) if word and word.lower() not in drop)


def lean_index(index: Mapping[str, Any], words: Mapping[str, PageWords]) -> dict[str, Any]:
    """The index with each page's words on its own entry only, once; its sections keep their text.

    In English, the words the browser's index drops anyway ("at", "in", "my") are left out of them.
    """
    config = dict(index.get("config", {}))
    english = config.get("lang") == ["en"] and "stopWordFilter" in config.get("pipeline", [])
    drop = material_stop_words() if english else frozenset()
    separator = re.compile(str(config.get("separator") or r"[\s\-]+"))
    docs = []
    for doc in index["docs"]:
        entry = {name: value for name, value in doc.items() if name not in (OWN_FIELD, LIST_FIELD)}
        page = words.get(str(entry.get("location", "")))  # a page's own entry: its address, no "#"
        if page is not None:
            for field, text in ((OWN_FIELD, page.own), (LIST_FIELD, page.listed)):
                if drop:
                    text = _without(text, drop, separator)
                if text:
                    entry[field] = [text]
        docs.append(entry)
    fields = {name: dict(spec) for name, spec in config.get("fields", {}).items()}
    own_boost = float(fields.setdefault(OWN_FIELD, {"boost": 1e6}).get("boost", 1e6))
    fields[LIST_FIELD] = {"boost": own_boost * LIST_WEIGHT}
    return {**index, "config": {**config, "fields": fields}, "docs": docs}


def index_json(index: Mapping[str, Any]) -> bytes:
    """Compact, as Material writes it; UTF-8 rather than \\u escapes (smaller for accented words)."""
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def rewrite_search_index(site_dir: Path, words: Mapping[str, PageWords]) -> tuple[int, int] | None:
    """Rewrite the built site's index in place: (entries, bytes), or None when the site has none."""
    path = site_dir / SEARCH_INDEX
    if not path.is_file():
        return None
    index = lean_index(json.loads(path.read_text(encoding="utf-8")), words)
    data = index_json(index)
    path.write_bytes(data)
    if isinstance(words, SearchWords) and words.signs:
        (site_dir / SIGNS_FILE).write_bytes(words.signs)  # beside the index: loaded only when search opens
    return len(index["docs"]), len(data)
