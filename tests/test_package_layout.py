"""The package's folders follow the flow of a build, and imports point down it, never back up.

The order is the one src/legcramps/__init__.py and handbook/architecture.md draw: the shared base
(errors, html), the model, rendering, the build's checks, the handout, one build's session, search and
offline, the engines' adapters and the check command, then the command line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support.site import ROOT

pytestmark = pytest.mark.unit

PACKAGE = ROOT / "src" / "legcramps"
FLOW = {
    "errors": 0, "html": 0, "__init__": 0,
    "model": 1, "render": 2, "checks": 3, "handout": 4, "session": 5,
    "search": 6, "offline": 6, "engines": 7, "content_check": 7, "cli": 8, "__main__": 9,
}
LONGEST = 250  # lines: a module longer than this does more than one thing


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def part(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def imported(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "legcramps":
            found += [f"legcramps.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:  # relative: could hide an upward import
            found.append(f"legcramps.<relative import in {path.name}>")
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return [name for name in found if name.startswith("legcramps.")]


def test_every_module_lives_in_a_known_part_of_the_flow() -> None:
    assert {part(path) for path in modules()} <= set(FLOW)


def test_imports_point_down_the_flow() -> None:
    upward = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in modules()
        for name in imported(path)
        if name.split(".")[1] not in FLOW or FLOW[name.split(".")[1]] > FLOW[part(path)]
    ]
    assert not upward, "\n".join(upward)


def test_each_subpackage_says_what_it_owns() -> None:
    for folder in sorted(path for path in PACKAGE.iterdir() if path.is_dir() and path.name != "__pycache__"):
        docstring = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
        assert docstring and len(docstring) > 30, f"{folder.name}/__init__.py has no docstring saying what it owns"


def test_no_module_is_longer_than_one_thing_needs() -> None:
    """The package, the MkDocs hooks, the tools and the benchmark (the tests are read as a specification)."""
    code = [*modules(), *(path for folder in ("hooks", "tools", "bench") for path in sorted((ROOT / folder).glob("*.py")))]
    long = [f"{path.relative_to(ROOT)}: {count} lines" for path in code
            if (count := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST]
    assert not long, long


def test_no_code_edits_the_import_path() -> None:
    folders = ("src", "hooks", "tools", "tests", "bench")
    edits = [str(path.relative_to(ROOT)) for folder in folders for path in (ROOT / folder).rglob("*.py")
             if "node_modules" not in path.parts and "sys.path." in path.read_text(encoding="utf-8")
             and path != Path(__file__)]
    assert not edits, edits
