"""mkdocs.yml as an editor writes it: its YAML mistakes in one line (file, line, fix), before MkDocs reads it.

MkDocs' own reading of a broken config is a Python traceback naming `<unicode string>`, and YAML keeps
the last of two keys of one name without a word (a second `extra:` silently replaces the first). Every
build (tools/build_site.py, the MkDocs hooks, `python -m legcramps check`) reads the config here first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from legcramps.errors import ContentError, Problem, did_you_mean
from legcramps.model.yaml_text import KeyTwice, Loader, load_yaml


class ConfigLoader(Loader):
    """mkdocs.yml's tags (`!ENV`, `!!python/name:`) are only checked for YAML here, never run."""


def _ignored(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


ConfigLoader.add_multi_constructor("!", _ignored)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignored)


def _first_line(text: str, key: str, before: int) -> int | None:
    """The line (1 = the first) where `key:` is first written at the same indentation as on line `before`."""
    lines = text.splitlines()
    indent = re.match(r"[ ]*", lines[before - 1]).end() if before <= len(lines) else 0  # type: ignore[union-attr]
    pattern = re.compile(rf"^[ ]{{{indent}}}{re.escape(key)}\s*:")
    return next((number for number, line in enumerate(lines[: before - 1], start=1) if pattern.match(line)), None)


def yaml_problem(text: str, name: str) -> Problem | None:
    """The config's YAML mistake as one line, or None if the file reads."""
    try:
        yaml.load(text, Loader=ConfigLoader)  # noqa: S506 - a SafeLoader subclass
        return None
    except KeyTwice as twice:
        first = _first_line(text, twice.key, twice.line)
        where = f" (first on line {first})" if first else ""
        return Problem(name, f"'{twice.key}:' is written twice{where}: move the settings under this one into the first "
                             f"'{twice.key}:' and delete this line (YAML silently keeps only the last)", twice.line)
    except (yaml.YAMLError, ValueError):
        _, message, line = load_yaml(text, ConfigLoader)
        return Problem(name, message or "this file is not valid YAML", line)


def config_chain(config_file: Path) -> list[Path]:
    """The config and every file it INHERITs, the config first."""
    chain = [config_file]
    while True:
        try:
            data: Any = yaml.load(chain[-1].read_text(encoding="utf-8"), Loader=ConfigLoader)  # noqa: S506
        except (OSError, yaml.YAMLError, KeyTwice, ValueError):
            return chain
        parent = data.get("INHERIT") if isinstance(data, dict) else None
        if not parent or chain[-1].parent / str(parent) in chain:
            return chain
        chain.append(chain[-1].parent / str(parent))


def config_problems(config_file: Path) -> list[Problem]:
    """Each config file's YAML mistake (the config and what it INHERITs), named relative to the project."""
    problems = []
    for path in config_chain(config_file):
        if not path.is_file():
            problems.append(Problem(config_file.name, f"INHERIT names {path.name}, which is not a file in the project folder"))
            continue
        found = yaml_problem(path.read_text(encoding="utf-8"), path.name)
        if found:
            problems.append(found)
    return problems


def setting_line(text: str, keys: tuple[str, ...]) -> int | None:
    """The line (1 = the first) of a nested setting such as ("extra", "clinic", "phone"), or None."""
    lines = text.splitlines()
    start, indent, found = 0, -1, None
    for key in keys:
        found = None
        for number in range(start, len(lines)):
            line = lines[number]
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            depth = len(line) - len(line.lstrip(" "))
            if depth <= indent:
                break  # left the block of the key above
            if re.match(rf"{re.escape(key)}\s*:", line.lstrip(" ")):
                found, indent, start = number + 1, depth, number + 1
                break
        if found is None:
            return None
    return found


# The edition a build publishes, by name, for those who set it without editing code (SITE_EDITION, which the
# deploy workflow fills from the repository's Actions variable of that name): its config file.
EDITION_VARIABLE = "SITE_EDITION"
EDITION_CONFIGS = {"us": "mkdocs.yml", "uk": "mkdocs.en-gb.yml"}  # us: US English, with the Spanish edition in es/


def edition_config(environ: Mapping[str, str], default: str) -> str:
    """The config to build: SITE_EDITION's when set (an unknown name raises ContentError), else `default`."""
    chosen = str(environ.get(EDITION_VARIABLE) or "").strip().lower()
    if not chosen:
        return default
    if chosen not in EDITION_CONFIGS:
        raise ContentError(f"{EDITION_VARIABLE} is {chosen!r}, which is not an edition{did_you_mean(chosen, EDITION_CONFIGS)}",
                           where="environment")
    return EDITION_CONFIGS[chosen]
