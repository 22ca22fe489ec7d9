"""A correct content change never fails the tests (issue 27): a copy of the project gets every change a
clinic or a writer makes by the book at once (the clinic's details under `extra:` as the README shows,
a new strategy page in both languages, that page on the handout in place of another, the UK edition
chosen with SITE_EDITION), then runs, in that copy, the tests that used to fail on such changes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.site import ROOT, copy_project, set_clinic

pytestmark = pytest.mark.build

# The tests that pinned the upstream content before: the clinic's write-in line and block, the handout
# list's exact lines, the US tiers and dates, the handout cache's list edit.
SELECTION = ("clinic or eleventh or tier or warning_signs or address_qr or lists_the_strategies "
             "or changed_handout_is_drawn")
TEST_FILES = ("tests/test_handout.py", "tests/test_handout_builds.py", "tests/test_handout_cache.py")


def edit(project: Path, path: str, old: str, new: str) -> None:
    target = project / path
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path}: {old!r}"
    target.write_text(text.replace(old, new), encoding="utf-8")


def add_strategy_page(project: Path, model: str, name: str, title: str) -> None:
    """A new strategy page in both languages, in both navs, after the page it was made from."""
    for docs, config in (("docs", "mkdocs.yml"), ("docs-es", "mkdocs.es.yml")):
        text = (project / docs / "strategies" / f"{model}.md").read_text(encoding="utf-8")
        if docs == "docs":
            text = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.MULTILINE)
        (project / docs / "strategies" / f"{name}.md").write_text(text, encoding="utf-8")
        line = next(line for line in (project / config).read_text(encoding="utf-8").splitlines(keepends=True)
                    if line.rstrip().endswith(f"strategies/{model}.md"))
        edit(project, config, line, line + line.replace(f"{model}.md", f"{name}.md"))


def test_the_tests_pass_after_a_clinics_and_a_writers_correct_changes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    for name in ("tests", "tools", "pytest.ini", "Makefile", "zensical.mk", "templates"):
        source = ROOT / name
        if source.is_dir():
            shutil.rmtree(project / name, ignore_errors=True)
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        else:
            shutil.copy2(source, project / name)
    # The clinic, as the README says: under the existing extra:.
    set_clinic(project, '  clinic:\n    name: Maple Street Clinic\n    phone: (555) 010-2000\n')
    # A writer's new page, listed on the handout in place of the last one listed.
    add_strategy_page(project, "heat", "warm-bath", "Take a warm bath")
    listed = yaml.safe_load((project / "data" / "handout.yml").read_text(encoding="utf-8"))["strategies"]
    edit(project, "data/handout.yml", f"  - {listed[-1]}\n", "  - strategies/warm-bath.md\n")
    # The edition a clinic publishes, chosen without editing code: the tests build their own settings.
    env = {**os.environ, "SITE_EDITION": "uk", "CLINIC_NAME": "Riverside Family Practice", "CLINIC_PHONE": "020 7946 0000"}
    env.pop("PYTEST_XDIST_WORKER", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", "-k", SELECTION, *TEST_FILES],
        cwd=project, env=env, capture_output=True, text=True, timeout=1800,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in summary and "failed" not in summary and "error" not in summary, summary
