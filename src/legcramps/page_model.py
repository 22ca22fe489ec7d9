"""The page model: the front matter every page carries, checked in one place.

All pages need a title, a one-line description, lay keywords, review dates and related pages.
Pages in `strategies/` are strategy pages: they also carry an evidence grade (`grade`) and must follow the
strategy template's sections in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

import yaml

from legcramps.errors import ContentError
from legcramps.evidence import get_grade

STRATEGY_DIR = "strategies/"
STRATEGY_SECTIONS = (
    "What to do",
    "Why it might help",
    "What the evidence says",
    "Safety",
    "When to get help",
)
DESCRIPTION_MAX = 160

# Fields the page model owns, and theme fields editors may also set.
_MODEL_FIELDS = {"title", "description", "keywords", "reviewed", "next_review", "related", "grade"}
_THEME_FIELDS = {"hide", "search", "template", "render_macros"}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same result, faster
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

    @property
    def is_strategy(self) -> bool:
        return self.src_path.startswith(STRATEGY_DIR)

    def is_overdue(self, today: date) -> bool:
        return self.next_review < today


def split_front_matter(source: str) -> tuple[dict[str, Any], str]:
    """Parse the YAML block at the top of a page; return (fields, body)."""
    match = _FRONT_MATTER.match(source)
    if not match:
        raise ContentError("front matter is missing: start the page with a --- block (see templates/strategy.md)")
    try:
        data = yaml.load(match.group(1) or "", Loader=_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise ContentError(f"malformed YAML front matter{where}: {getattr(error, 'problem', error)}") from None
    except ValueError as error:  # e.g. an impossible date such as 2026-13-01
        raise ContentError(f"malformed front matter: {error}") from None
    if not isinstance(data, dict):
        raise ContentError("front matter must be a list of 'field: value' lines")
    return data, source[match.end():]


def _text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"field '{name}' is required and must be text")
    return value.strip()


def _date(data: Mapping[str, Any], name: str) -> date:
    value = data.get(name)
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ContentError(f"field '{name}' must be a date written YYYY-MM-DD, got {value!r}")


def _text_list(data: Mapping[str, Any], name: str) -> tuple[str, ...]:
    value = data.get(name)
    if not isinstance(value, list) or not value:
        raise ContentError(f"field '{name}' must be a non-empty list, e.g. {name}: [one, two]")
    if not all(isinstance(item, str) and item.strip() for item in value):
        raise ContentError(f"field '{name}' must list text items only")
    return tuple(item.strip() for item in value)


def parse_page_meta(src_path: str, data: Mapping[str, Any]) -> PageMeta:
    """Check one page's front matter; raise ContentError naming the field."""
    unknown = sorted(set(data) - _MODEL_FIELDS - _THEME_FIELDS)
    if unknown == ["evidence"]:
        raise ContentError("front matter field 'evidence' is called 'grade', e.g. grade: low")
    if unknown:
        raise ContentError(f"unknown front matter field '{unknown[0]}' (check the spelling)")
    description = _text(data, "description")
    if len(description) > DESCRIPTION_MAX:
        raise ContentError(f"field 'description' is {len(description)} characters; keep it to {DESCRIPTION_MAX}")
    meta = PageMeta(
        src_path=src_path,
        title=_text(data, "title"),
        description=description,
        keywords=_text_list(data, "keywords"),
        reviewed=_date(data, "reviewed"),
        next_review=_date(data, "next_review"),
        related=_text_list(data, "related"),
        grade=data.get("grade"),
    )
    if meta.next_review <= meta.reviewed:
        raise ContentError("field 'next_review' must be later than 'reviewed'")
    if meta.is_strategy:
        if meta.grade is None:
            raise ContentError("field 'grade' is required on strategy pages")
        try:
            get_grade(meta.grade)
        except ContentError as error:
            raise ContentError(f"field 'grade': {error}") from None
    elif meta.grade is not None:
        raise ContentError("field 'grade' belongs on strategy pages only (docs/strategies/)")
    if src_path in meta.related:
        raise ContentError("field 'related' lists the page itself")
    return meta


def check_strategy_sections(body: str) -> None:
    """A strategy page must have the template's second-level headings, in order."""
    headings = [h.strip() for h in re.findall(r"^##[ \t]+([^#\n]+?)[ \t#]*$", body, re.MULTILINE)]
    wanted = [h for h in headings if h in STRATEGY_SECTIONS]
    missing = [s for s in STRATEGY_SECTIONS if s not in headings]
    if missing:
        raise ContentError(f"strategy page is missing the section '## {missing[0]}' (see templates/strategy.md)")
    if wanted != list(STRATEGY_SECTIONS):
        raise ContentError(f"strategy page sections must come in this order: {', '.join(STRATEGY_SECTIONS)}")
