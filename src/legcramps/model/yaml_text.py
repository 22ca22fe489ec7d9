"""Read YAML that editors write (front matter and data files) and explain mistakes in plain words.

PyYAML's messages speak parser ("mapping values are not allowed here") and often point past the
mistake; editors get the line of the mistake itself and what to change.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from datetime import date
from typing import Any

import yaml

try:  # libyaml when present: same result, several times faster
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class SafeLoader(_SafeLoader):
    """PyYAML's safe loader, on libyaml when present: for every YAML file the project reads (mkdocs.yml
    included, read on every build and check), so none is parsed by the slow pure-Python loader."""


class KeyTwice(Exception):
    def __init__(self, key: str, line: int) -> None:
        super().__init__(key)
        self.key, self.line = key, line


class Loader(SafeLoader):
    """Refuses a key written twice. YAML would keep only the last one: a bibliography entry copied with
    its key unchanged would silently replace the source that pages cite."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        seen: set[str] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise KeyTwice(key_node.value, key_node.start_mark.line + 1)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep)


INDENTED = "this line is indented: start every field at the beginning of the line"
NOT_LINED_UP = "this line is not lined up with the lines above it: use the same indentation as its neighbours"
COLON = 'the value has a colon in it: put the whole value in quotes, e.g. title: "Cramps: what to do"'
_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def colon_message(line: str) -> str:
    """The colon's fix with the writer's own words: `title: Warmth: use it` -> `title: "Warmth: use it"`."""
    match = re.match(r"\s*(-\s+)?([\w.-]+):\s+(.*?)\s*(#.*)?$", line)
    if not match or not match.group(3):
        return COLON
    value = match.group(3).replace('"', "'")
    return f'the value has a colon in it: put the whole value in quotes, {match.group(2)}: "{value}"'


def _content_indent(line: str) -> int:
    """Where a line's field starts: after the spaces, and after '- ' for a list item."""
    match = re.match(r"[ ]*(?:-[ ]+)*", line)
    return match.end() if match else 0


def _indented_by_mistake(lines: list[str], line: int) -> bool:
    """True if the line is indented deeper than the line above allows (that line opens no block)."""
    above = next((text for text in reversed(lines[: line - 1]) if text.strip() and not text.lstrip().startswith("#")), "")
    current = lines[line - 1] if line - 1 < len(lines) else ""
    indent = len(current) - len(current.lstrip(" "))
    opens_block = above.split(" #")[0].rstrip().endswith((":", "|", ">", "|-", ">-"))
    return indent > _content_indent(above) and not opens_block


def _unclosed_quote(lines: list[str], line: int) -> int | None:
    """The nearest line at or above `line` whose value opens a quote that the line does not close."""
    for number in range(min(line, len(lines)), 0, -1):
        match = re.match(r"\s*(?:-\s+)?[\w.-]+:\s+([\"'])(.*)$", lines[number - 1])
        if match and match.group(1) not in match.group(2):
            return number
    return None


def _plain(error: yaml.YAMLError, text: str) -> tuple[str, int | None]:
    problem = str(getattr(error, "problem", "") or error)
    context = str(getattr(error, "context", "") or "")
    mark = getattr(error, "problem_mark", None)
    start = getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    opened = start.line + 1 if start is not None else line
    lines = text.splitlines()
    indent = lines[line - 1][: len(lines[line - 1]) - len(lines[line - 1].lstrip())] if line and line <= len(lines) else ""
    # libyaml names the tab only in some places ("found character that cannot start any token" in others)
    if "tab character" in problem or "found character '\\t'" in problem or "\t" in indent:
        return "a tab character: use spaces, not tabs", line
    if "quoted scalar" in context:  # the parser reads on to the end: point at the opening quote
        return "a quote is opened but never closed: close it with the same quote mark", opened
    if "could not find expected ':'" in problem and start is not None:  # a line of words with no "name:"
        return "this line has no name and colon: write it as name: words, like the lines around it", opened
    if "flow sequence" in context:
        return "a list opened with [ is not closed: end it with ], e.g. keywords: [one, two]", opened
    if "flow mapping" in context:
        return "a { is not closed with }: put a value that starts with { in quotes", opened
    if not line:
        return f"this file is not valid YAML ({problem}): check quotes, colons and indentation", None
    if "mapping values are not allowed" in problem:
        return (INDENTED if _indented_by_mistake(lines, line) else colon_message(lines[line - 1])), line
    if "document start" in problem:
        # The parser notices only after an indented first field: point at the first indented line.
        first = line
        while first > 1 and lines[first - 2][:1] in (" ", "\t"):
            first -= 1
        return INDENTED, first
    if "expected key" in problem or "expected <block end>" in problem:
        current = lines[line - 1] if line - 1 < len(lines) else ""
        if not current[:1].isspace() and re.search(r":\s*[\"'].*[\"']\s*\S", current):
            return "text after the closing quote: put the whole value inside the quotes", line
        unclosed = _unclosed_quote(lines, line)
        if unclosed:  # the quoted value ran on into the lines below, and the parser stopped there
            return "a quote is opened but never closed: close it with the same quote mark", unclosed
        return (INDENTED if _indented_by_mistake(lines, line) else NOT_LINED_UP), line
    if "cannot start any token" in problem or "undefined alias" in problem or "expected the node content" in problem:
        return "the value starts with a sign YAML keeps for itself (such as @ ` % * & !): put it in quotes", line
    return f"this line is not valid YAML ({problem}): check quotes, colons and indentation", line


def _impossible_date(text: str) -> tuple[str, int | None]:
    for number, line in enumerate(text.splitlines(), start=1):
        for written in _DATE.findall(line.split(" #")[0]):
            try:
                date.fromisoformat(written)
            except ValueError:
                return f"the date {written} does not exist: write a real date as YYYY-MM-DD", number
    return "a value cannot be read: check the dates (YYYY-MM-DD) and numbers", None


def load_yaml(text: str, loader: type[Loader] = Loader) -> tuple[Any, str | None, int | None]:
    """(data, None, None), or (None, plain message, line of the mistake) when the YAML is broken.
    `loader` may be a subclass of this module's loader (mkdocs.yml's tags: legcramps.model.config_file)."""
    try:
        return yaml.load(text, Loader=loader), None, None  # noqa: S506 - a SafeLoader
    except KeyTwice as twice:
        return None, f"'{twice.key}' is written twice: keep one (YAML would silently use only the last)", twice.line
    except yaml.YAMLError as error:
        message, line = _plain(error, text)
        return None, message, line
    except ValueError:  # e.g. an impossible date such as 2026-13-01
        message, line = _impossible_date(text)
        return None, message, line
