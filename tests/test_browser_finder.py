"""How `make test` finds its browser: CHROMIUM / CHROME first, then the system's, never silently none;
and a browser driver that cannot start is named in one plain line with the fix."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.support.browser import LAUNCH_ARGS, PLAYWRIGHT, driver_problem, find_browser, playwright_chosen, start_playwright

pytestmark = pytest.mark.unit  # fast: no site build, no browser


def fake_browser(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_the_chromium_variable_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = fake_browser(tmp_path, "my-chromium")
    monkeypatch.setenv("CHROMIUM", str(chosen))
    monkeypatch.setenv("CHROME", "/nowhere/chrome")
    assert find_browser() == str(chosen)


def test_a_variable_that_points_nowhere_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("CHROME", "/nowhere/chrome")
    with pytest.raises(SystemExit, match="CHROME=/nowhere/chrome is not a browser executable"):
        find_browser()


def test_then_the_system_chromium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.delenv("CHROME", raising=False)
    system = fake_browser(tmp_path, "chromium")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_browser() == str(system)


def test_no_system_browser_means_playwrights_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.delenv("CHROME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_browser() is None  # ensure_browser() then runs Playwright's installer or fails loudly


def test_the_browser_is_kept_off_the_network() -> None:
    for flag in ("--disable-background-networking", "--disable-component-update", "--disable-sync"):
        assert flag in LAUNCH_ARGS


def test_chromium_playwright_means_playwrights_own_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_browser(tmp_path, "chromium")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("CHROMIUM", PLAYWRIGHT)
    assert find_browser() is None and playwright_chosen()


# --- the browser driver -------------------------------------------------------------------------------

LOADER_ERROR = """#!/bin/sh
echo "$0: error while loading shared libraries: {library}: cannot open shared object file: No such file or directory" >&2
exit 127
"""


def node_without(tmp_path: Path, library: str) -> Path:
    """A Node.js for Playwright's driver that fails to load `library`, as on a machine without it."""
    node = fake_browser(tmp_path, "node")
    node.write_text(LOADER_ERROR.format(library=library))
    return node


def test_the_bundled_driver_starts_here() -> None:
    assert driver_problem() is None


def test_a_driver_without_libatomic_is_one_line_naming_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAYWRIGHT_NODEJS_PATH", str(node_without(tmp_path, "libatomic.so.1")))
    with pytest.raises(SystemExit) as stopped:
        start_playwright()  # real Playwright: it would say only "Connection closed while reading from the driver"
    message = str(stopped.value)
    assert "\n" not in message and "Connection closed" not in message
    assert "the system library libatomic.so.1 is missing" in message
    assert "sudo apt-get install libatomic1" in message


def test_a_library_outside_the_list_is_still_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLAYWRIGHT_NODEJS_PATH", str(node_without(tmp_path, "libnothing.so.9")))
    problem = driver_problem()
    assert problem and "libnothing.so.9 is missing" in problem
    assert "install the system package that provides libnothing.so.9" in problem
