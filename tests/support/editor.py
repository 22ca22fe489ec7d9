"""The project as an editor sees it, for the unit tests: the real inputs, or a throwaway copy to break.

Only the package is used (no MkDocs, no WeasyPrint): settings, the project model and the checks.
"""

from __future__ import annotations

import functools
import re
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

from legcramps.checks.rules import run_checks
from legcramps.model.care import CareSettings
from legcramps.model.project import Project, load_project
from legcramps.model.settings import load_settings
from tests.support.site import ROOT

# Everything `python -m legcramps check` reads: every edition, the data and the page template.
INPUTS = ("mkdocs.yml", "mkdocs.es.yml", "docs", "docs-es", "data", "templates/strategy.md")
# The real day, and never before the day the content was last checked (so its dates are in the past): a source
# checked today or a page reviewed today is a correct change, not a date "in the future". As days pass, a page
# or source that falls due is a reminder, as in every build but the weekly one (load: allow_overdue).
TODAY = max(date(2026, 12, 7), date.today())

# The tests' own country settings, so a fork that sets another country's numbers in mkdocs.yml keeps them green.
US = CareSettings(
    country="United States",
    emergency_number="911",
    emergency_place="the emergency room",
    urgent_advice="call your doctor's office or go to an urgent care center",
    urgent_number="",
    doctor="doctor",
)
UK = CareSettings(
    country="United Kingdom",
    emergency_number="999",
    emergency_place="A&E",
    urgent_advice="ask for an urgent GP appointment",
    urgent_number="111",
    doctor="GP",
)


def load(root: Path) -> tuple[Project | None, list[str]]:
    """The model and every problem, as one-line strings, the way the command line prints them."""
    project, problems = load_project(load_settings(root / "mkdocs.yml"))
    if project is not None:
        problems += run_checks(project, TODAY, allow_overdue=True).problems
    return project, [str(problem) for problem in problems]


@functools.cache
def real_project() -> Project:
    project, problems = load(ROOT)
    assert project is not None and not problems, problems
    return project


def us_project() -> Project:
    """The same pages with the United States' numbers and words, whatever mkdocs.yml sets."""
    return replace(real_project(), care=US)


def uk_project() -> Project:
    """The same pages built for the United Kingdom (extra.care set to the UK's numbers)."""
    return replace(real_project(), care=UK)


class ProjectCopy:
    """A copy of mkdocs.yml, docs/ and data/ in a temporary folder, edited like an editor would."""

    def __init__(self, root: Path) -> None:
        self.root = root
        for name in INPUTS:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, root / name)
            else:
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, root / name)

    def text(self, path: str) -> str:
        return (self.root / path).read_text(encoding="utf-8")

    def write(self, path: str, text: str) -> None:
        (self.root / path).parent.mkdir(parents=True, exist_ok=True)
        (self.root / path).write_text(text, encoding="utf-8")

    def edit(self, path: str, old: str, new: str) -> int:
        """Replace the one place `old` is written; return the line it starts on (1 = the first line)."""
        text = self.text(path)
        assert text.count(old) == 1, f"{path}: {old!r} is written {text.count(old)} times"
        self.write(path, text.replace(old, new))
        return text[: text.index(old)].count("\n") + 1

    def edit_after(self, path: str, after: str, old: str, new: str) -> int:
        """Replace the first match of the pattern `old` past where `after` is written; return its line."""
        text = self.text(path)
        assert after in text, f"{path} has no {after!r}"
        found = re.compile(old).search(text, text.index(after))
        assert found, f"{path}: no {old!r} after {after!r}"
        self.write(path, text[: found.start()] + new + text[found.end():])
        return text[: found.start()].count("\n") + 1

    def line_of(self, path: str, needle: str) -> int:
        """The line where `needle` is first written, counted here in the test."""
        text = self.text(path)
        assert needle in text, f"{path} has no {needle!r}"
        return text[: text.index(needle)].count("\n") + 1

    def problems(self) -> list[str]:
        return load(self.root)[1]
