"""`python -m legcramps check`: every edition the site builds, every rule the build and CI apply.

The editions are the ones `make build` builds (`extra.editions` in the config, as tools/build_site.py
reads it); each is read and checked as its build would be, then the content rules CI enforces
(legcramps.content_check.content_rules) run over the pages that rendered, and the reading measures once the
edition has no other mistake. A mistake in a shared file (the
bibliography) is reported once, however many editions read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from legcramps.checks.rules import date_reminders, overdue_allowed
from legcramps.content_check.anchors import check_anchors_and_ids
from legcramps.content_check.content_rules import check_content
from legcramps.content_check.reading import check_reading
from legcramps.errors import Problem
from legcramps.handout.diary import diary_problems
from legcramps.model.settings import load_settings, site_editions
from legcramps.search.index import search_notes
from legcramps.session import read_build


@dataclass
class SiteCheck:
    editions: list[str] = field(default_factory=list)  # their config files
    problems: list[Problem] = field(default_factory=list)
    reminders: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pages: int = 0
    sources: int = 0


def _add(found: list[Any], new: list[Any]) -> None:
    found += [item for item in new if item not in found]


def check_site(config_file: Path, today: date | None = None, draw: bool = False) -> SiteCheck:
    """Every edition's mistakes, reminders and notes. `draw`: also draw the documents that have a page limit
    (content_check/handout_fit.py), as `python -m legcramps check` does; the package's own tests leave it off."""
    today = today or date.today()
    result = SiteCheck()
    for config in (config_file.parent / edition.config for edition in site_editions(config_file)):
        result.editions.append(config.name)
        if not config.is_file():
            _add(result.problems, [Problem(config_file.name, f"extra.editions lists {config.name}, which is not a file "
                                                             "in the project folder: add it or take it off the list")])
            continue
        build, problems = read_build(load_settings(config), today)
        if build is not None:
            # The reading measures need the pages as the engine gets them (footers too): only once the build would pass.
            problems += diary_problems(build.project)  # the handout's data the PDFs read: the build stops on it too
            measure = not problems
            problems += check_content(build) + check_anchors_and_ids(build)
            problems += check_reading(build) if measure else []
            if draw and not problems:
                from legcramps.content_check.handout_fit import handout_fit_problems  # WeasyPrint: only when drawing

                problems += handout_fit_problems(build.project)
            _add(result.reminders, [str(reminder) for reminder in date_reminders(build.project, today, overdue_allowed())])
            _add(result.notes, search_notes(build.project))
            result.pages += len(build.project.pages)
            result.sources = len(build.project.bibliography)
        _add(result.problems, problems)
    return result
