"""`make serve`: an edit to a page's text rebuilds that page only, and the preview stays whole; a mistake
never stops it, is printed every time it is saved, and every page shows it until it is fixed.

A real `mkdocs serve --strict` (the command `make serve` runs) on a copy of the project, saved like an
editor does. What is checked is what the preview shows and which kind of rebuild the server says it
ran, never how long it took.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.support.site import build_env, copy_project, free_port, stop_server

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


@contextmanager
def serving(project: Path, log: Path, cache: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """The command `make serve` runs, in `project`, until the test is done: (its address, the server)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    temporary = log.with_name(f"{log.stem}-tmp")  # the server's temporary folder: empty again once it stops
    temporary.mkdir()
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=build_env(SITE_URL=base, HANDOUT_CACHE_DIR=str(cache), TMPDIR=str(temporary)),
            stdout=output, stderr=subprocess.STDOUT,
        )
        try:
            wait_for(lambda: fetch(base) is not None and "Serving on" in log.read_text(), "the first build", server, log)
            yield base, server
        finally:
            stop_server(server)
    assert not list(temporary.iterdir()), "mkdocs serve left its copy of the site in the temporary folder"


@pytest.fixture(scope="module")
def handout_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("handout-cache")  # the servers of this file draw the handout once


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory,
            handout_cache: Path) -> Iterator[tuple[Path, str, subprocess.Popen[bytes], Path]]:
    tmp = tmp_path_factory.mktemp("preview")
    project = copy_project(tmp / "project")
    with serving(project, tmp / "serve.log", handout_cache) as (base, server):
        yield project, base, server, tmp / "serve.log"


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


# ---- A mistake never stops the preview: it is printed every time, and the open page shows it.

MISSPELT = '{{ urgency("urgent", "clot-swolen-calf") }}'  # the sign id is calf-swollen
MISTAKE = "unknown warning sign 'clot-swolen-calf' (did you mean 'calf-swollen'?)"


def page_text(url: str) -> str:
    """What the browser gets at url, an error page included; '' if nothing answers within 5 s (a hang)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return str(error.read().decode("utf-8"))
    except OSError:
        return ""


def with_mistake(text: str) -> tuple[str, str]:
    """The page with a misspelt sign id in a macro call, and the one line the build reports for it."""
    text = text.rstrip("\n") + "\n\n"
    return text + MISSPELT + "\n", f"docs/strategies/rest.md:{text.count(chr(10)) + 1}: {MISTAKE}"


def wait_until_built(page: str, words: str, server: subprocess.Popen[bytes], log: Path) -> None:
    wait_for(lambda: words in page_text(page) and MISTAKE not in page_text(page), "the fixed page", server, log)


def test_a_mistake_is_shown_on_the_open_page_and_printed_each_time_it_is_saved(
    preview: tuple[Path, str, subprocess.Popen[bytes], Path],
) -> None:
    project, base, server, log = preview
    source = project / "docs" / "strategies" / "rest.md"
    good = source.read_text(encoding="utf-8")
    bad, message = with_mistake(good)
    try:
        for saved in (1, 2):  # the same mistake twice in one preview: printed both times
            source.write_text(bad, encoding="utf-8")
            wait_for(lambda: message in page_text(base + "strategies/rest/"), "the error on the open page", server, log)
            assert message in page_text(base)  # every page of the preview shows it: file, line, fix
            wait_for(lambda saved=saved: log.read_text().count(message) == saved, "the error printed", server, log)
            source.write_text(good, encoding="utf-8")
            wait_until_built(base + "strategies/rest/", "Rest the muscle", server, log)
    finally:
        source.write_text(good, encoding="utf-8")
    printed = [line for line in log.read_text().splitlines() if MISTAKE in line]
    assert len(printed) == 2 and all(line.startswith("ERROR") for line in printed), printed
    assert "Traceback" not in log.read_text()


def test_two_saves_a_second_apart_leave_the_preview_running(
    preview: tuple[Path, str, subprocess.Popen[bytes], Path],
) -> None:
    """An editor that saves every second: a new title (every page rebuilds), then a mistake while it builds."""
    project, base, server, log = preview
    source = project / "docs" / "strategies" / "rest.md"
    good = source.read_text(encoding="utf-8")
    retitled = good.replace("title: Rest the muscle, then keep moving\n", "title: Rest, then move again\n")
    bad, message = with_mistake(retitled)
    try:
        source.write_text(retitled, encoding="utf-8")
        time.sleep(1)
        source.write_text(bad, encoding="utf-8")
        wait_for(lambda: message in page_text(base + "strategies/rest/"), "the error on the open page", server, log)
        source.write_text(good, encoding="utf-8")
        wait_until_built(base + "strategies/rest/", "Rest the muscle, then keep moving", server, log)
    finally:
        source.write_text(good, encoding="utf-8")
    assert server.poll() is None


def test_a_mistake_in_mkdocs_yml_is_shown_as_make_build_names_it(
    preview: tuple[Path, str, subprocess.Popen[bytes], Path],
) -> None:
    """A colon in a setting, saved while the preview runs: the same one line as `make build` (file, line,
    fix) on the page and in the log, not YAML's message and a traceback; the fix builds again."""
    project, base, server, log = preview
    config = project / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    line = next(number for number, text in enumerate(good.splitlines(), 1) if text.startswith("site_name: "))
    message = f"mkdocs.yml:{line}: the value has a colon in it: put the whole value in quotes"
    try:
        config.write_text(good.replace("\nsite_name: ", "\nsite_name: Night cramps: ", 1), encoding="utf-8")
        wait_for(lambda: message in page_text(base), "the error on the open page", server, log)
        config.write_text(good, encoding="utf-8")
        wait_for(lambda: message not in page_text(base) and "strategy-card" in page_text(base), "the page again", server, log)
    finally:
        config.write_text(good, encoding="utf-8")
    assert f"ERROR   -  {message}" in log.read_text()
    assert "Traceback" not in log.read_text() and "mapping values are not allowed" not in log.read_text()


def test_the_preview_starts_with_a_mistake_in_a_page_and_shows_it(tmp_path: Path, handout_cache: Path) -> None:
    project = copy_project(tmp_path / "project")
    source = project / "docs" / "strategies" / "rest.md"
    good = source.read_text(encoding="utf-8")
    bad, message = with_mistake(good)
    source.write_text(bad, encoding="utf-8")
    log = tmp_path / "serve.log"
    with serving(project, log, handout_cache) as (base, server):
        assert message in page_text(base + "strategies/rest/")
        source.write_text(good, encoding="utf-8")
        wait_until_built(base + "strategies/rest/", "Rest the muscle", server, log)
    printed = [line for line in log.read_text().splitlines() if MISTAKE in line]
    assert len(printed) == 1 and printed[0].startswith("ERROR") and message in printed[0], printed


@pytest.mark.browser
def test_the_open_tab_shows_the_error_then_the_fixed_page_by_itself(
    preview: tuple[Path, str, subprocess.Popen[bytes], Path], browser: Browser,
) -> None:
    """In Chromium, nobody pressing reload: the page an editor has open follows their saves."""
    project, base, server, log = preview
    source = project / "docs" / "strategies" / "rest.md"
    good = source.read_text(encoding="utf-8")
    bad, message = with_mistake(good)
    tab = browser.new_page()
    try:
        tab.goto(base + "strategies/rest/")
        expect(tab.locator("h1")).to_have_text("Rest the muscle, then keep moving")
        source.write_text(bad, encoding="utf-8")
        expect(tab.locator("pre")).to_contain_text(message, timeout=60_000)
        source.write_text(good, encoding="utf-8")
        expect(tab.locator("h1")).to_have_text("Rest the muscle, then keep moving", timeout=60_000)
    finally:
        source.write_text(good, encoding="utf-8")
        tab.close()
    assert server.poll() is None
