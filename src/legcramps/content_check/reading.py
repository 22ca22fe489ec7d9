"""`check`'s reading measures, with the pages that passed remembered (`check` runs on every save).

Measuring costs about 2 s (Python-Markdown, and textstat's English word list loads in 1.5 s), so a page
that passed is remembered in .cache/check/ by everything its measure depends on: its rendered text,
the edition, the spelling, the Markdown settings, this code and textstat's version. A page that fails
is measured again each time, for its message.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from legcramps.checks import readability
from legcramps.checks.readability import reading_problem
from legcramps.content_check import page_text
from legcramps.content_check.page_text import PageText
from legcramps.errors import Problem
from legcramps.session import Build

CACHE_DIR = Path(".cache") / "check"


def _code_digest() -> str:
    digest = hashlib.sha256()
    for module in (readability, page_text):
        digest.update(Path(str(module.__file__)).read_bytes())
    with contextlib.suppress(PackageNotFoundError):  # missing: reading_problem says so
        digest.update(version("textstat").encode())
    return digest.hexdigest()


def _read(path: Path) -> set[str]:
    try:
        passed = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return set(passed) if isinstance(passed, list) else set()


def sentence_line(source: str, sentence: str) -> int | None:
    """The line of a page that writes a sentence of its text (links and emphasis aside), if written there."""
    words = re.findall(r"\w+", sentence)[:5]
    if not words:
        return None
    pattern = re.compile(r"\W+(?:[^\s\w]*)".join(map(re.escape, words)))
    found = pattern.search(source)
    return source.count("\n", 0, found.start()) + 1 if found else None


def check_reading(build: Build) -> list[Problem]:
    project = build.project
    pages = PageText(build)
    shared = hashlib.sha256(repr((_code_digest(), project.settings.language, project.spelling, pages.extensions)).encode())
    cache = project.settings.root / CACHE_DIR / f"reading-{project.settings.config_name}.json"
    known, passed, problems = _read(cache), [], []
    for src, source in pages.sources():
        key = shared.copy()
        key.update(f"\0{src}\0{project.pages[src].meta.title}\0{source}".encode())
        if key.hexdigest() in known:
            passed.append(key.hexdigest())
            continue
        found = reading_problem(project.settings.language, src, pages.text(src, source))
        if found is None:
            passed.append(key.hexdigest())
            continue
        line = sentence_line(project.pages[src].source, found.sentence) or project.pages[src].body_line + 1
        problems.append(Problem(project.docs_path(src), found.message, line))
    if set(passed) != known:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_text(json.dumps(sorted(passed)), encoding="utf-8")
        except OSError:
            pass  # a folder that cannot be written: every page is measured again next time, nothing worse
    return problems
