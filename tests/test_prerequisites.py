"""A new machine: what the README's commands check first, and what they say when something is missing.

The system packages are declared once (system-packages.txt); the Makefile, .ci/run and the workflow read
that list through tools/prerequisites.py and never name a package themselves.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.make import make_env
from tests.support.site import ROOT
from tools import prerequisites
from tools import venv as venvs
from tools.prerequisites import BROWSER, PURPOSES, ListError, applies, read_packages

pytestmark = pytest.mark.unit  # fast: no site build, no browser

PACKAGES = read_packages()
READERS = [ROOT / "Makefile", ROOT / ".ci" / "run", *sorted((ROOT / ".github" / "workflows").glob("*.yml"))]


def run_make(*args: str) -> str:
    result = subprocess.run(["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, env=make_env())
    assert result.returncode == 0, result.stderr
    return result.stdout


# --- one declared list -----------------------------------------------------------------------------


def test_the_list_names_each_package_once_with_its_purpose_and_reason() -> None:
    names = [package.name for package in PACKAGES]
    assert len(names) == len(set(names))
    assert {package.purpose for package in PACKAGES} == set(PURPOSES)
    for package in PACKAGES:
        assert package.provides == BROWSER or re.fullmatch(r"lib[\w.+-]+\.so\.\d+|[a-z]+", package.provides), package
        assert len(package.why) > 20, package


def test_weasyprint_and_the_browser_driver_libraries_are_declared() -> None:
    provides = {package.provides: package.purpose for package in PACKAGES}
    assert provides["libpangoft2-1.0.so.0"] == "build"
    assert provides["libharfbuzz-subset.so.0"] == "build"
    assert provides["libatomic.so.1"] == "test"
    assert provides[BROWSER] == "test"
    assert provides["java"] == "test"  # the Nu Html Checker (tests/test_html_validity.py)


@pytest.mark.parametrize("reader", READERS, ids=lambda path: path.name)
def test_no_second_copy_of_the_list(reader: Path) -> None:
    text = reader.read_text()
    for package in PACKAGES:
        word = rf"(?<![\w.-]){re.escape(package.name)}(?![\w.-])"
        assert not re.search(r"apt-get install[^\n|]*" + word, text), f"{reader.name} installs {package.name} itself"
        if package.provides != BROWSER:  # "chromium" is also the name of Playwright's browser
            assert not re.search(word, text), f"{reader.name} names {package.name}"


def test_the_readme_points_to_the_list() -> None:
    assert "system-packages.txt" in (ROOT / "README.md").read_text()


def test_a_malformed_line_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "system-packages.txt"
    broken.write_text("# purpose package provides why\nbuild libfoo0 libfoo.so.0 needed for foo\nrun libbar0\n")
    with pytest.raises(ListError, match=r"^system-packages.txt:3: "):
        read_packages(broken)


# --- the README's commands check first -------------------------------------------------------------


def test_build_and_serve_check_the_build_packages_before_anything_else() -> None:
    for target in ("build", "serve"):
        lines = run_make("--always-make", target).splitlines()
        assert lines[0] == "python3 -m tools.prerequisites check build", lines[:3]


def test_make_test_checks_the_test_packages_too() -> None:
    lines = run_make("--always-make", "test").splitlines()
    assert lines[0] == "python3 -m tools.prerequisites check build test", lines[:3]


def test_every_lock_is_installed_by_the_installer_and_never_by_pip_itself() -> None:
    steps = run_make("--always-make", "test", "zensical").splitlines()
    assert not [line for line in steps if " pip " in line and " install " in line]  # tests/test_install.py: why
    installs = [line for line in steps if line.startswith("python3 -m tools.install ")]
    assert installs == ["python3 -m tools.install .venv requirements.txt", "python3 -m tools.install .venv requirements-test.txt",
                        "python3 -m tools.install .venv-zensical requirements.txt requirements-zensical.txt"]
    for name in ("requirements-bootstrap.txt", "requirements.txt", "requirements-test.txt", "requirements-zensical.txt"):
        pins = [line for line in (ROOT / name).read_text().splitlines() if re.match(r"^[a-z0-9]", line)]
        assert pins and all(line.endswith("\\") for line in pins), f"{name} has a pin without --hash"


def test_a_missing_package_stops_with_the_one_line_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = tmp_path / "system-packages.txt"
    listed.write_text(
        "build  libpangoft2-1.0-0   libpangoft2-1.0.so.0    WeasyPrint lays out the handout with Pango\n"
        "build  libnothing-here0    libnothing-here.so.0    a library no machine has, for this test\n"
    )
    monkeypatch.setattr(prerequisites, "PACKAGE_LIST", listed)
    monkeypatch.setattr(prerequisites, "is_root", lambda: False)  # as an editor without root runs it
    assert prerequisites.check(["build"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    assert "libnothing-here0 (a library no machine has, for this test)" in lines[0]
    assert re.search(r"sudo apt-get install libnothing-here0\b", lines[0]) and "libpangoft2" not in lines[0]


def test_when_everything_is_there_the_check_says_nothing() -> None:
    result = subprocess.run([sys.executable, "-m", "tools.prerequisites", "check", "build"], cwd=ROOT,
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"this machine lacks a build package: {result.stderr}")
    assert result.stdout == "" and result.stderr == ""


@pytest.mark.parametrize(
    ("release", "debian_chromium"),
    [
        ({"ID": "debian"}, True),
        ({"ID": "raspbian", "ID_LIKE": "debian"}, True),
        ({"ID": "ubuntu", "ID_LIKE": "debian"}, False),
        ({"ID": "linuxmint", "ID_LIKE": "ubuntu debian"}, False),
    ],
)
def test_the_chromium_package_is_used_on_debian_but_not_on_ubuntu(release: dict[str, str], debian_chromium: bool) -> None:
    browser = next(package for package in PACKAGES if package.provides == BROWSER)
    library = next(package for package in PACKAGES if package.provides != BROWSER)
    assert applies(browser, release) is debian_chromium
    assert applies(library, release)


def test_the_workflow_gets_the_names_from_the_list() -> None:
    result = subprocess.run([sys.executable, "-m", "tools.prerequisites", "packages", "build", "test"], cwd=ROOT,
                            capture_output=True, text=True)
    names = result.stdout.split()
    assert {package.name for package in PACKAGES if package.provides != BROWSER} <= set(names)


def test_python_minimum_comes_from_pyproject() -> None:
    assert prerequisites.python_minimum() == (3, 11)
    assert prerequisites.python_problem() is None


# --- make doctor -----------------------------------------------------------------------------------


def test_doctor_lists_every_prerequisite() -> None:
    result = subprocess.run(["make", "doctor"], cwd=ROOT, capture_output=True, text=True, env=make_env())
    out = result.stdout
    for words in ("Python 3.", "virtual environment", ": pip ", "(23.0.1 or newer)", "installer uv ", "browser for the tests",
                  "Node.js", "npm"):
        assert words in out, out
    for package in PACKAGES:
        if package.provides != BROWSER:
            assert package.name in out
    assert (result.returncode == 0) == ("MISSING" not in out), out
    assert all(line.startswith(("  ok ", "  MISSING ", "           fix: ")) for line in out.splitlines()[1:-1]), out


# --- the virtual environment heals itself ------------------------------------------------------------


# (A venv without pip is made again with pip: tests/test_install.py, which makes real venvs.)


DEBIAN_ENSUREPIP = """#!/bin/sh
# What Debian's python3 does without python3-venv: it leaves a half-made venv and names the package.
mkdir -p "$3/bin" && ln -sf /usr/bin/true "$3/bin/python"
echo "The virtual environment was not created successfully because ensurepip is not"
echo "available.  On Debian/Ubuntu systems, you need to install the python3-venv"
echo "package using the following command."
echo "    apt install python3.11-venv"
exit 1
"""


def test_without_python3_venv_the_fix_is_named_and_nothing_is_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    python = tmp_path / "python3"
    python.write_text(DEBIAN_ENSUREPIP)
    python.chmod(python.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(prerequisites, "is_root", lambda: False)
    venv = tmp_path / ".venv"
    problem = venvs.make_venv(venv, python=str(python))
    assert problem and "Python cannot make a virtual environment" in problem
    assert f"sudo apt-get install {venvs.venv_package()}" in problem and "python3-venv" in problem
    assert not venv.exists(), "a half-made venv was left behind"


def make_project(tmp_path: Path) -> Path:
    """The Makefile and what it reads, with requirements older than any venv's stamp."""
    project = tmp_path / "project"
    copied = ("Makefile", "zensical.mk", "requirements-bootstrap.txt", "requirements.txt", "requirements-test.txt",
              "pyproject.toml")
    for name in copied:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_bytes((ROOT / name).read_bytes())
        os.utime(project / name, (0, 0))
    return project


def dry_run(project: Path, venv: Path) -> str:
    result = subprocess.run(["make", "-n", f"VENV={venv}", "build"], cwd=project, capture_output=True, text=True, env=make_env())
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_remakes_a_broken_venv_even_when_it_looks_installed(tmp_path: Path) -> None:
    venv = tmp_path / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    (venv / "bin" / ".site-deps").touch()  # newer than the requirements: make alone would trust it
    steps = dry_run(make_project(tmp_path), venv)
    assert f"python3 -m tools.install {venv} requirements.txt" in steps  # it makes the venv again first


def test_make_leaves_a_working_venv_alone(tmp_path: Path) -> None:
    venv = ROOT / ".venv"  # the one this run uses: it works
    assert (venv / "bin" / ".site-deps").is_file()
    steps = dry_run(make_project(tmp_path), venv)
    assert "tools.install" not in steps and " pip " not in steps
    assert "-m tools.build_site" in steps
