"""The page model: the front matter every page carries, checked in one place.

All pages need a title, a one-line description, lay keywords, review dates and related pages.
Pages in `strategies/` are strategy pages: they also carry an evidence grade (`grade`) and must follow the
strategy template's sections in order (their headings are the edition's words: strategy_sections in words.yml),
and may be `featured` on the home page. An `index.md` there is not a strategy: it is the page of a group
of strategies (a section of the navigation).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from legcramps.errors import ContentError, did_you_mean
from legcramps.model.datafile import line_of
from legcramps.model.evidence import grade_key
from legcramps.model.yaml_text import load_yaml

STRATEGY_DIR = "strategies/"
DESCRIPTION_MAX = 160

# Fields the page model owns, and theme fields editors may also set.
_MODEL_FIELDS = {"title", "description", "keywords", "reviewed", "next_review", "related", "grade", "featured",
                 "translation"}
_THEME_FIELDS = {"hide", "search", "template", "render_macros"}
_FRONT_MATTER = re.compile(r"^---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


@dataclass(frozen=True)
class PageMeta:
    src_path: str
    title: str
    description: str
    keywords: tuple[str, ...]
    reviewed: date
    next_review: date
    related: tuple[str, ...]
    grade: str | None = None
    featured: bool = False  # on the home page's short list

    @property
    def is_strategy(self) -> bool:
        return is_strategy_path(self.src_path)

    def is_overdue(self, today: date) -> bool:
        return self.next_review < today


def is_strategy_path(src_path: str) -> bool:
    """A page in strategies/ (or a folder in it), but not the index page of strategies or of a group."""
    return src_path.startswith(STRATEGY_DIR) and src_path.rsplit("/", 1)[-1] != "index.md"


def split_front_matter(source: str) -> tuple[dict[str, Any], str]:
    """Parse the YAML block at the top of a page; return (fields, body).

    A mistake's line is the line in the page file (the opening --- is line 1).
    """
    match = _FRONT_MATTER.match(source)
    if not match:
        raise ContentError("front matter is missing: start the page with a --- block (see templates/strategy.md)", 1)
    data, message, line = load_yaml(match.group(1) or "")
    if message:
        raise ContentError(message, line + 1 if line else None)
    if not isinstance(data, dict):
        raise ContentError("front matter must be a list of 'field: value' lines", 2)
    return data, source[match.end():]


def front_matter_text(source: str) -> str:
    """The page's front matter block as written (with its --- lines), or "" if it has none."""
    match = _FRONT_MATTER.match(source)
    return match.group(0) if match else ""


def body_offset(source: str, body: str) -> int:
    """How many lines of the page come before its body (front matter), for line numbers."""
    return source.count("\n") - body.count("\n")


def _line(data: Mapping[str, Any], name: str) -> int | None:
    """The field's line in the page file; for a field not written, the closing --- (where it goes)."""
    text = data.get("__text__")
    if not isinstance(text, str):
        return None
    found = line_of(text, name)
    return found + 1 if found else text.rstrip("\n").count("\n") + 3


def _text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    if value is None:
        raise ContentError(f"field '{name}' is missing (see templates/strategy.md)", _line(data, name))
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"field '{name}' must be text", _line(data, name))
    return value.strip()


def _date(data: Mapping[str, Any], name: str) -> date:
    value = data.get(name)
    if isinstance(value, date):
        return value
    if value is None:
        raise ContentError(f"field '{name}' is missing: write the date as YYYY-MM-DD", _line(data, name))
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ContentError(f"field '{name}' must be a date written YYYY-MM-DD, not {value!r}", _line(data, name))


def _text_list(data: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = data.get(name)
    if value is None:
        raise ContentError(f"field '{name}' is missing, e.g. {name}: [one, two]", _line(data, name))
    if not isinstance(value, list) or not value:
        raise ContentError(f"field '{name}' must be a list, e.g. {name}: [one, two]", _line(data, name))
    if not all(isinstance(item, str) and item.strip() for item in value):
        raise ContentError(f"field '{name}' must list text items only", _line(data, name))
    return tuple(item.strip() for item in value)


def parse_page_meta(src_path: str, data: Mapping[str, Any], front_matter: str = "") -> PageMeta:
    """Check one page's front matter; raise ContentError naming the field and its line.

    `front_matter` is the raw YAML text, used only to point at the right line.
    """
    data = {**data, "__text__": front_matter}
    unknown = sorted(set(data) - _MODEL_FIELDS - _THEME_FIELDS - {"__text__"})
    if unknown == ["evidence"]:
        raise ContentError("front matter field 'evidence' is called 'grade', e.g. grade: low", _line(data, "evidence"))
    if unknown:
        hint = did_you_mean(unknown[0], sorted(_MODEL_FIELDS | _THEME_FIELDS))
        raise ContentError(f"unknown front matter field '{unknown[0]}'{hint}", _line(data, unknown[0]))
    description = _text(data, "description")
    if len(description) > DESCRIPTION_MAX:
        raise ContentError(
            f"field 'description' is {len(description)} characters; keep it to {DESCRIPTION_MAX}",
            _line(data, "description"),
        )
    grade = data.get("grade")
    meta = PageMeta(
        src_path=src_path,
        title=_text(data, "title"),
        description=description,
        keywords=_text_list(data, "keywords"),
        reviewed=_date(data, "reviewed"),
        next_review=_date(data, "next_review"),
        related=_text_list(data, "related"),
        grade=None,
    )
    if meta.next_review <= meta.reviewed:
        raise ContentError("field 'next_review' must be later than 'reviewed'", _line(data, "next_review"))
    if meta.is_strategy:
        if grade is None:
            raise ContentError("field 'grade' is missing: strategy pages need one, e.g. grade: low")
        try:
            meta = replace(meta, grade=grade_key(grade))
        except ContentError as error:
            raise ContentError(f"field 'grade': {error}", _line(data, "grade")) from None
    elif grade is not None:
        raise ContentError("field 'grade' belongs on strategy pages only (docs/strategies/)", _line(data, "grade"))
    featured = data.get("featured", False)
    if not isinstance(featured, bool):
        raise ContentError("field 'featured' must be true or false", _line(data, "featured"))
    if featured and not meta.is_strategy:
        raise ContentError("field 'featured' belongs on strategy pages only (docs/strategies/)", _line(data, "featured"))
    meta = replace(meta, featured=featured)
    if src_path in meta.related:
        raise ContentError("field 'related' lists the page itself", _line(data, "related"))
    return meta


def check_strategy_sections(body: str, sections: Sequence[str]) -> None:
    """A strategy page must have the template's second-level headings (`sections`, the edition's words), in order.

    A heading may end with an explicit anchor, e.g. `## Qué hacer { #what-to-do }`.
    """
    headings = [h.strip() for h in re.findall(r"^##[ \t]+([^#\n{]+?)[ \t#]*(?:\{[^}\n]*\}[ \t]*)?$", body, re.MULTILINE)]
    wanted = [h for h in headings if h in sections]
    missing = [s for s in sections if s not in headings]
    if missing:
        raise ContentError(f"strategy page is missing the section '## {missing[0]}' (see templates/strategy.md)")
    if wanted != list(sections):
        raise ContentError(f"strategy page sections must come in this order: {', '.join(sections)}")
