"""One build of the site: the model read once, every check run once, shared by every engine adapter.

The MkDocs hooks start a build in `on_config`; the macros module (MkDocs and Zensical) and the
command line ask for the current one. A build is kept until its input files change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from legcramps.checks.rules import CheckResult, overdue_allowed, run_checks
from legcramps.errors import ContentProblems, Problem
from legcramps.model.edition_data import shared_data_problems
from legcramps.model.editions import EditionCheck, check_edition
from legcramps.model.project import Project, load_project, project_inputs
from legcramps.model.settings import Settings, load_settings
from legcramps.render.macros import PageMacros
from legcramps.render.page_parts import page_footer, review_banner, translation_note


@dataclass
class Build:
    project: Project
    checks: CheckResult
    fingerprint: tuple[tuple[str, float], ...]
    settings: Settings
    edition: EditionCheck | None = None  # for a translated edition: each page's translation status
    macros: dict[str, PageMacros] = field(default_factory=dict)

    def page_macros(self, src_path: str) -> PageMacros:
        """The macros of one page as the site engine renders it (numbering as in the checks)."""
        if src_path not in self.macros:
            self.macros[src_path] = PageMacros(self.project, src_path)
        return self.macros[src_path]

    def page_frame(self, src_path: str, today: date | None = None) -> tuple[str, str]:
        """What every engine adds around a page's rendered Markdown: (overdue banner, footer).

        The banner shows only on previews that allow overdue pages; the footer cites in the
        order the checks numbered the page's citations, and a translated edition says so on every page.
        """
        meta = self.project.pages[src_path].meta
        banner = review_banner(self.project, src_path) if meta.is_overdue(today or date.today()) else ""
        footer = page_footer(self.project, src_path, self.checks.rendered[src_path].macros.citations)
        if self.edition is not None:
            footer += "\n" + translation_note(self.project, src_path, self.edition.status[src_path]) + "\n"
        return banner, footer


_builds: dict[Path, Build] = {}


def _fingerprint(settings: Settings) -> tuple[tuple[str, float], ...]:
    return tuple((str(path), path.stat().st_mtime) for path in project_inputs(settings) if path.exists())


def read_build(settings: Settings, today: date | None = None) -> tuple[Build | None, list[Problem]]:
    """Read and check everything: the build (None if a shared file is broken) and every mistake, one line each.

    `python -m legcramps check` runs its own rules on a build with mistakes too, over the pages that rendered.
    """
    project, problems = load_project(settings)
    if project is None:
        return None, problems
    original = None
    original_config = settings.edition.get("translated_from")
    if original_config:
        original, original_problems = load_project(load_settings(settings.root / str(original_config)))
        if original is None:
            return None, list(dict.fromkeys(problems + original_problems))  # a shared file's mistake once
        # Signs, words or steps out of step with the original: pages rendered from them would only repeat it.
        if shared := shared_data_problems(project, original):
            return None, problems + shared
    checks = run_checks(project, today or date.today(), allow_overdue=overdue_allowed())
    problems += checks.problems
    edition = None
    if original is not None:
        edition = check_edition(project, original)
        problems += edition.problems
    return Build(project, checks, _fingerprint(settings), settings, edition), problems


def start_build(settings: Settings, today: date | None = None) -> Build:
    """Read and check everything; raise ContentProblems (every mistake, one line each) if anything is wrong."""
    build, problems = read_build(settings, today)
    if problems or build is None:
        raise ContentProblems(problems)
    _builds[settings.root] = build
    return build


def current_build(settings: Settings) -> Build:
    """The build for this project, started again when its settings or an input file have changed.

    The MkDocs hooks and the macros module both ask for it at the start of a build: the model is
    read and every page checked once per build, not once per caller.
    """
    build = _builds.get(settings.root)
    if build is None or build.settings != settings or build.fingerprint != _fingerprint(settings):
        build = start_build(settings)
    return build
