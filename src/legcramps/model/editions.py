"""Editions in other languages: a translated edition mirrors its original page for page.

A translated edition (`extra.edition.translated_from: mkdocs.yml`) must have every page of the
original, no more; each page records in its front matter which version of the original it
translates, and whether a clinician who reads the language has checked it:

    translation:
      from: 3f2a9c41d0b7        # the original page's fingerprint (the build says the current one)
      reviewed_by: null         # a real person's name, only once they have checked it
      reviewed_on: null         # and the date they did

When the original page changes, its fingerprint changes: the build names the translations that are
now out of date and those pages say so to readers, pointing at the original. Nothing falls back
silently to the original language.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from legcramps.errors import Problem
from legcramps.model.datafile import line_of
from legcramps.model.project import Page, Project

FINGERPRINT_LENGTH = 12


def fingerprint(page: Page) -> str:
    """A short hash of the original page's whole file: any edit to it changes this."""
    return hashlib.sha256(page.source.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


@dataclass(frozen=True)
class TranslationStatus:
    reviewed_by: str | None
    reviewed_on: date | None
    out_of_date: bool


@dataclass
class EditionCheck:
    problems: list[Problem] = field(default_factory=list)
    status: dict[str, TranslationStatus] = field(default_factory=dict)  # src -> status

    @property
    def out_of_date(self) -> list[str]:
        return sorted(src for src, status in self.status.items() if status.out_of_date)


def _status(
    project: Project, page: Page, original: Page, original_project: Project
) -> tuple[TranslationStatus | None, list[Problem]]:
    where = project.docs_path(page.src_path)
    current = fingerprint(original)
    raw: Any = page.data.get("translation")
    if not isinstance(raw, dict) or not isinstance(raw.get("from"), str):
        return None, [Problem(where, f"field 'translation' is missing: add translation: {{from: {current}}} "
                                    "(the fingerprint of the page it translates)")]
    problems = []
    reviewed_by, reviewed_on = raw.get("reviewed_by"), raw.get("reviewed_on")
    unknown = sorted(set(raw) - {"from", "reviewed_by", "reviewed_on"})
    if unknown:
        problems.append(Problem(where, f"field 'translation' has an unknown part '{unknown[0]}' "
                                       "(use from, reviewed_by, reviewed_on)"))
    if bool(reviewed_by) != isinstance(reviewed_on, date):
        problems.append(Problem(where, "field 'translation': write both reviewed_by (the clinician's name) and "
                                       "reviewed_on (YYYY-MM-DD), or neither"))
    if original.meta.grade != page.meta.grade:
        problems.append(Problem(where, f"field 'grade' is {page.meta.grade!r} but the original page says "
                                       f"{original.meta.grade!r}: a translation keeps the grade",
                                line_of(page.source, "grade")))
    # Compared only when the original's list is right: a page misspelt there is named there, not here.
    if set(original.meta.related) != set(page.meta.related) and all(map(original_project.has_page, original.meta.related)):
        problems.append(Problem(where, "field 'related' must list the same pages as the original",
                                line_of(page.source, "related")))
    status = TranslationStatus(str(reviewed_by) if reviewed_by else None,
                               reviewed_on if isinstance(reviewed_on, date) else None,
                               raw["from"] != current)
    return status, problems


def _nav_difference(original: list[str], mine: list[str], original_config: str) -> tuple[str, str | None] | None:
    """What differs first between the original's nav and this edition's, naming the page; and the page of
    this edition's nav to point at."""
    missing = [path for path in original if path not in mine]
    if missing:
        after = original[original.index(missing[0]) - 1] if original.index(missing[0]) else None
        where = f"after '{after}'" if after else "first"
        return f"nav does not list '{missing[0]}', which {original_config} lists: add it {where}, as there", after
    extra = [path for path in mine if path not in original]
    if extra:
        return (f"nav lists '{extra[0]}', which {original_config} does not: take it out, or add it to "
                f"{original_config} first"), extra[0]
    for mine_path, original_path in zip(mine, original, strict=False):
        if mine_path != original_path:
            return (f"nav lists '{mine_path}' where {original_config} lists '{original_path}': "
                    f"list the pages in the same order as {original_config}"), mine_path
    return None


def _nav_line(project: Project, path: str | None) -> int | None:
    """The line of the edition's config that lists a page in its nav."""
    if path is None:
        return None
    text = (project.settings.root / project.settings.config_name).read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if line.startswith("nav:")), 0)
    return next((n + 1 for n in range(start, len(lines)) if lines[n].rstrip().endswith(path)), None)


def check_edition(project: Project, original: Project) -> EditionCheck:
    """Every page of the original translated, no page missing or extra (the data files: edition_data, first)."""
    result = EditionCheck()
    original_docs = original.settings.docs_dir.name
    for src, source in sorted(original.pages.items()):
        page = project.pages.get(src)
        if page is None and src in project.unreadable:
            continue  # it is there: its own mistake is named first
        if page is None:
            result.problems.append(Problem(project.docs_path(src), f"this page is missing from the edition: translate "
                                                                   f"{original_docs}/{src} (nothing falls back to it)"))
            continue
        status, problems = _status(project, page, source, original)
        result.problems += problems
        if status is not None:
            result.status[src] = status
    for src in sorted(set(project.pages) - set(original.pages) - original.unreadable):  # an unreadable one is there
        result.problems.append(Problem(project.docs_path(src), f"no page {original_docs}/{src} in the original edition: "
                                                               "rename this page to match, or add the original first"))
    nav_problem = _nav_difference(original.nav_paths(), project.nav_paths(), original.settings.config_name)
    if nav_problem:
        message, point_at = nav_problem
        result.problems.append(Problem(project.settings.config_name, message, _nav_line(project, point_at)))
    return result
