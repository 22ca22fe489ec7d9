"""The project's virtual environments: made (or healed) with the machine's Python, and what their pip is.

Standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tools import prerequisites
from tools.prerequisites import ROOT, ListError

# The oldest pip the README supports: what Debian 12's python3-venv puts in a new venv. tools/install.py
# needs it only to install the pinned installer; tests/test_install.py and the weekly job prove it.
PIP_MINIMUM = (23, 0, 1)
BOOTSTRAP = ROOT / "requirements-bootstrap.txt"  # the installer, pinned with its hashes (tools/install.py)


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
        if install and prerequisites.is_root() and prerequisites.can_use_apt() and prerequisites.apt_install([package]):
            return make_venv(venv, python, install=False)
        return (
            f"Python cannot make a virtual environment: the package {package} is missing. "
            f"Fix: {prerequisites.install_line([package])} (Debian/Ubuntu's python3-venv brings it), then run the command again."
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


def bootstrap_pin(path: Path = BOOTSTRAP) -> str:
    match = re.search(r"^uv==(\S+)", path.read_text(encoding="utf-8"), re.M)
    if not match:
        raise ListError(f"{path.name}: no 'uv==<version>' pin; regenerate it with `make lock`")
    return match.group(1)


def can_make_venv(python: str) -> bool:
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "venv"
        return subprocess.run([python, "-m", "venv", str(probe)], capture_output=True).returncode == 0
