"""The handout cache (HANDOUT_CACHE_DIR): a build whose handout did not change never loads WeasyPrint.

`make serve` always uses it and `make build` when the folder is given (the deploy workflow keeps it
between runs). Which libraries a build loaded is read from the build's own `sys.modules`, in a
separate process, never guessed from timings.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from legcramps.handout.cache import HandoutCache, file_clock, prune
from legcramps.model.paper import DIARY_PATH, LARGE_PRINT_PATH, PDF_PATH, PREVIEW_PATH
from tests.support.site import ROOT, build_env, copy_project, mkdocs_build
from tools.build_site import editions

pytestmark = pytest.mark.build

STRATEGIES = yaml.safe_load((ROOT / "data" / "handout.yml").read_text(encoding="utf-8"))["strategies"]
DRAWING = ("weasyprint", "pypdfium2", "PIL")  # what renders the PDFs and draws the preview
# One `mkdocs build --strict` in this process, then the drawing libraries it imported, as JSON.
PROBE = f"""
import json, sys
from mkdocs.__main__ import cli
try:
    cli(["build", "--strict", "--quiet", "-d", sys.argv[1]], standalone_mode=False)
finally:
    print(json.dumps(sorted({{name.split(".")[0] for name in sys.modules}} & set({DRAWING!r}))))
"""
# Every PDF drawn from the model (the handout, its large print, the cramp diary) and the handout's preview.
PDFS = (PDF_PATH, LARGE_PRINT_PATH, DIARY_PATH)
OUTPUTS = (*(path.format(paper=paper) for path in PDFS for paper in ("letter", "a4")), PREVIEW_PATH)


def loaded_by_build(project: Path, site: Path, cache: Path, **env: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, str(site)], cwd=project, capture_output=True, text=True,
                            env=build_env(HANDOUT_CACHE_DIR=str(cache), **env))
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def entries(cache: Path) -> set[Path]:
    """The cache's PDFs and previews (theme-templates/ and handout-templates/ hold compiled templates)."""
    return {path for path in cache.iterdir() if path.is_file()}


def pages(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*.html"))}


def outputs(site: Path) -> dict[str, bytes]:
    return {path: (site / path).read_bytes() for path in OUTPUTS}


@pytest.fixture(scope="module")
def warmed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, bytes]]:
    """A project copy and a cache filled by one full build (`make build` with the folder given)."""
    tmp = tmp_path_factory.mktemp("cache")
    project = copy_project(tmp / "project")
    cache = tmp / "handout-cache"
    first = mkdocs_build(project, tmp / "first", HANDOUT_CACHE_DIR=str(cache))
    assert first.ok, first.output
    return project, cache, outputs(first.site_dir)


def test_the_first_build_keeps_every_pdf_and_the_preview_of_each_edition(
    warmed: tuple[Path, Path, dict[str, bytes]],
) -> None:
    project, cache, _ = warmed
    count = len(editions(project))
    assert sorted(path.suffix for path in entries(cache)) == [".pdf"] * 2 * len(PDFS) * count + [".png"] * count


def test_a_build_with_the_same_handout_loads_no_drawing_library_and_gives_the_same_files(
    warmed: tuple[Path, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    project, cache, first = warmed
    assert loaded_by_build(project, tmp_path / "site", cache) == []
    assert outputs(tmp_path / "site") == first


def test_an_edit_the_handout_does_not_print_still_loads_no_drawing_library(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    cache = tmp_path / "cache"
    assert mkdocs_build(project, tmp_path / "first", HANDOUT_CACHE_DIR=str(cache)).ok
    page = project / "docs" / "about" / "privacy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence on this page.\n", encoding="utf-8")
    assert loaded_by_build(project, tmp_path / "site", cache) == []


def test_a_changed_handout_is_drawn_again_and_the_old_files_are_dropped(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    cache = tmp_path / "cache"
    first = mkdocs_build(project, tmp_path / "first", HANDOUT_CACHE_DIR=str(cache))
    assert first.ok, first.output
    old = entries(cache)
    plan = project / "data" / "handout.yml"
    text = plan.read_text(encoding="utf-8")
    last = text.index("\n", text.index(f"- {STRATEGIES[-1]}\n"))  # the list's last strategy, whichever it is
    plan.write_text(text[: text.rindex("\n", 0, last) + 1] + text[last + 1:], encoding="utf-8")  # one row fewer
    # Drawn in the build's own process here, so its imports show it (a build may draw in a second process).
    assert set(loaded_by_build(project, tmp_path / "probe", cache, HANDOUT_IN_PROCESS="1")) == set(DRAWING)
    second = mkdocs_build(project, tmp_path / "second", HANDOUT_CACHE_DIR=str(cache))
    assert second.ok, second.output
    before, after = outputs(first.site_dir), outputs(second.site_dir)
    diaries = {path for path in OUTPUTS if path.startswith(DIARY_PATH.split("{")[0])}  # the diary lists no strategy
    assert all(after[path] != before[path] for path in OUTPUTS if path not in diaries)
    assert all(after[path] == before[path] for path in diaries)
    # The whole build (every edition, each printing the handout list) kept what it used and deleted the rest:
    # the diaries' files stayed, every other file was made again.
    kept = old & entries(cache)
    assert len(entries(cache)) == len(old) and len(kept) == len(diaries) * len(editions(project))
    assert f"{len(old) - len(kept)} others deleted" in second.output


def test_a_build_keeps_what_it_used_and_drops_what_an_earlier_build_used_even_a_moment_before(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    for name in ("reused.pdf", "stale.pdf"):
        HandoutCache.write(cache / name, name.encode())
    time.sleep(0.05)  # a few ticks of the file system's clock: the earlier build ended just before this one
    started = file_clock(cache)
    assert HandoutCache.read(cache / "reused.pdf") == b"reused.pdf"
    HandoutCache.write(cache / "new.pdf", b"new")
    assert prune(cache, started) == [cache / "stale.pdf"]
    assert entries(cache) == {cache / "reused.pdf", cache / "new.pdf"}


def compiled_templates(cache: Path, folder: str) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in (cache / folder).iterdir()}


def test_the_templates_are_compiled_once_and_later_builds_write_the_same_pages(
    warmed: tuple[Path, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    """The theme's templates and the handout's are kept compiled in the cache folder by the first build."""
    project, cache, _ = warmed
    theme, handout = compiled_templates(cache, "theme-templates"), compiled_templates(cache, "handout-templates")
    assert len(theme) > 20, "the first build should keep Material's and overrides/' compiled templates"
    assert len(handout) == 4, "the handout's, the large print's, the diary's and their shared parts'"
    cached = mkdocs_build(project, tmp_path / "cached", HANDOUT_CACHE_DIR=str(cache))
    fresh = mkdocs_build(project, tmp_path / "fresh")
    assert cached.ok and fresh.ok, cached.output + fresh.output
    assert compiled_templates(cache, "theme-templates") == theme
    assert compiled_templates(cache, "handout-templates") == handout
    assert pages(cached.site_dir) == pages(fresh.site_dir)
