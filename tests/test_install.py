"""Set-up on a new machine: every lock installs, hashes checked, with the oldest pip the README supports.

pip up to 23.2 refuses a hashed lock once a package it pins is also asked for with an extra and a newer
release of that package is published (tools/install.py). A lock that installs today can then stop
installing with no change here, so this installs every lock from the Makefile's own targets into new
venvs whose pip is the oldest supported one: a lock or a recipe that such a pip cannot install fails here,
on the day it is written. The weekly job in .github/workflows/site.yml does the same on a fresh Debian 12.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.make import make_env
from tests.support.site import ROOT
from tools import venv as venvs
from tools.venv import PIP_MINIMUM, bootstrap_pin, pip_version, uv_version, version_text

pytestmark = pytest.mark.install  # downloads from PyPI what its cache lacks; about 15 s with the cache

LOCKS = ("requirements-bootstrap.txt", "requirements.txt", "requirements-test.txt", "requirements-zensical.txt")


def pins(name: str) -> list[str]:
    return [line for line in (ROOT / name).read_text().splitlines() if re.match(r"^[A-Za-z0-9]", line)]


def venvs_with_the_oldest_pip(*paths: Path) -> None:
    """New venvs whose pip is the oldest the README supports (put in by uv from its cache: seconds, not ensurepip's)."""
    for path in paths:
        subprocess.run(["python3", "-m", "venv", "--without-pip", str(path)], check=True)
        python = str(path / "bin" / "python")
        subprocess.run([sys.executable, "-m", "uv", "pip", "install", "--quiet", "--python", python,
                        f"pip=={version_text(PIP_MINIMUM)}"], check=True)
        assert pip_version(path / "bin" / "python") == PIP_MINIMUM


def make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", *args], cwd=ROOT, capture_output=True, text=True, env=make_env())


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Both environments, set up by the Makefile's own targets in venvs with the oldest supported pip."""
    folder = tmp_path_factory.mktemp("install")
    venv, zensical = folder / "venv", folder / "venv-zensical"
    venvs_with_the_oldest_pip(venv, zensical)
    result = make("-j2", f"VENV={venv}", f"ZENSICAL_VENV={zensical}", f"{venv}/bin/.test-deps", f"{zensical}/bin/.deps")
    assert result.returncode == 0, result.stdout + result.stderr
    return venv, zensical


def test_every_lock_pins_every_package_with_hashes() -> None:
    for name in LOCKS:
        assert pins(name), f"{name} pins nothing"
        for line in pins(name):
            assert re.match(r"^[A-Za-z0-9._-]+==\S+ \\$", line), f"{name}: {line!r} is not an exact pin with hashes"


def test_the_venvs_own_pip_installs_only_the_installer_which_has_no_extras_and_no_dependencies() -> None:
    assert pins("requirements-bootstrap.txt") == [f"uv=={bootstrap_pin()} \\"]
    assert "[" not in (ROOT / "requirements-bootstrap.txt").read_text()


def test_the_oldest_supported_pip_sets_up_both_environments_from_the_makefile(installed: tuple[Path, Path]) -> None:
    venv, zensical = installed
    for path, modules in ((venv, "weasyprint, mkdocs, material, mkdocs_macros, playwright, pytest, legcramps"),
                          (zensical, "zensical, mkdocs_macros, weasyprint, legcramps")):
        python = path / "bin" / "python"
        assert uv_version(python) == bootstrap_pin()
        assert pip_version(python) == PIP_MINIMUM, "the installer replaced the venv's pip"
        imported = subprocess.run([str(python), "-c", f"import {modules}"], capture_output=True, text=True)
        assert imported.returncode == 0, imported.stderr
        consistent = subprocess.run([str(python), "-m", "uv", "pip", "check", "--python", str(python)],
                                    capture_output=True, text=True)
        assert consistent.returncode == 0, consistent.stdout + consistent.stderr


def test_the_installed_packages_are_compiled_so_no_build_compiles_them_again(installed: tuple[Path, Path]) -> None:
    """A machine that never writes bytecode (PYTHONDONTWRITEBYTECODE) compiled MkDocs and WeasyPrint in every
    build and test process: a cold build took 5.2 s instead of 3.5 s. Modules no test here imports are
    looked at, so the import checks above cannot have written them."""
    for path in installed:
        site_packages = next((path / "lib").glob("python3.*/site-packages"))
        for module in ("weasyprint/__main__.py", "fontTools/subset/__main__.py"):
            source = site_packages / module
            assert Path(importlib.util.cache_from_source(str(source))).is_file(), f"{module} was installed without its bytecode"


def test_a_package_whose_hash_does_not_match_is_refused(installed: tuple[Path, Path], tmp_path: Path) -> None:
    venv = installed[0]
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "uv", "pip", "uninstall", "--quiet", "--python", python, "segno"], check=True)
    lock = tmp_path / "requirements.txt"
    text = (ROOT / "requirements.txt").read_text()
    wrong = r"\1    --hash=sha256:" + "0" * 64 + "\n"
    lock.write_text(re.sub(r"(?m)^(segno==\S+ \\\n)(?:    --hash=sha256:\w+ \\?\n)+", wrong, text))
    assert lock.read_text() != text
    result = subprocess.run(["python3", "-m", "tools.install", str(venv), str(lock)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    assert "hash" in result.stderr.lower() and "Could not install" in result.stderr
    assert subprocess.run([python, "-c", "import segno"], capture_output=True).returncode != 0


def test_a_venv_without_pip_is_made_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A venv left without pip (an interrupted set-up) is made again, with pip (Python's ensurepip: seconds)."""
    venv = tmp_path / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    assert not venvs.venv_works(venv / "bin" / "python")
    assert venvs.make_venv(venv) is None
    assert venvs.venv_works(venv / "bin" / "python")
    assert "making it again" in capsys.readouterr().out
