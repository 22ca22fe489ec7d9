"""`make doctor`: every prerequisite (Python, the venv and its pip, each system package, the browser, Node.js
and npm) as found or missing, with its fix.

    python3 -m tools.doctor --venv .venv
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tools.prerequisites import (
    BROWSER,
    NODE_MINIMUM,
    PURPOSES,
    applies,
    browser_state,
    can_use_apt,
    install_line,
    library_found,
    os_release,
    python_minimum,
    python_problem,
    read_packages,
    wanted,
)
from tools.venv import PIP_MINIMUM, bootstrap_pin, can_make_venv, pip_version, uv_version, venv_package, venv_works, version_text


def command_version(command: list[str]) -> str | None:
    if not shutil.which(command[0]):
        return None
    result = subprocess.run(command, capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else None


def doctor(venv: Path) -> int:
    rows: list[tuple[bool, str, str]] = []  # found, what, the fix when missing
    apt_missing: list[str] = []

    low = python_minimum()
    minimum = f"{low[0]}.{low[1]}"
    rows.append((python_problem() is None, f"Python {sys.version.split()[0]} at {sys.executable} ({minimum} or newer)",
                 f"install python{minimum} and run make with PYTHON=python{minimum}"))
    supported = f"{version_text(PIP_MINIMUM)} or newer"
    if venv_works(venv / "bin" / "python"):
        pip = pip_version(venv / "bin" / "python") or ()
        rows.append((pip >= PIP_MINIMUM, f"virtual environment {venv}: pip {version_text(pip)} ({supported})",
                     f"run: {venv}/bin/python -m pip install 'pip>={version_text(PIP_MINIMUM)}'"))
        uv, pinned = uv_version(venv / "bin" / "python"), bootstrap_pin()
        state = "installed" if uv == pinned else f"{uv or 'not installed'}: make installs it"
        rows.append((True, f"installer uv {pinned} from requirements-bootstrap.txt ({state})", ""))
    elif can_make_venv(sys.executable):
        state = "broken: make will make it again" if venv.exists() else "not made yet: make makes it"
        rows.append((True, f"virtual environment {venv}: {state}", ""))
    else:
        rows.append((False, "Python cannot make a virtual environment", install_line([venv_package()])))
    release = os_release()
    for package in wanted(read_packages(), list(PURPOSES)):
        label = f"{package.name} ({package.purpose}): {package.why}"
        if package.provides == BROWSER:
            found, which = browser_state()
            if found:
                rows.append((True, f"browser for the tests: {which}", ""))
                continue
            if not applies(package, release):
                fix = "run make test: it installs Playwright's Chromium (on Ubuntu, see handbook/tests.md)"
            elif os.environ.get("CHROMIUM") or os.environ.get("CHROME"):
                fix = "set CHROMIUM to a Chromium or Chrome executable, or unset it"
            else:
                fix = install_line([package.name])
                apt_missing.append(package.name)
            rows.append((False, f"browser for the tests: {which}", fix))
        elif not sys.platform.startswith("linux"):
            rows.append((True, f"{label} (not checked on {sys.platform})", ""))
        else:
            found = library_found(package.provides)
            rows.append((found, label, install_line([package.name])))
            if not found:
                apt_missing.append(package.name)
    node = command_version(["node", "--version"]) or ""
    major = int(re.sub(r"\D.*", "", node.lstrip("v")) or 0)
    rows.append((major >= NODE_MINIMUM, f"Node.js {node or 'not found'} ({NODE_MINIMUM} or newer, for the tests)",
                 "sudo apt-get install nodejs npm"))
    npm = command_version(["npm", "--version"])
    rows.append((npm is not None, f"npm {npm or 'not found'} (installs the tests' node tools)", "sudo apt-get install npm"))

    print("Prerequisites (the system packages are declared in system-packages.txt):")
    for found, what, fix in rows:
        print(f"  {'ok' if found else 'MISSING':8} {what}" + ("" if found else f"\n           fix: {fix}"))
    if all(found for found, _, _ in rows):
        print("Everything is in place.")
        return 0
    if len(apt_missing) > 1 and can_use_apt():
        print(f"All the missing system packages at once: {install_line(apt_missing)}")
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m tools.doctor", description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=Path(".venv"))
    return doctor(parser.parse_args(argv).venv)


if __name__ == "__main__":
    sys.exit(main())
