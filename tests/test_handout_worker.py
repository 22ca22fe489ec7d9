"""A cold build draws the handout in a second process while it writes the pages (legcramps.handout.worker).

What a reader gets does not change: the site is byte for byte the site a build drawing the handout in
its own process makes, with every PDF's real size on every page. The build's own process never loads
WeasyPrint; a WeasyPrint warning still fails the strict build; a build, stopped or not, leaves no
process and no temporary file behind; the preview's size, written on the handout page before the
preview exists, is the size it is drawn at.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from legcramps.handout import pdf as handout
from legcramps.handout.content import collect_content
from legcramps.handout.preview import draw_preview
from legcramps.handout.worker import IN_PROCESS_VARIABLE
from legcramps.model.paper import PAPERS, PREVIEW_PATH, preview_size
from legcramps.render.image_sizes import image_size
from tests.support.site import DRAWN_AFRESH, BuildResult, build_env, copy_project, mkdocs_build
from tests.test_diary import make_the_diary_too_long
from tests.test_handout import PROJECT, TEMPLATE
from tests.test_handout_builds import break_file
from tests.test_handout_cache import DRAWING

pytestmark = pytest.mark.build

TWO_CORES = sys.platform.startswith("linux") and len(os.sched_getaffinity(0)) > 1
needs_two_cores = pytest.mark.skipif(not TWO_CORES, reason="a second process draws the handout on Linux with two cores")
# One build in a fresh process; at its end (stopped or not) the drawing libraries it loaded itself and
# how many child processes it left running.
PROBE = f"""
import json, multiprocessing, sys
from mkdocs.__main__ import cli
try:
    cli(["build", "--strict", "--quiet", "-d", sys.argv[1]], standalone_mode=False)
finally:
    print(json.dumps({{"loaded": sorted({{name.split(".")[0] for name in sys.modules}} & set({DRAWING!r})),
                      "running": len(multiprocessing.active_children())}}))
"""

def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def probe_build(project: Path, site: Path, **env: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """One build run by PROBE, drawing afresh: the process's result and what the probe saw at its end,
    with the files the build left in its temporary folder (a folder of its own) under "left"."""
    temporary = site.parent / f"{site.name}-tmp"
    temporary.mkdir(parents=True)
    result = subprocess.run([sys.executable, "-c", PROBE, str(site)], cwd=project, capture_output=True, text=True,
                            env=build_env(**DRAWN_AFRESH, TMPDIR=str(temporary), **env))
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    return result, {**seen, "left": sorted(path.name for path in temporary.iterdir())}


def loaded_by_build(project: Path, site: Path, **env: str) -> list[str]:
    """The drawing libraries one English build loaded in its own process (it leaves no temporary files)."""
    result, seen = probe_build(project, site, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert seen["left"] == []  # WeasyPrint's copies of the fonts, 236 KB a document, were left by the worker
    return list(seen["loaded"])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("worker") / "project")


@needs_two_cores
def test_a_build_drawing_in_a_second_process_makes_the_same_site(project: Path, tmp_path: Path) -> None:
    there = mkdocs_build(project, tmp_path / "worker", **DRAWN_AFRESH)
    here = mkdocs_build(project, tmp_path / "here", **DRAWN_AFRESH, **{IN_PROCESS_VARIABLE: "1"})
    assert there.ok and here.ok, there.output + here.output
    files = site_files(there.site_dir)
    assert files == site_files(here.site_dir)
    assert not [name for name, data in files.items() if b"HANDOUT-SIZE-" in data]  # every stand-in filled


@needs_two_cores
def test_the_build_process_itself_never_loads_weasyprint(project: Path, tmp_path: Path) -> None:
    assert loaded_by_build(project, tmp_path / "worker") == []
    assert (tmp_path / "worker" / PREVIEW_PATH).stat().st_size > 1000
    # Turned off (to profile a build in one process), the same build loads them itself.
    assert loaded_by_build(project, tmp_path / "here", **{IN_PROCESS_VARIABLE: "1"}) == sorted(DRAWING)


@needs_two_cores
def test_a_build_stopped_by_a_mistake_in_the_worker_leaves_no_process_behind(tmp_path: Path) -> None:
    # A pool still closing down when the build's process exits races Python's own exit, which then
    # printed a traceback after the one line (seen once in CI, on the diary below).
    project = copy_project(tmp_path / "project")
    make_the_diary_too_long(project)
    result, seen = probe_build(project, tmp_path / "site")
    assert result.returncode != 0 and "must fit on 1" in result.stderr, result.stdout + result.stderr
    assert seen["running"] == 0, result.stdout + result.stderr
    assert seen["left"] == []


@pytest.mark.parametrize("where", ["worker", "in process"])
def test_a_weasyprint_warning_fails_the_strict_build_wherever_it_is_drawn(tmp_path: Path, where: str) -> None:
    project = copy_project(tmp_path / "project")
    break_file(project, TEMPLATE, '<html lang="{{ lang }}">', "<html>")
    env = {IN_PROCESS_VARIABLE: "1"} if where == "in process" else {}
    result: BuildResult = mkdocs_build(project, tmp_path / "site", **env)
    assert not result.ok
    assert [line for line in result.output.splitlines() if f"{TEMPLATE}: WeasyPrint:" in line and "lang" in line], result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("paper", list(PAPERS))
def test_the_preview_is_drawn_at_the_size_the_handout_page_gives_it(paper: str) -> None:
    pdf = handout.render_handout(collect_content(PROJECT), paper)
    assert image_size(draw_preview(pdf)) == preview_size(paper)
