"""Load one of the project's YAML data files, turning any mistake into a ContentError with a line."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from legcramps.errors import ContentError
from legcramps.model.yaml_text import load_yaml


def read_data(path: Path) -> tuple[Any, str]:
    """(data, text) of a YAML data file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError("file not found") from None
    data, message, line = load_yaml(text)
    if message:
        raise ContentError(message, line)
    return data, text


def line_of(text: str, key: str) -> int | None:
    """The first line that starts an entry called `key` (for pointing an editor at it)."""
    if ":" in key or "'" in key or '"' in key:  # rare: the one-off pattern below reads these exactly
        pattern = re.compile(rf"^[ \t]*(-[ \t]*)?['\"]?{re.escape(key)}['\"]?[ \t]*:", re.MULTILINE)
        match = pattern.search(text)
        return text.count("\n", 0, match.start()) + 1 if match else None
    return _entry_lines(text).get(key)


def field_lines(lines: list[str], start: int | None) -> dict[str, int]:
    """Each name written inside the top-level entry that starts on line `start`, with its first line, up to the
    next top-level entry (a name of the same spelling elsewhere in the file is not it)."""
    found: dict[str, int] = {}
    for number in range(start or len(lines), len(lines)):
        line = lines[number]
        if line[:1] not in ("", " ", "\t", "#"):
            break  # the next top-level entry: this one has ended
        name = line.strip().split(":", 1)[0].strip("'\"")
        if ":" in line and name and not name.startswith("#"):
            found.setdefault(name, number + 1)
    return found


def line_under(text: str, section: str, key: str) -> int | None:
    """The line of `key` inside the top-level `section`, else the section's own line, where a missing key goes."""
    start = line_of(text, section)
    return field_lines(text.splitlines(), start).get(key, start)


_ENTRY = re.compile(r"^[ \t]*(-[ \t]*)?([^:\n]*):", re.MULTILINE)


@lru_cache(maxsize=16)
def _entry_lines(text: str) -> dict[str, int]:
    """Every entry name of a file with the first line it starts on, read in one pass.

    The checks point at dozens of entries per file; one pass instead of one pattern per entry keeps
    reading the project fast. A name is what comes before the line's first colon (optionally after
    "- "), with or without its quotes.
    """
    lines: dict[str, int] = {}
    line, counted = 1, 0
    for match in _ENTRY.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        names = [match.group(2).rstrip(" \t")]
        if match.group(1):  # "-key:" also names "-key" (the dash read as part of the name)
            names.append((match.group(1) + match.group(2)).rstrip(" \t"))
        for name in names:
            for candidate in (name, name[1:], name[:-1], name[1:-1]) if name[:1] in "'\"" or name[-1:] in "'\"" else (name,):
                lines.setdefault(candidate, line)
    return lines


def require_mapping(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ContentError(f"{what} must be a list of 'name: value' lines")
    return value


def require_text(value: object, what: str, line: int | None = None) -> str:
    if value is None:  # not written, or written with nothing after its colon
        raise ContentError(f"{what} is missing or empty: write the words readers see there", line)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{what} must be text", line)
    return value.strip()
