"""The cramp diary: a one-page sheet to fill in by hand for a week and take to the doctor.

Its words are data (data/<language>/diary.yml): the title, a line on how to fill it in, the column
headings with an optional hint under each, and a line on bringing it to the appointment. The columns
and their order are fixed here (`COLUMNS`), so every edition asks for the same things; a missing or
unknown column, or a placeholder other than {doctor}, stops the build naming the file and line.
Drawn by the handout's machinery (templates/handout/diary.html), never from Markdown.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any

from legcramps.errors import ContentError, Problem, did_you_mean
from legcramps.handout.content import HandoutContent, HandoutError, address_of
from legcramps.model.datafile import line_of, read_data, require_mapping, require_text
from legcramps.model.project import Project

DIARY_FILE = "diary.yml"  # in the edition's words folder, data/<language>/
# What the doctor asks about (docs/seeing-a-doctor.md), one column each, in this order.
COLUMNS = ("date", "time", "where", "how_long", "helped", "medicines_drinks", "exercise")
TEXTS = ("title", "heading", "intro", "bring")
ROWS = 7  # a week, one row a day
_PLACEHOLDERS = ("doctor",)


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    hint: str  # "" when the file gives none


@dataclass(frozen=True)
class Diary:
    texts: dict[str, str]  # TEXTS, {doctor} filled in
    columns: tuple[Column, ...]


def load_diary(project: Project) -> Diary:
    """The diary's words for this edition, checked; a mistake is one line naming the file and line."""
    try:
        return _read(project)
    except ContentError as error:
        raise HandoutError(str(_problem(project, error))) from None


def diary_problems(project: Project) -> list[Problem]:
    """The same mistakes for `python -m legcramps check`, which draws no PDF."""
    try:
        _read(project)
    except ContentError as error:
        return [_problem(project, error)]
    return []


def _read(project: Project) -> Diary:
    data, text = read_data(project.settings.words_dir / DIARY_FILE)
    return _diary(require_mapping(data, "the file"), text, project.care.doctor)


def _problem(project: Project, error: ContentError) -> Problem:
    return Problem(project.rel(project.settings.words_dir / DIARY_FILE), error.message, error.line)


def _fill(value: object, what: str, text: str, doctor: str) -> str:
    """The text of one entry ("intro", "columns.where"), checked, with {doctor} filled in."""
    parts = what.split(".")
    line = line_of(text, parts[-1]) or line_of(text, parts[0])  # a missing entry: its section's line
    said = require_text(value, what, line)
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(said) if name is not None]
    except ValueError:
        raise ContentError(f"{what} has a {{ without its }}: write the placeholder as {{doctor}}", line) from None
    for name in names:
        if name not in _PLACEHOLDERS:
            raise ContentError(f"{what} has an unknown placeholder {{{name}}} (use {{doctor}})", line)
    return said.format(doctor=doctor)


def _diary(data: dict[str, Any], text: str, doctor: str) -> Diary:
    known = {*TEXTS, "columns", "hints"}
    for key in data:
        if key not in known:
            raise ContentError(f"unknown entry '{key}'{did_you_mean(key, sorted(known))}", line_of(text, str(key)))
    texts = {name: _fill(data.get(name), name, text, doctor) for name in TEXTS}
    headings = require_mapping(data.get("columns"), "columns")
    hints = require_mapping(data.get("hints") or {}, "hints")
    for group, found in (("columns", headings), ("hints", hints)):
        for key in found:
            if key not in COLUMNS:
                raise ContentError(f"{group} has an unknown column '{key}'{did_you_mean(key, COLUMNS)}",
                                   line_of(text, str(key)))
    columns = tuple(
        Column(key, _fill(headings.get(key), f"columns.{key}", text, doctor),
               _fill(hints[key], f"hints.{key}", text, doctor) if key in hints else "")
        for key in COLUMNS
    )
    return Diary(texts, columns)


def diary_context(diary: Diary, content: HandoutContent) -> dict[str, Any]:
    """What templates/handout/diary.html renders: the diary's words and the site's name and address."""
    return {
        "lang": content.words.locale,
        "d": diary.texts,
        "columns": diary.columns,
        "rows": range(ROWS),
        "site_name": content.site_name,
        "site_url": content.site_url,
        "site_address": address_of(content.site_url),
        "from_site": content.words.handout["from_site"].format(site_name=content.site_name),
        "licence": content.words.handout["licence"],  # the handout's own licence line, as every PDF says it
    }
