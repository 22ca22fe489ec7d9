"""Text left in a page from the strategy template (`make new-page` copies templates/strategy.md).

The template's own words are its placeholders: its title, description and keywords, each sentence of
its prose and the text it puts in a macro (a caution). Headings, macros and links to other pages are
structure a page keeps. A page that still has one of those sentences is not finished.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

from legcramps.errors import Problem
from legcramps.model.page_model import split_front_matter
from legcramps.model.project import Page, Project

TEMPLATE = Path("templates") / "strategy.md"
_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_STRING = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'")
_LIST_MARK = re.compile(r"^\s*(?:\d+\.|[-*+])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _sentences(line: str) -> list[str]:
    """The sentences of one line of Markdown, and the text of any quoted macro argument that reads as prose."""
    found = [ast.literal_eval(text) for macro in _MACRO.findall(line) for text in _STRING.findall(macro)]
    prose = _LIST_MARK.sub("", _MACRO.sub(" ", line)).strip()
    if prose and not prose.startswith("#") and "](" not in prose:
        found += _SENTENCE_END.split(prose)
    return [" ".join(text.split()) for text in found if isinstance(text, str) and " " in text.strip()]


@lru_cache(maxsize=4)
def template_placeholders(template_text: str) -> frozenset[str]:
    data, body = split_front_matter(template_text)
    found = {str(data.get(name, "")) for name in ("title", "description")}
    found |= {str(keyword) for keyword in data.get("keywords") or ()}
    for line in body.splitlines():
        found.update(_sentences(line))
    return frozenset(text for text in found if text)


def placeholders_in(page: Page, placeholders: frozenset[str]) -> list[tuple[int, str]]:
    """(line, text) of each template placeholder still in the page, first line first."""
    found = []
    source_lines = page.source.splitlines()
    for name in ("title", "description", "keywords"):
        values = page.data.get(name)
        for value in values if isinstance(values, list) else [values]:
            if str(value) in placeholders:
                line = next((n for n, text in enumerate(source_lines, 1) if text.startswith(f"{name}:")), 1)
                found.append((line, str(value)))
    for number, line_text in enumerate(page.body.splitlines(), page.body_line + 1):
        found += [(number, text) for text in _sentences(line_text) if text in placeholders]
    return sorted(found)


def check_placeholders(project: Project) -> list[Problem]:
    template = project.settings.root / TEMPLATE
    if not template.is_file():  # a project without the template has no placeholders to leave behind
        return []
    placeholders = template_placeholders(template.read_text(encoding="utf-8"))
    problems = []
    for src, page in project.pages.items():
        found = placeholders_in(page, placeholders)
        if found:
            line, text = found[0]
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            problems.append(Problem(project.docs_path(src), f"text from the page template is still here: '{text}'{more}: "
                                                            f"write this page's own words in its place", line))
    return problems
