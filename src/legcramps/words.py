"""The reader-facing words of one edition (data/<language>/words.yml), checked once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from legcramps.datafile import line_of, read_data, require_mapping, require_text
from legcramps.errors import ContentError

TIER_KEYS = ("emergency", "urgent", "soon", "routine")
GRADE_KEYS = ("high", "moderate", "low", "very-low", "no-evidence", "no-benefit")


@dataclass(frozen=True)
class Words:
    tiers: dict[str, dict[str, str]]
    check_first: dict[str, Any]
    caution_title: str
    evidence: dict[str, str]
    grades: dict[str, dict[str, str]]
    footer: dict[str, str]
    overdue: dict[str, str]
    months: tuple[str, ...]
    date_format: str

    def long_date(self, day: date) -> str:
        """'20 November 2026' (the edition's own order and month names)."""
        return self.date_format.format(day=day.day, month=self.months[day.month - 1], year=day.year)


def load_words(path: Path) -> Words:
    data, text = read_data(path)
    data = require_mapping(data, "the file")
    for name in ("tiers", "check_first", "caution_title", "evidence", "grades", "footer", "overdue", "months"):
        if name not in data:
            raise ContentError(f"'{name}' is missing")
    tiers = require_mapping(data["tiers"], "tiers")
    for key in TIER_KEYS:
        tier = require_mapping(tiers.get(key), f"tiers.{key}")
        for part in ("title", "lead"):
            require_text(tier.get(part), f"tiers.{key}.{part}", line_of(text, key))
    grades = require_mapping(data["grades"], "grades")
    for key in GRADE_KEYS:
        grade = require_mapping(grades.get(key), f"grades.{key}")
        for part in ("label", "meaning"):
            require_text(grade.get(part), f"grades.{key}.{part}", line_of(text, key))
    months = data["months"]
    if not isinstance(months, list) or len(months) != 12:
        raise ContentError("'months' must list the 12 month names", line_of(text, "months"))
    return Words(
        tiers=tiers,
        check_first=require_mapping(data["check_first"], "check_first"),
        caution_title=require_text(data["caution_title"], "caution_title"),
        evidence=require_mapping(data["evidence"], "evidence"),
        grades=grades,
        footer=require_mapping(data["footer"], "footer"),
        overdue=require_mapping(data["overdue"], "overdue"),
        months=tuple(str(month) for month in months),
        date_format=str(data.get("date_format", "{day} {month} {year}")),
    )
