"""What the project needs from the machine, checked before anything else runs.

    python3 -m tools.prerequisites check build [test]   # make build / serve (build), make test (both)
    python3 -m tools.prerequisites packages build test  # the package names, for the CI workflow

The system packages are declared once, in system-packages.txt. As root on Debian or Ubuntu a missing
package is installed with apt-get; otherwise the command stops with the one line to run. Standard
library only, and it runs on an older Python so that it can say that Python is too old.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_LIST = ROOT / "system-packages.txt"
PURPOSES = ("build", "test")
BROWSER = "browser"  # the `provides` of a package that is one browser among others
NODE_MINIMUM = 18  # Debian 12's nodejs 18.20 runs the workflow linter (tools/) and Lighthouse 12 (bench/)


@dataclass(frozen=True)
class Package:
    purpose: str
    name: str
    provides: str  # a shared library such as libatomic.so.1, a command such as java, or BROWSER
    why: str


class ListError(ValueError):
    """system-packages.txt is malformed; the message names the line."""


def read_packages(path: Path | None = None) -> list[Package]:
    path = path or PACKAGE_LIST
    packages = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        fields = line.split(None, 3)
        if len(fields) < 4 or fields[0] not in PURPOSES:
            raise ListError(f"{path.name}:{number}: expected 'purpose package provides why', purpose one of {PURPOSES}")
        packages.append(Package(*fields))
    return packages


def wanted(packages: list[Package], purposes: list[str]) -> list[Package]:
    unknown = sorted(set(purposes) - set(PURPOSES))
    if unknown:
        raise ListError(f"unknown purpose {unknown[0]!r}: use {' or '.join(PURPOSES)}")
    return [package for package in packages if package.purpose in purposes]


# ------------------------------------------------------------------------------------------ the machine


def os_release(path: Path = Path("/etc/os-release")) -> dict[str, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    pairs = (line.split("=", 1) for line in text.splitlines() if "=" in line)
    return {key: value.strip().strip('"') for key, value in pairs}


def snap_chromium(release: dict[str, str]) -> bool:
    """Ubuntu and its derivatives ship `chromium` as a stub that installs a snap: no use here."""
    return "ubuntu" in f"{release.get('ID', '')} {release.get('ID_LIKE', '')}".split()


def can_use_apt() -> bool:
    return sys.platform.startswith("linux") and bool(shutil.which("apt-get")) and bool(shutil.which("dpkg"))


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def library_found(soname: str) -> bool:
    """Whether the dynamic loader finds the library, exactly as WeasyPrint and Playwright load it."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def browser_state() -> tuple[bool, str]:
    """Whether the tests have a browser, and which, as tests/support/browser.py will choose it."""
    from tests.support.browser import find_browser, playwright_chosen  # run from the project root (python3 -m)

    try:
        found = find_browser()
    except SystemExit as error:  # CHROMIUM or CHROME names something that is not a browser
        return False, str(error)
    if found:
        return True, found
    if playwright_chosen():
        return True, "Playwright's own Chromium (make browser installs it)"
    return False, "none found"


def applies(package: Package, release: dict[str, str]) -> bool:
    """A browser package is not for Ubuntu (its chromium is a snap stub); `make browser` covers it there."""
    return not (package.provides == BROWSER and snap_chromium(release))


def present(package: Package) -> bool:
    if package.provides == BROWSER:  # a browser the user chose (even a wrong one) is theirs to fix
        return browser_state()[0] or bool(os.environ.get("CHROMIUM") or os.environ.get("CHROME"))
    if ".so" not in package.provides:  # a command, such as java
        return shutil.which(package.provides) is not None
    if not sys.platform.startswith("linux"):
        return True  # not checked: the list names Debian/Ubuntu packages
    return library_found(package.provides)


def missing_packages(purposes: list[str], release: dict[str, str]) -> list[Package]:
    return [p for p in wanted(read_packages(), purposes) if applies(p, release) and not present(p)]


def install_line(names: list[str]) -> str:
    return "sudo apt-get install " + " ".join(names)


def apt_install(names: list[str]) -> bool:
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    print(f"Installing system packages with apt-get: {' '.join(names)} (see system-packages.txt)", flush=True)
    update = subprocess.run(["apt-get", "update", "-qq"], env=env)
    install = subprocess.run(["apt-get", "install", "-y", "-qq", *names], env=env, stdout=subprocess.DEVNULL)
    return update.returncode == 0 and install.returncode == 0


# ------------------------------------------------------------------------------------------ Python


def python_minimum(pyproject: Path = ROOT / "pyproject.toml") -> tuple[int, int]:
    """The lowest Python the project supports: `requires-python` in pyproject.toml."""
    match = re.search(r'^requires-python\s*=\s*">=\s*(\d+)\.(\d+)', pyproject.read_text(encoding="utf-8"), re.M)
    if not match:
        raise ListError(f"{pyproject.name}: no requires-python = \">=X.Y\" line")
    return int(match.group(1)), int(match.group(2))


def python_problem() -> str | None:
    minimum = python_minimum()
    if sys.version_info[:2] >= minimum:
        return None
    wanted_version = f"{minimum[0]}.{minimum[1]}"
    return (
        f"Python {wanted_version} or newer is needed; {sys.executable} is {sys.version.split()[0]}. "
        f"Install python{wanted_version} and python{wanted_version}-venv, then run make with PYTHON=python{wanted_version}."
    )


# ------------------------------------------------------------------------------------------ commands


def check(purposes: list[str]) -> int:
    problem = python_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    release = os_release()
    missing = missing_packages(purposes, release)
    if not missing:
        return 0
    names = [package.name for package in missing]
    if is_root() and can_use_apt():
        if apt_install(names):
            missing = missing_packages(purposes, release)
            if not missing:
                return 0
        names = [package.name for package in missing]
        print(f"apt-get could not install: {' '.join(names)}. `make doctor` shows what is still missing.",
              file=sys.stderr)
        return 1
    what = "; ".join(f"{package.name} ({package.why})" for package in missing)
    if can_use_apt():
        fix = f"run: {install_line(names)}"
    else:
        fix = "install the packages that provide " + ", ".join(package.provides for package in missing)
    print(f"Missing system packages: {what}. To fix it, {fix} (then run the command again).", file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m tools.prerequisites", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check").add_argument("purposes", nargs="+", choices=PURPOSES)
    commands.add_parser("packages").add_argument("purposes", nargs="+", choices=PURPOSES)
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return check(args.purposes)
        if args.command == "packages":
            release = os_release()
            print(" ".join(p.name for p in wanted(read_packages(), args.purposes) if applies(p, release)))
            return 0
        raise AssertionError(args.command)
    except ListError as error:
        print(error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
