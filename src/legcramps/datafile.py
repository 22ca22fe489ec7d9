"""Load one of the project's YAML data files, turning any mistake into a ContentError with a line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from legcramps.errors import ContentError
from legcramps.yaml_text import load_yaml


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
    pattern = re.compile(rf"^[ \t]*(-[ \t]*)?['\"]?{re.escape(key)}['\"]?[ \t]*:", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def require_mapping(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ContentError(f"{what} must be a list of 'name: value' lines")
    return value


def require_text(value: object, what: str, line: int | None = None) -> str:
    if value is None:
        raise ContentError(f"{what} is missing", line)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{what} must be text", line)
    return value.strip()
