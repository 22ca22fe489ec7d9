"""The reader-facing words of one edition (data/<language>/words.yml), checked once."""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_skeleton

from legcramps.errors import ContentError, closest, did_you_mean
from legcramps.model.care import CareSettings
from legcramps.model.datafile import line_of, line_under, read_data, require_mapping, require_text

TIER_KEYS = ("emergency", "urgent", "soon", "routine")
GRADE_KEYS = ("high", "moderate", "low", "very-low", "no-evidence", "no-benefit")
# The strategy template's second-level headings, in the order a page must give them; the headings
# themselves are words of the edition (strategy_sections in words.yml).
STRATEGY_SECTION_KEYS = ("what-to-do", "why-it-might-help", "what-the-evidence-says", "safety", "when-to-get-help")
SECTIONS = ("tiers", "check_first", "caution_title", "evidence", "grades", "footer", "overdue", "handout", "edition",
            "site", "sources", "strategy_sections", "cards", "sign_answer")
# The words the macros, page footers and preview banner look up: a deleted one is an editor's mistake, not a crash.
_LOOKED_UP = {
    "check_first": ("title", "lead"),
    "evidence": ("label", "label_for"),
    "footer": ("related", "sources", "reviewed", "source_title"),
    "overdue": ("title", "text"),
    "cards": ("see_all",),
}
# The {placeholders} each word may use: a mistyped one is named here instead of crashing every page.
_CARE_NAMES = tuple(CareSettings.__dataclass_fields__)
_PLACEHOLDERS = {
    "evidence.label_for": ("context",),
    "footer.reviewed": ("reviewed", "next_review"),
    "footer.source_title": ("number",),
    "overdue.title": ("date",),
    "cards.see_all": ("count",),
}
_HANDOUT_NAMES = ("site_name", "site_address", "doctor")  # filled in by the handout (handout_content.py)


def _check_placeholders(value: str, allowed: tuple[str, ...], what: str, text: str, near: int | None) -> None:
    """`near` is the line of the word's section; the mistake is named on the first line after it that shows it."""

    def line(needle: str) -> int | None:
        lines = text.splitlines()
        start = (near or 1) - 1
        return next((number for number in range(start, len(lines)) if needle in lines[number]), start) + 1

    try:
        names = [name for _, name, _, _ in string.Formatter().parse(value) if name is not None]
    except ValueError:
        raise ContentError(f"{what} has a {{ without its }}: write placeholders like {{{allowed[0]}}}",
                           line(value.split("\n")[0])) from None
    for name in names:
        if name not in allowed:
            raise ContentError(f"{what} has an unknown placeholder {{{name}}}{did_you_mean(name, allowed)}",
                               line("{" + name))


@dataclass(frozen=True)
class Words:
    tiers: dict[str, dict[str, str]]
    check_first: dict[str, Any]
    caution_title: str
    evidence: dict[str, str]
    grades: dict[str, dict[str, str]]
    footer: dict[str, str]
    overdue: dict[str, str]
    handout: dict[str, str]
    edition: dict[str, str]
    site: dict[str, str]  # for the theme templates (overrides/), through config.extra.words
    strategy_sections: tuple[str, ...]  # the strategy pages' headings, in STRATEGY_SECTION_KEYS order
    sources: dict[str, str]  # source lists and the editorial policy's table
    cards: dict[str, str]  # the lists of strategies (strategy_groups)
    locale: str  # e.g. en-US, en-GB, es-US: dates are written the edition's way
    sign_answer: str = "{sign}"  # a warning sign as search answers it: "{title}: {sign}" (the tier's title)

    def long_date(self, day: date) -> str:
        """'November 20, 2026', '20 November 2026', '20 de noviembre de 2026': Babel, per locale."""
        return _long_date(day, self.locale.replace("-", "_"))

    def month_date(self, day: date) -> str:
        """'September 2012', 'septiembre de 2012': for sources dated by month only."""
        return _month_date(day, self.locale.replace("-", "_"))


# The same few review and source dates are written on many pages: Babel formats each once.
@lru_cache(maxsize=1024)
def _long_date(day: date, locale: str) -> str:
    return format_date(day, format="long", locale=locale)


@lru_cache(maxsize=1024)
def _month_date(day: date, locale: str) -> str:
    return format_skeleton("yMMMM", day, locale=locale)


def load_words(path: Path, locale: str = "en-US") -> Words:
    data, text = read_data(path)
    data = require_mapping(data, "the file")
    unknown = [str(name) for name in data if name not in SECTIONS]
    for name in SECTIONS:
        if name not in data:
            wrong = closest(name, unknown)
            if wrong:  # a misspelt name: point at it
                raise ContentError(f"'{wrong}' is not a name this file uses: write '{name}'", line_of(text, wrong))
            raise ContentError(f"'{name}' is missing: add it at the end of the file, with its words, as every "
                               "edition's words.yml has it", text.count("\n") or 1)
    tiers = require_mapping(data["tiers"], "tiers")
    for key in TIER_KEYS:
        tier = require_mapping(tiers.get(key), f"tiers.{key}")
        for part in ("title", "lead"):
            require_text(tier.get(part), f"tiers.{key}.{part}", line_of(text, key))
        for part in ("title", "lead", "lead_with_number"):
            if part in tier:
                _check_placeholders(str(tier[part]), _CARE_NAMES, f"tiers.{key}.{part}", text, line_of(text, key))
    grades = require_mapping(data["grades"], "grades")
    for key in GRADE_KEYS:
        grade = require_mapping(grades.get(key), f"grades.{key}")
        for part in ("label", "meaning"):
            require_text(grade.get(part), f"grades.{key}.{part}", line_of(text, key))
    for section, parts in _LOOKED_UP.items():
        found = require_mapping(data[section], section)
        for part in parts:
            said = require_text(found.get(part), f"{section}.{part}", line_under(text, section, part))
            allowed = _PLACEHOLDERS.get(f"{section}.{part}", ())
            _check_placeholders(said, allowed, f"{section}.{part}", text, line_of(text, section))
    for group, said in require_mapping(data["check_first"].get("groups"), "check_first.groups").items():
        require_text(said, f"check_first.groups.{group}", line_of(text, str(group)))
    found_sections = require_mapping(data["strategy_sections"], "strategy_sections")
    sections = tuple(require_text(found_sections.get(key), f"strategy_sections.{key}", line_under(text, "strategy_sections", key))
                     for key in STRATEGY_SECTION_KEYS)
    for name, said in require_mapping(data["handout"], "handout").items():
        _check_placeholders(str(said), _HANDOUT_NAMES, f"handout.{name}", text, line_of(text, "handout"))
    return Words(
        tiers=tiers,
        check_first=require_mapping(data["check_first"], "check_first"),
        caution_title=require_text(data["caution_title"], "caution_title", line_of(text, "caution_title")),
        evidence=require_mapping(data["evidence"], "evidence"),
        grades=grades,
        footer=require_mapping(data["footer"], "footer"),
        overdue=require_mapping(data["overdue"], "overdue"),
        handout=require_mapping(data["handout"], "handout"),
        edition=require_mapping(data["edition"], "edition"),
        site=require_mapping(data["site"], "site"),
        strategy_sections=sections,
        sources=require_mapping(data["sources"], "sources"),
        cards=require_mapping(data["cards"], "cards"),
        locale=locale,
        sign_answer=_sign_answer(data["sign_answer"], text),
    )


def _sign_answer(value: object, text: str) -> str:
    said = require_text(value, "sign_answer", line_of(text, "sign_answer"))
    _check_placeholders(said, ("title", "sign"), "sign_answer", text, line_of(text, "sign_answer"))
    if "{sign}" not in said:
        raise ContentError("sign_answer must show the sign: write {sign}, e.g. \"{title}: {sign}\"",
                           line_of(text, "sign_answer"))
    return said
