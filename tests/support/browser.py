"""Find a Chromium for the browser tests, or install one.

Order: the CHROMIUM or CHROME environment variable, then the system's Chromium or Chrome (Debian's
`chromium` package), else Playwright's own installer. `python -m tests.support.browser --install`
prints the browser it will use, or fails with a clear message.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
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


def find_browser() -> str | None:
    """The path of a Chromium-family browser, or None (None means: use Playwright's own build)."""
    for variable in ("CHROMIUM", "CHROME"):
        value = os.environ.get(variable)
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


def playwright_browser_installed() -> bool:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return Path(playwright.chromium.executable_path).is_file()


def ensure_browser() -> str:
    found = find_browser()
    if found:
        return found
    if not playwright_browser_installed():
        print("No system Chromium found; running Playwright's installer.", file=sys.stderr)
        result = subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"])
        if result.returncode != 0 or not playwright_browser_installed():
            raise SystemExit(
                "No browser for the tests: install Debian's chromium (apt-get install chromium), "
                "or set CHROMIUM=/path/to/chrome, or make `playwright install chromium` work."
            )
    return "playwright"


if __name__ == "__main__":
    if "--install" in sys.argv:
        print(f"Browser for the tests: {ensure_browser()}")
    else:
        print(find_browser() or "none")
