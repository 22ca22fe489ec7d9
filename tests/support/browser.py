"""Find a Chromium for the browser tests, or install one, and start Playwright with a plain message.

Order: the CHROMIUM or CHROME environment variable (a path, a command, or `playwright` for Playwright's
own build), then the system's Chromium or Chrome (Debian's `chromium` package), else Playwright's own
build, installed by its installer. `python -m tests.support.browser --install` prints the browser it
will use, or fails with one line saying what to do.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Playwright

SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
PLAYWRIGHT = "playwright"  # CHROMIUM=playwright: Playwright's own Chromium build (what CI uses)
# Flags that keep Chromium from calling any outside host (updates, sync, field trials).
LAUNCH_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--disable-quic",
]
# What the dynamic loader says when a program needs a library the machine lacks.
MISSING_LIBRARY = re.compile(r"error while loading shared libraries: (?P<library>[^:\s]+)")


def find_browser() -> str | None:
    """The path of a Chromium-family browser, or None (None means: use Playwright's own build)."""
    for variable in ("CHROMIUM", "CHROME"):
        value = os.environ.get(variable)
        if value == PLAYWRIGHT:
            return None
        if value:
            path = shutil.which(value) or value
            if not Path(path).is_file():
                raise SystemExit(f"{variable}={value} is not a browser executable")
            return path
    for name in SYSTEM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def playwright_chosen() -> bool:
    """CHROMIUM=playwright, or Playwright's own Chromium is already downloaded (checked without importing it)."""
    if os.environ.get("CHROMIUM") == PLAYWRIGHT:
        return True
    folder = os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or str(Path.home() / ".cache" / "ms-playwright")
    return any(Path(folder).glob("chromium*-*/INSTALLATION_COMPLETE"))


def driver_problem() -> str | None:
    """Why Playwright's Node driver cannot start, in one line with the fix, or None if it runs."""
    from playwright._impl._driver import compute_driver_executable

    executable = compute_driver_executable()
    node = executable[0] if isinstance(executable, tuple) else executable
    try:
        result = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"Playwright's browser driver ({node}) cannot run: {error}"
    if result.returncode == 0:
        return None
    match = MISSING_LIBRARY.search(result.stderr)
    if not match:
        detail = (result.stderr.strip().splitlines() or [f"exit status {result.returncode}"])[-1]
        return f"Playwright's browser driver ({node}) cannot start: {detail}"
    library = match.group("library")
    from tools.prerequisites import read_packages

    package = next((p.name for p in read_packages() if p.provides == library), None)
    fix = f"sudo apt-get install {package}" if package else f"install the system package that provides {library}"
    return (
        f"Playwright's browser driver cannot start: the system library {library} is missing. "
        f"Fix: {fix} (`make doctor` lists every prerequisite)."
    )


def start_playwright() -> Playwright:
    """Start Playwright, or stop with one plain line instead of 'Connection closed while reading from the driver'."""
    from playwright.sync_api import sync_playwright

    try:
        return sync_playwright().start()
    except Exception as error:
        raise SystemExit(driver_problem() or f"Playwright could not start: {str(error).splitlines()[0]}") from None


def playwright_browser_installed() -> bool:
    playwright = start_playwright()
    try:
        return Path(playwright.chromium.executable_path).is_file()
    finally:
        playwright.stop()


def ensure_browser() -> str:
    found = find_browser()
    if found:
        return found
    if not playwright_browser_installed():
        # As root on Debian or Ubuntu, --with-deps also installs the browser's system libraries with apt.
        as_root = hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get")
        command = [sys.executable, "-m", "playwright", "install", *(["--with-deps"] if as_root else []), "chromium"]
        print(f"No system Chromium found; running Playwright's installer: {' '.join(command[1:])}", file=sys.stderr)
        result = subprocess.run(command)
        if result.returncode != 0 or not playwright_browser_installed():
            raise SystemExit(
                "No browser for the tests: on Debian, sudo apt-get install chromium; on Ubuntu, "
                "sudo .venv/bin/python -m playwright install-deps chromium, then make test; "
                "or set CHROMIUM=/path/to/chrome."
            )
    return PLAYWRIGHT


if __name__ == "__main__":
    if "--install" in sys.argv:
        print(f"Browser for the tests: {ensure_browser()}")
    else:
        print(find_browser() or "none")
