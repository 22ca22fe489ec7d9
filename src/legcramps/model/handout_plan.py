"""What the handout lists, chosen by an editor in data/handout.yml: strategies, in order, and key sources."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from legcramps.errors import ContentError
from legcramps.model.datafile import line_of, read_data, require_mapping

# The handout's first page holds this many strategy rows on both papers (A4 and US Letter) with
# descriptions up to the 160-character limit. More would push "When to get help" off page 2.
MAX_STRATEGIES = 10
HANDOUT_PLAN_FILE = "data/handout.yml"


@dataclass(frozen=True)
class HandoutPlan:
    strategies: tuple[str, ...]  # page paths inside docs/, in the order printed
    sources: tuple[str, ...]  # citation keys
    text: str  # the file, for pointing at lines

    def line(self, entry: str) -> int | None:
        return entry_line(self.text, entry)


def entry_line(text: str, entry: str, occurrence: int = 1) -> int | None:
    """The line that lists `entry` (a page or a citation key) for the `occurrence`th time, outside comments."""
    listed = re.compile(rf"(^|[\s\[,'\"]){re.escape(entry)}($|[\s\],'\"])")
    for number, line in enumerate(text.splitlines(), start=1):
        if listed.search(line.split("#")[0]):
            occurrence -= 1
            if occurrence == 0:
                return number
    return None


def _keys(data: dict[str, object], name: str, example: str, text: str) -> tuple[str, ...]:
    value = data.get(name)
    if value is None:
        raise ContentError(f"'{name}' is missing, e.g. {name}: [{example}]")
    if not isinstance(value, list) or not value or not all(isinstance(item, str) for item in value):
        raise ContentError(f"'{name}' must be a list, e.g. {name}: [{example}]", line_of(text, name))
    return tuple(item.strip() for item in value)


def load_handout_plan(path: Path) -> HandoutPlan:
    data, text = read_data(path)
    data = require_mapping(data, "the file")
    unknown = sorted(set(data) - {"strategies", "sources"})
    if unknown:
        raise ContentError(f"unknown setting {unknown[0]!r} (use 'strategies' and 'sources')", line_of(text, unknown[0]))
    strategies = _keys(data, "strategies", "strategies/stretching.md, strategies/massage.md", text)
    if len(strategies) > MAX_STRATEGIES:
        extra = ", ".join(strategies[MAX_STRATEGIES:])
        raise ContentError(
            f"the handout holds at most {MAX_STRATEGIES} strategies and this lists {len(strategies)}: "
            f"remove {extra} (or another)",
            entry_line(text, strategies[MAX_STRATEGIES]),
        )
    duplicates = sorted({page for page in strategies if strategies.count(page) > 1})
    if duplicates:
        raise ContentError(f"'{duplicates[0]}' is listed twice under 'strategies': keep one",
                           entry_line(text, duplicates[0], occurrence=2) or line_of(text, "strategies"))
    return HandoutPlan(strategies, _keys(data, "sources", "nhs-leg-cramps, hawke2021", text), text)
