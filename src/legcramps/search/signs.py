"""Warning signs as search answers: what the search box says first when a reader types a danger sign.

Every warning sign is written once, with its tier (data/<language>/warning-signs.yml and
topic-signs.yml). The build writes them, with the words readers type for them, to one small file
per edition, search/signs.json; docs/javascripts/sign-answers.js loads it when search opens and, when
every word typed matches one sign, shows that sign's tier and instruction above Material's results
("Call 911 now: one leg is swollen or painful and you are suddenly short of breath"), linked to the
urgency callout that shows it (the id the urgency macro gives it, recorded when the checks rendered the
page: the pages are not parsed again). Material's index, result list and keyboard use stay as they are.

A sign's words: its own (as the edition spells it), the shared list's words for any word or phrase in
it (search-terms.yml, e.g. `short of breath: [breathless]`), and the phrases listed for that one sign
under `signs:` in the same file (`calf-swollen: [swollen leg]`). Every typed word must find the
sign, and then either a phrase listed for the sign is typed whole, or a typed word is one few pages use
("breath", not "leg" or "pain": the `common` words are on more than a quarter of the pages), so
"muscle cramps" or "leg pain" stay searches for pages. One word alone answers only when it is a phrase
listed for the sign ("dvt", "breathless").
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from legcramps.model.project import Project
from legcramps.model.search_terms import normal
from legcramps.model.urls import page_url
from legcramps.model.words import TIER_KEYS
from legcramps.render.callouts import ADMONITIONS, tiers
from legcramps.render.page_render import RenderedPage

SIGNS_FILE = "search/signs.json"
COMMON_SHARE = 0.25  # a sign's own word on more than this share of the pages tells nothing on its own
_WORD = re.compile(r"[a-z0-9]+")


def search_words(text: str) -> list[str]:
    """Words as the card compares them (sign-answers.js does the same): lower case, no accents or apostrophes."""
    plain = "".join(c for c in unicodedata.normalize("NFD", normal(text)) if not unicodedata.combining(c))
    return _WORD.findall(plain.replace("'", ""))


@dataclass(frozen=True)
class SignAnswer:
    sign_id: str
    tier: str
    answer: str  # the edition's sign_answer: "Call 911 now: one leg is swollen ..."
    page: str  # the page's title
    url: str  # relative to the edition's root, with the anchor of the callout that shows the sign
    words: tuple[str, ...]  # every word that finds it, its own first
    own: int  # how many of them are its own words
    phrases: tuple[tuple[str, ...], ...]  # the phrases listed for this sign (search-terms.yml, signs:)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.sign_id, "tier": self.tier, "look": ADMONITIONS[self.tier], "answer": self.answer,
                "page": self.page, "url": self.url, "words": list(self.words), "own": self.own,
                "phrases": [list(phrase) for phrase in self.phrases]}


def _sign_homes(project: Project, rendered: Mapping[str, RenderedPage]) -> dict[str, tuple[str, str]]:
    """Sign id -> (page, the anchor of the callout that shows it), from the urgency callouts the pages
    rendered: a general sign on the page listing its whole tier ("When to get help"), a topic sign on the
    first page that picks it."""
    whole: dict[str, tuple[str, str]] = {}
    picked: dict[str, tuple[str, str]] = {}
    for src in project.pages:
        if src not in rendered:
            continue
        for callout in rendered[src].macros.callouts:
            if not callout.signs:
                whole.setdefault(callout.tier, (src, callout.anchor))
            for sign_id in callout.signs:
                picked.setdefault(sign_id, (src, callout.anchor))
    homes = dict(picked)
    for tier, signs in project.signs.tiers.items():
        for sign_id in signs:
            if tier in whole:
                homes[sign_id] = whole[tier]
    return homes


def _common_words(project: Project) -> set[str]:
    pages = [set(search_words(page.body)) for page in project.pages.values()]
    counts: dict[str, int] = {}
    for words in pages:
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    return {word for word, count in counts.items() if count > COMMON_SHARE * len(pages)}


def every_sign(project: Project) -> Iterable[tuple[str, str, str]]:
    """(tier, sign id, sign text) of every general and topic sign, in the order of the files."""
    for signs in (project.signs, project.topic_signs):
        for tier in TIER_KEYS:
            for sign_id, text in signs.tiers.get(tier, {}).items():
                yield tier, sign_id, text


def sign_answers(project: Project, rendered: Mapping[str, RenderedPage]) -> list[SignAnswer]:
    """Every warning sign shown on a page, as search answers it, in the order of the files; `rendered`:
    the pages as the checks rendered them (Build.checks.rendered), whose macros recorded their callouts."""
    spell = project.spelling.text
    titles = tiers(project.care, project.words)
    terms = project.search_terms.spelled(spell)
    homes = _sign_homes(project, rendered)
    stop = stop_words(project.settings.language)
    answers = []
    for tier, sign_id, text in every_sign(project):
        if sign_id not in homes:
            continue  # on no page: nothing to link to (the checks name signs no page shows)
        src, anchor = homes[sign_id]
        sign = spell(text)
        own = [word for word in search_words(sign) if word not in stop]
        listed = [word for word in search_words(" ".join(terms.reader_words([sign]))) if word not in stop]
        phrases = tuple(tuple(word for word in search_words(phrase) if word not in stop)
                        for phrase in terms.signs.get(sign_id, ()))
        phrase_words = [word for phrase in phrases for word in phrase]
        words = tuple(dict.fromkeys(own + listed + phrase_words))
        answers.append(SignAnswer(
            sign_id, tier, project.words.sign_answer.format(title=titles[tier].title, sign=sign),
            spell(project.pages[src].meta.title), page_url(src) + (f"#{anchor}" if anchor else ""),
            words, len(dict.fromkeys(own)), tuple(phrase for phrase in phrases if phrase),
        ))
    return answers


@cache
def stop_words(language: str) -> frozenset[str]:
    """The small words lunr drops in this language (the installed Material's lists): never telling."""
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    scripts = Path(list(spec.submodule_search_locations)[0]) / "templates" / "assets" / "javascripts"
    lang = language.split("-")[0].split("_")[0].lower()
    if lang == "en":
        from legcramps.search.index import material_stop_words

        return frozenset(search_words(" ".join(material_stop_words())))
    found = scripts / "lunr" / "min" / f"lunr.{lang}.min.js"
    if not found.is_file():
        return frozenset()
    words = re.search(r'generateStopWordFilter\("([^"]*)"', found.read_text(encoding="utf-8"))
    return frozenset(search_words(words.group(1))) if words else frozenset()


def signs_json(project: Project, rendered: Mapping[str, RenderedPage]) -> bytes:
    data = {"stop": sorted(stop_words(project.settings.language)), "common": sorted(_common_words(project)),
            "signs": [answer.as_json() for answer in sign_answers(project, rendered)]}
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")

