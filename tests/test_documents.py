"""The documents a visitor reads first: README.md, CONTRIBUTING.md and handbook/*.md.

Every relative file path and every `make <target>` they name exists (a path relative to the document or
to the repository root; the targets read from the Makefile and the *.mk files it includes), the README
stays at most 200 lines and links every handbook document, and every handbook document says first who
it is for. The same checks run on a small broken copy, to show that each of them can fail.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]
README_MAX_LINES = 200

# Folders that are not the repository's own files: environments, caches and what a build writes.
NOT_SOURCES = {".git", ".venv", ".venv-zensical", "node_modules", "__pycache__", ".pytest_cache", ".mypy_cache",
               ".ruff_cache", "site", ".site-build", "site-zensical", ".cache", "test-artifacts", ".engines"}
# A path whose first part is one of these names something a build or a test run writes, not a file in
# the repository: the site folder and its parts (handout/*.pdf, search/..., es/, sw.js), caches, venvs.
BUILT = NOT_SOURCES | {".zensical.yml", "handout", "search", "es", "sw.js", "search.json", "sitemap.xml.gz", "DIR",
                       "theme-templates", "handout-templates"}
# Not files: a GitHub action (actions/cache), an npm package (@fontsource/...).
NOT_FILES = re.compile(r"^(?:actions/|@)")
# A code span is taken for a file path when it has a folder in it or ends with one of these.
FILE_ENDINGS = {"md", "py", "yml", "yaml", "txt", "toml", "ini", "json", "js", "css", "html", "mk", "cfg", "in",
                "png", "svg", "pdf", "ttf", "lock", "sh"}

FENCE = re.compile(r"^[ \t]*```.*?^[ \t]*```[ \t]*$", re.M | re.S)
CODE_SPAN = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"!?\[(?:[^\]\n]|\n(?!\n))*?\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
PATH = re.compile(r"^(?:\.\.?/)*[\w@.-]+(?:/[\w@.-]+)*/?$")
# `make` as a command: first on a line (after a prompt's variables, e.g. `SITE_URL=... make build`) or
# after ; && | (, then its own variables, then the target. Not "apt-get install make git".
MAKE = re.compile(r"(?:^[ \t]*(?:[A-Z][A-Z0-9_]*=\S*[ \t]+)*|[;&|(][ \t]*)make((?:[ \t]+[A-Z][A-Z0-9_]*=\S*)*)"
                  r"(?:[ \t]+([a-z][\w.-]*))?", re.M)
NEW_PAGE = re.compile(r"make new-page NAME=([\w-]+)")
TARGET_LINE = re.compile(r"^([^\s:#=][^:=]*?)\s*::?(?!=)", re.M)
INCLUDE = re.compile(r"^-?s?include\s+(.+)$", re.M)


def documents(root: Path = ROOT) -> list[Path]:
    return [root / "README.md", root / "CONTRIBUTING.md", *sorted((root / "handbook").glob("*.md"))]


def make_targets(root: Path = ROOT) -> set[str]:
    """Every target the Makefile and the *.mk files it includes define (plain names, not file rules)."""
    targets: set[str] = set()
    pending, seen = [root / "Makefile"], set()
    while pending:
        makefile = pending.pop()
        if makefile in seen or not makefile.is_file():
            continue
        seen.add(makefile)
        text = makefile.read_text(encoding="utf-8")
        for names in TARGET_LINE.findall(text):
            targets.update(name for name in names.split() if re.fullmatch(r"[\w.-]+", name))
        for included in INCLUDE.findall(text):
            for pattern in included.split():
                pending.extend(sorted(root.glob(pattern)) if any(c in pattern for c in "*?[") else [root / pattern])
    return targets


def repository_paths(root: Path = ROOT) -> tuple[set[str], set[str]]:
    """The repository's files and folders (relative, with /), and every tail of them (`strategies/x.md`)."""
    paths: set[str] = set()
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in NOT_SOURCES and not name.endswith(".egg-info")]
        base = Path(folder).relative_to(root)
        for name in [*subfolders, *files]:
            paths.add((base / name).as_posix())
    tails = {"/".join(parts[i:]) for path in paths for parts in [path.split("/")] for i in range(len(parts))}
    return paths, tails


def anchors(document: Path) -> set[str]:
    """The anchors GitHub gives a Markdown file's headings (lower case, punctuation dropped, - for spaces)."""
    text = FENCE.sub("", document.read_text(encoding="utf-8"))
    found: set[str] = set()
    for heading in re.findall(r"^#{1,6}[ \t]+(.+?)[ \t]*#*$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        number, anchor = 0, slug
        while anchor in found:
            number += 1
            anchor = f"{slug}-{number}"
        found.add(anchor)
    return found


def path_problem(document: Path, target: str, root: Path, tails: set[str], written: bool) -> str | None:
    """None when `target` names something that exists, else what is wrong. `written`: a Markdown link, which
    GitHub resolves from the document's folder, so it must exist from there or from the repository root.
    A page the document's own `make new-page NAME=x` example makes (x.md) is taken as made."""
    target = target.rstrip("/")
    if not target or (document.parent / target).exists() or (root / target).exists():
        return None
    if Path(target).suffix == ".md" and Path(target).stem in NEW_PAGE.findall(document.read_text(encoding="utf-8")):
        return None
    if written:
        return f"links to {target}, which does not exist"
    first = target.split("/")[0]
    if first in BUILT or target in tails:
        return None
    return f"names {target}, which is not in the repository"


def problems(root: Path = ROOT) -> list[str]:
    """Every mistake in the documents, one line each: the document, then what is wrong."""
    targets = make_targets(root)
    _, tails = repository_paths(root)
    found: list[str] = []
    for document in documents(root):
        name = document.relative_to(root).as_posix()
        text = document.read_text(encoding="utf-8")
        code = [*FENCE.findall(text), *CODE_SPAN.findall(FENCE.sub("", text))]
        prose = FENCE.sub("", text)
        for link in LINK.findall(prose):
            if re.match(r"^[a-z][a-z0-9+.-]*:", link):
                continue
            target, _, anchor = link.partition("#")
            target = target.split("?")[0]
            problem = path_problem(document, target, root, tails, written=True)
            if problem:
                found.append(f"{name}: {problem}")
                continue
            linked = document if not target else (document.parent / target)
            linked = linked if linked.exists() else root / target
            if anchor and linked.suffix == ".md" and anchor not in anchors(linked):
                found.append(f"{name}: links to {link}, but {linked.name} has no heading for #{anchor}")
        for span in CODE_SPAN.findall(prose):
            span = span.strip().rstrip(".,;:")
            if not PATH.match(span) or span.startswith("/") or NOT_FILES.match(span):
                continue
            if "/" not in span and ("." not in span or span.rsplit(".", 1)[-1] not in FILE_ENDINGS):
                continue  # a module name, a setting, a version: not a file
            problem = path_problem(document, span, root, tails, written=False)
            if problem:
                found.append(f"{name}: {problem}")
        for snippet in code:
            for _, target in MAKE.findall(snippet):
                if target and target not in targets:
                    found.append(f"{name}: names `make {target}`, which the Makefile does not define")
    return found


def who_problems(root: Path = ROOT) -> list[str]:
    """A handbook document opens with its title, then a line saying who it is for ("For ...")."""
    found = []
    for document in sorted((root / "handbook").glob("*.md")):
        lines = [line for line in document.read_text(encoding="utf-8").splitlines() if line.strip()]
        if len(lines) < 2 or not lines[0].startswith("# ") or not lines[1].startswith("For "):
            found.append(f"handbook/{document.name}: does not start with who it is for (a title, then 'For ...')")
    return found


def readme_problems(root: Path = ROOT) -> list[str]:
    readme = root / "README.md"
    text = readme.read_text(encoding="utf-8")
    found = []
    lines = len(text.splitlines())
    if lines > README_MAX_LINES:
        found.append(f"README.md: {lines} lines, more than {README_MAX_LINES}: move the detail into handbook/")
    linked = {(root / link.split("#")[0]).resolve() for link in LINK.findall(FENCE.sub("", text))}
    for document in sorted((root / "handbook").glob("*.md")):
        if document.resolve() not in linked:
            found.append(f"README.md: does not link handbook/{document.name}")
    return found


def test_every_file_and_make_target_the_documents_name_exists() -> None:
    assert problems() == []


def test_the_readme_is_short_and_links_every_handbook_document() -> None:
    assert (ROOT / "handbook").is_dir()
    assert readme_problems() == []


def test_every_handbook_document_starts_with_who_it_is_for() -> None:
    assert who_problems() == []


def test_the_make_targets_include_those_of_included_files(tmp_path: Path) -> None:
    (tmp_path / "Makefile").write_text(".PHONY: serve\nserve: deps\n\techo\n$(BIN)/.deps: x\ninclude extra.mk\n")
    (tmp_path / "extra.mk").write_text("zensical zensical-compare: FORCE\n\techo\nNAME := value\n")
    assert make_targets(tmp_path) == {".PHONY", "serve", "zensical", "zensical-compare"}
    assert {"serve", "test", "build", "check", "doctor"} <= make_targets()


def test_each_check_fails_on_a_broken_copy(tmp_path: Path) -> None:
    (tmp_path / "Makefile").write_text("serve:\n\techo\n")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "real.py").write_text("")
    (tmp_path / "handbook").mkdir()
    (tmp_path / "handbook" / "linked.md").write_text("# Linked\n\nFor developers.\n\nSee [the code](../src/real.py).\n")
    (tmp_path / "handbook" / "forgotten.md").write_text("# Forgotten\n\nThe architecture, for nobody.\n")
    (tmp_path / "CONTRIBUTING.md").write_text(
        "Run `make serve`, then `make test`.\n\n```sh\nmake PORT=8001 serve\nmake lint\n```\n"
        "Pages live in `docs/strategies/`; the model is in `src/real.py`, the checks in `src/checks.py`.\n"
        "The site is written to `site/index.html`; `legcramps.checks.rules` is a module, not a file.\n")
    (tmp_path / "README.md").write_text(
        "# X\n\n![picture](docs/missing.png) [handbook](handbook/linked.md) [ok](src/real.py#L1)"
        " [web](https://example.org/a.md) [here](#x) [top](#x-1) [gone](handbook/linked.md#setup)\n"
        + "line\n" * README_MAX_LINES)

    assert problems(tmp_path) == [
        "README.md: links to docs/missing.png, which does not exist",
        "README.md: links to #x-1, but README.md has no heading for #x-1",
        "README.md: links to handbook/linked.md#setup, but linked.md has no heading for #setup",
        "CONTRIBUTING.md: names docs/strategies, which is not in the repository",
        "CONTRIBUTING.md: names src/checks.py, which is not in the repository",
        "CONTRIBUTING.md: names `make lint`, which the Makefile does not define",
        "CONTRIBUTING.md: names `make test`, which the Makefile does not define",
    ]
    assert readme_problems(tmp_path) == [
        f"README.md: {README_MAX_LINES + 3} lines, more than {README_MAX_LINES}: move the detail into handbook/",
        "README.md: does not link handbook/forgotten.md",
    ]
    assert who_problems(tmp_path) == [
        "handbook/forgotten.md: does not start with who it is for (a title, then 'For ...')",
    ]
