"""`make serve`: an edit to a page's text rebuilds that page only, and the preview stays whole.

A real `mkdocs serve --strict` on a copy of the project, edited like an editor does. What is checked
is what the preview shows and which kind of rebuild the server says it ran, never how long it took.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.site import build_env, copy_project, free_port

pytestmark = pytest.mark.build

EDITED = "Edited in the preview: a new sentence."


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition: object, what: str, server: subprocess.Popen[bytes], log: Path) -> None:
    assert callable(condition)
    deadline = time.monotonic() + 120  # a deadline for a broken server, not a speed check
    while not condition():
        assert server.poll() is None, f"mkdocs serve exited:\n{log.read_text()[-3000:]}"
        assert time.monotonic() < deadline, f"{what} never happened:\n{log.read_text()[-3000:]}"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, subprocess.Popen[bytes], Path]]:
    tmp = tmp_path_factory.mktemp("preview")
    project = copy_project(tmp / "project")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tmp / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=build_env(SITE_URL=base, HANDOUT_CACHE_DIR=str(tmp / "cache")),
            stdout=output, stderr=subprocess.STDOUT,
        )
        try:
            wait_for(lambda: fetch(base) is not None and "Serving on" in log.read_text(), "the first build", server, log)
            yield project, base, server, log
        finally:
            server.terminate()
            server.wait(timeout=30)


def builds(log: Path) -> list[str]:
    return [line.split("Building ", 1)[1] for line in log.read_text().splitlines() if "Building " in line]


def save_edit(project: Path, log: Path, name: str, change: Callable[[str], str]) -> int:
    """Save an edit to docs/strategies/<name>.md as an editor does; the number of builds before it."""
    page = project / "docs" / "strategies" / f"{name}.md"
    before = len(builds(log))
    page.write_text(change(page.read_text(encoding="utf-8")), encoding="utf-8")
    return before


def test_an_edit_to_a_pages_text_rebuilds_that_page_and_the_preview_stays_whole(
    preview: tuple[Path, str, subprocess.Popen[bytes], Path],
) -> None:
    project, base, server, log = preview
    before = save_edit(project, log, "stretching", lambda text: text + f"\n{EDITED}\n")
    wait_for(lambda: EDITED in (fetch(base + "strategies/stretching/") or ""), "the edit reaching the page", server, log)
    wait_for(lambda: "Reloading browsers" in log.read_text().split("Building the edited pages")[-1], "the rebuild", server, log)
    assert builds(log)[before:] == ["the edited pages..."]
    html = fetch(base + "strategies/stretching/") or ""
    # The pages MkDocs did not read keep their titles in the navigation and their search entries.
    for title in ("Drink enough fluids", "Wear supportive shoes", "Prevent the next cramp"):  # its group, its section page
        assert title in html, title
    index = json.loads(fetch(base + "search/search_index.json") or "{}")["docs"]
    pages = {entry["location"].split("#")[0] for entry in index}
    assert len(pages) == len(list((project / "docs").rglob("*.md")))
    edited = [entry["location"] for entry in index if EDITED in entry["text"]]
    assert len(edited) == 1 and edited[0].startswith("strategies/stretching/#")  # in the page's last section


def test_an_edit_to_a_title_rebuilds_every_page_that_shows_it(
    preview: tuple[Path, str, subprocess.Popen[bytes], Path],
) -> None:
    project, base, server, log = preview
    before = save_edit(project, log, "heat", lambda text: text.replace("title: Use warmth\n", "title: Use gentle warmth\n"))
    wait_for(lambda: "Use gentle warmth" in (fetch(base + "strategies/") or ""), "the new title on the strategies page",
             server, log)
    assert "Use gentle warmth" in (fetch(base + "strategies/massage/") or "")  # in every page's navigation
    assert builds(log)[before] == "documentation..."
