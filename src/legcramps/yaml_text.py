"""Read YAML that editors write (front matter and data files) and explain mistakes in plain words.

PyYAML's messages speak parser ("mapping values are not allowed here"); editors get the line of
the mistake itself and what to change.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same result, faster


def _plain(error: yaml.YAMLError, text: str) -> tuple[str, int | None]:
    problem = str(getattr(error, "problem", "") or error)
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    lines = text.splitlines()
    if "mapping values are not allowed" in problem and line:
        if line >= 2 and lines[line - 1][:1] in " \t" and lines[line - 2][:1] not in " \t":
            return "this line is indented: start every field at the beginning of the line", line
        return 'the value has a colon in it: put the whole value in quotes, e.g. title: "Cramps: what to do"', line
    if ("expected <document start>" in problem or "expected <block end>" in problem
            or "expected key" in problem) and line:
        # The parser notices one line late: point at the last indented line before it.
        for number in range(line - 1, 0, -1):
            candidate = lines[number - 1] if number - 1 < len(lines) else ""
            if candidate.strip() and candidate[:1] in " \t" and not candidate.lstrip().startswith("-"):
                return "this line is indented: start every field at the beginning of the line", number
        return "the lines here are not lined up: start every field at the beginning of the line", line
    if "found character '\\t'" in problem:
        return "a tab character: use spaces, not tabs", line
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return "a quote is opened but never closed: close it with the same quote mark", line
    if "while scanning a quoted scalar" in str(error) or "expected the node content" in problem:
        return "a value is not written correctly: put it in quotes", line
    return f"this line is not valid YAML ({problem}): check quotes, colons and indentation", line


def load_yaml(text: str) -> tuple[Any, str | None, int | None]:
    """(data, None, None), or (None, plain message, line of the mistake) when the YAML is broken."""
    try:
        return yaml.load(text, Loader=_LOADER), None, None
    except yaml.YAMLError as error:
        message, line = _plain(error, text)
        return None, message, line
    except ValueError as error:  # e.g. an impossible date such as 2026-13-01
        return None, f"a value cannot be read: {error}", None
