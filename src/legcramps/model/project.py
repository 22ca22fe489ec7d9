"""The project model: every file an editor writes, read and checked once per build.

Everything that reads files lives here; checks, macros and the handout take the model.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from legcramps.errors import ContentError, Problem, did_you_mean
from legcramps.model.care import CareSettings
from legcramps.model.citations import Source, load_bibliography
from legcramps.model.clinic import ClinicDetails, clinic_details
from legcramps.model.handout_plan import HANDOUT_PLAN_FILE as HANDOUT_PLAN
from legcramps.model.handout_plan import HandoutPlan, load_handout_plan
from legcramps.model.nav_sections import nav_paths
from legcramps.model.page_model import PageMeta, body_offset, parse_page_meta, split_front_matter
from legcramps.model.pictures import PICTURES_DIR
from legcramps.model.safety import QuickSteps, WarningSigns, load_quick_steps, load_warning_signs
from legcramps.model.search_terms import SEARCH_TERMS_FILE, SearchTerms, load_search_terms
from legcramps.model.settings import Settings
from legcramps.model.spelling import NO_SPELLING, Spelling, load_spelling
from legcramps.model.words import Words, load_words

BIBLIOGRAPHY = "data/bibliography.yml"
T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    src_path: str  # inside docs/, e.g. strategies/stretching.md
    source: str  # the whole file
    body: str  # without the front matter
    meta: PageMeta
    data: dict[str, Any]  # the front matter as written (pages' Jinja may read its fields)

    @property
    def body_line(self) -> int:
        """Lines before the body: add it to a line number inside the body."""
        return body_offset(self.source, self.body)


@dataclass
class Project:
    settings: Settings
    care: CareSettings
    words: Words
    signs: WarningSigns
    steps: QuickSteps
    bibliography: dict[str, Source]
    handout: HandoutPlan
    clinic: ClinicDetails
    pages: dict[str, Page] = field(default_factory=dict)
    # Pages whose front matter could not be read: reported once, and still pages (no "not a page" echoes).
    unreadable: frozenset[str] = frozenset()
    topic_signs: WarningSigns = field(default_factory=lambda: WarningSigns({}))  # shown only on their pages
    spelling: Spelling = NO_SPELLING  # the edition's words that differ (UK English), applied to pages and handout
    search_terms: SearchTerms = field(default_factory=SearchTerms)  # data/<language>/search-terms.yml

    def has_page(self, src_path: str) -> bool:
        return src_path in self.pages or src_path in self.unreadable

    def rel(self, path: Path) -> str:
        return rel_path(self.settings.root, path)

    def docs_path(self, src_path: str) -> str:
        return self.rel(self.settings.docs_dir / src_path)

    def nav_paths(self) -> list[str]:
        return nav_paths(self.settings.nav)

    def strategies(self) -> list[PageMeta]:
        """Every strategy page, in navigation order (then by file name for pages not in nav)."""
        order = {path: index for index, path in enumerate(self.nav_paths())}
        found = [page.meta for page in self.pages.values() if page.meta.is_strategy]
        return sorted(found, key=lambda meta: (order.get(meta.src_path, len(order)), meta.src_path))


def rel_path(root: Path, path: Path) -> str:
    """A path as an editor knows it: relative to the project folder."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _markdown_files(docs_dir: Path) -> Iterator[Path]:
    return (path for path in sorted(docs_dir.rglob("*.md")) if not any(p.startswith(".") for p in path.parts))


def load_project(settings: Settings) -> tuple[Project | None, list[Problem]]:
    """Read every input once. Returns the model (None if a shared file is broken) and the problems."""
    problems: list[Problem] = []

    def attempt(path: Path, load: Callable[[], T]) -> T | None:
        try:
            return load()
        except ContentError as error:
            problems.append(Problem(error.where or rel_path(settings.root, path), error.message, error.line))
            return None

    words_dir = settings.words_dir
    config = settings.root / settings.config_name
    care = attempt(config, lambda: CareSettings.from_extra(settings.extra))
    clinic = attempt(config, lambda: clinic_details(settings, os.environ))
    spelling_file = words_dir / f"spelling-{settings.locale}.yml"
    spelling = attempt(spelling_file, lambda: load_spelling(spelling_file))
    words = attempt(words_dir / "words.yml", lambda: load_words(words_dir / "words.yml", settings.locale))
    signs = attempt(words_dir / "warning-signs.yml", lambda: load_warning_signs(words_dir / "warning-signs.yml"))
    pictures_dir = settings.docs_dir / PICTURES_DIR  # the quick steps' pictures, in the edition's own docs
    steps = attempt(words_dir / "quick-steps.yml", lambda: load_quick_steps(words_dir / "quick-steps.yml", pictures_dir))
    topics_file = words_dir / "topic-signs.yml"
    topic_signs = attempt(topics_file, lambda: load_warning_signs(topics_file, every_tier=False)) \
        if topics_file.exists() else WarningSigns({})
    bibliography = attempt(settings.root / BIBLIOGRAPHY, lambda: load_bibliography(settings.root / BIBLIOGRAPHY))
    plan = attempt(settings.root / HANDOUT_PLAN, lambda: load_handout_plan(settings.root / HANDOUT_PLAN))
    terms_file = words_dir / SEARCH_TERMS_FILE
    search_terms = attempt(terms_file, lambda: load_search_terms(terms_file))
    # Checked here, once, so the pages that show the steps do not each repeat the mistake.
    unknown = [key for key in steps.sources if key not in bibliography] if steps and bibliography is not None else []
    if steps and unknown:
        problems.append(Problem(rel_path(settings.root, words_dir / "quick-steps.yml"),
                                f"unknown citation key '{unknown[0]}'{did_you_mean(unknown[0], bibliography or {})}",
                                steps.sources_line))
        steps = None
    pages: dict[str, Page] = {}
    for path in _markdown_files(settings.docs_dir):
        src = path.relative_to(settings.docs_dir).as_posix()
        page = attempt(path, lambda path=path, src=src: _load_page(path, src))  # type: ignore[misc]
        if page is not None:
            pages[src] = page
    unreadable = frozenset(path.relative_to(settings.docs_dir).as_posix()
                           for path in _markdown_files(settings.docs_dir)) - set(pages)
    if care is None or words is None or signs is None or steps is None or bibliography is None or plan is None \
            or clinic is None or search_terms is None:
        return None, problems
    project = Project(settings, care, words, signs, steps, bibliography, plan, clinic, pages, unreadable)
    project.search_terms = search_terms
    project.spelling = spelling or NO_SPELLING
    if topic_signs is not None:
        project.topic_signs = topic_signs
        twice = {key for found in signs.tiers.values() for key in found} & \
            {key for found in topic_signs.tiers.values() for key in found}
        problems += [Problem(rel_path(settings.root, topics_file), f"the sign id {key!r} is also in "
                             "warning-signs.yml: give each sign its own id") for key in sorted(twice)]
    return project, problems


_FRONT_MATTER_TEXT = re.compile(r"^---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


# Pages parsed before, by file: `make serve` reads every page again on each rebuild, and a page whose
# text is unchanged is not parsed again.
_parsed_pages: dict[tuple[Path, str], Page] = {}


def _load_page(path: Path, src: str) -> Page:
    source = path.read_text(encoding="utf-8")
    known = _parsed_pages.get((path, src))
    if known is not None and known.source == source:
        return known
    data, body = split_front_matter(source)
    match = _FRONT_MATTER_TEXT.match(source)
    meta = parse_page_meta(src, data, match.group(1) or "" if match else "")
    page = Page(src, source, body, meta, data)
    _parsed_pages[(path, src)] = page
    return page


def project_inputs(settings: Settings) -> list[Path]:
    """Every file the model reads (for caches that must notice an edit)."""
    files = [settings.root / BIBLIOGRAPHY, settings.root / HANDOUT_PLAN]
    files += sorted(settings.words_dir.glob("*.yml"))
    files += list(_markdown_files(settings.docs_dir))
    return files
