"""How `make test` finds its browser: CHROMIUM / CHROME first, then the system's, never silently none."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.support.browser import LAUNCH_ARGS, find_browser


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
