"""What the project needs from the machine, checked before anything else runs.

    python3 -m tools.prerequisites check build [test]   # make build / serve (build), make test (both)
    python3 -m tools.prerequisites packages build test  # the package names, for the CI workflow
    python3 -m tools.prerequisites doctor --venv .venv  # make doctor: every prerequisite, found or missing

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
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_LIST = ROOT / "system-packages.txt"
PURPOSES = ("build", "test")
BROWSER = "browser"  # the `provides` of a package that is one browser among others
# The oldest pip the README supports: what Debian 12's python3-venv puts in a new venv. tools/install.py
# needs it only to install the pinned installer; tests/test_install.py and the weekly job prove it.
PIP_MINIMUM = (23, 0, 1)
NODE_MINIMUM = 18  # Debian 12's nodejs 18.20 runs the workflow linter (tools/) and Lighthouse 12 (bench/)


@dataclass(frozen=True)
class Package:
    purpose: str
    name: str
    provides: str  # a shared library such as libatomic.so.1, or BROWSER
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
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.support.browser import find_browser, playwright_chosen

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


def venv_works(python: Path) -> bool:
    try:
        result = subprocess.run([str(python), "-c", "import pip"], capture_output=True)
    except OSError:  # no python, or a link to a Python that has gone
        return False
    return result.returncode == 0


def venv_package() -> str:
    """Debian and Ubuntu split the parts of Python that make a virtual environment into this package."""
    return f"python{sys.version_info[0]}.{sys.version_info[1]}-venv"


def make_venv(venv: Path, python: str = sys.executable, install: bool = True) -> str | None:
    """Make a working virtual environment at `venv`, replacing a broken one. None, or the one-line problem."""
    if venv_works(venv / "bin" / "python"):
        return None
    if venv.exists() or venv.is_symlink():
        print(f"{venv} has no working pip (made while python3-venv was missing, or its Python has gone): "
              "making it again.", flush=True)
        shutil.rmtree(venv, ignore_errors=True)
    result = subprocess.run([python, "-m", "venv", str(venv)], capture_output=True, text=True)
    if result.returncode == 0 and venv_works(venv / "bin" / "python"):
        return None
    shutil.rmtree(venv, ignore_errors=True)  # never leave a half-made environment behind
    output = result.stdout + result.stderr
    if "ensurepip" in output:
        package = venv_package()
        if install and is_root() and can_use_apt() and apt_install([package]):
            return make_venv(venv, python, install=False)
        return (
            f"Python cannot make a virtual environment: the package {package} is missing. "
            f"Fix: {install_line([package])} (Debian/Ubuntu's python3-venv brings it), then run the command again."
        )
    last = output.strip().splitlines()[-1] if output.strip() else f"exit status {result.returncode}"
    return f"{python} -m venv {venv} failed: {last}"


def version_text(version: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in version)


def pip_version(python: Path) -> tuple[int, ...] | None:
    result = subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True, text=True)
    match = re.match(r"pip (\d+(?:\.\d+)*)", result.stdout)
    return tuple(int(part) for part in match.group(1).split(".")) if result.returncode == 0 and match else None


def uv_version(python: Path) -> str | None:
    """The installer's version in a venv (tools/install.py), or None when it is not installed yet."""
    result = subprocess.run([str(python), "-m", "uv", "--version"], capture_output=True, text=True)
    return result.stdout.split()[1] if result.returncode == 0 and result.stdout.startswith("uv ") else None


def bootstrap_pin(path: Path = ROOT / "requirements-bootstrap.txt") -> str:
    match = re.search(r"^uv==(\S+)", path.read_text(encoding="utf-8"), re.M)
    if not match:
        raise ListError(f"{path.name}: no 'uv==<version>' pin; regenerate it with `make lock`")
    return match.group(1)


def can_make_venv(python: str) -> bool:
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "venv"
        return subprocess.run([python, "-m", "venv", str(probe)], capture_output=True).returncode == 0


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
                fix = "run make test: it installs Playwright's Chromium (Ubuntu: see the README)"
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
    parser = argparse.ArgumentParser(prog="python3 -m tools.prerequisites", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check").add_argument("purposes", nargs="+", choices=PURPOSES)
    commands.add_parser("packages").add_argument("purposes", nargs="+", choices=PURPOSES)
    commands.add_parser("doctor").add_argument("--venv", type=Path, default=Path(".venv"))
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return check(args.purposes)
        if args.command == "packages":
            release = os_release()
            print(" ".join(p.name for p in wanted(read_packages(), args.purposes) if applies(p, release)))
            return 0
        return doctor(args.venv)
    except ListError as error:
        print(error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
