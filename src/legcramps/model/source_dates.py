"""Keeping sources current: when each source was last checked, and what needs checking again.

Each bibliography entry may carry (see CONTRIBUTING.md, "Keeping sources current"):

- `checked`: the day an editor last compared our wording with the source. Required for web pages.
- `source_reviewed`, `source_next_review`: the source's own dates, only where it shows them
  (YYYY-MM-DD, or YYYY-MM when the source gives only a month).
- `status` (journal articles): `current`, `superseded` (with `superseded_by`) or `retracted`, as
  seen on the `checked` day.

Every problem is one plain line, in one of three kinds:

- `error`: a mistake in the data, or a cited retracted article. Stops the build.
- `overdue`: our own check is older than CHECK_MAX_AGE. Like an overdue page review it is published
  and listed, and stops only a run that sets OVERDUE_FAILS=1 (the weekly scheduled check).
- `reminder`: printed by every build and shown on the editorial policy page, but never stops it.
  These depend on what publishers do (a page past its own review date, an old version, a newer
  version of a review), or give notice that a check falls due soon.

`legcramps.checks.rules` turns errors into build problems; the MkDocs hooks and `python -m legcramps check`
print the reminders.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from markupsafe import Markup

from legcramps.html import NOT_SEARCHED

if TYPE_CHECKING:  # citations imports this module for reference lists; no import cycle at run time
    from legcramps.model.citations import Source

CHECK_MAX_AGE = timedelta(days=365)  # the same yearly cycle as page reviews
DUE_SOON = timedelta(days=30)
OLD_VERSION = timedelta(days=5 * 365)  # a source whose own last review is older gets a reminder
STATUSES = ("current", "superseded", "retracted")
Kind = Literal["error", "overdue", "reminder"]

_PARTIAL = re.compile(r"^(\d{4})-(\d{2})$")
DayFormat = Callable[[date], str]


def long_date(day: date) -> str:
    """Dates in editor messages: '3 December 2026', unambiguous in every country (readers get the edition's)."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


@dataclass(frozen=True)
class DateProblem:
    key: str
    message: str  # for editors: what is wrong and what to do
    kind: Kind
    label: str = "needs_fixing"  # for readers of the editorial policy page: a key of words.yml `sources`
    label_date: str = ""  # the raw date the label names, shown in the edition's format
    field: str = ""  # the field of the entry the problem is in (its line is named), if one

    def line(self) -> str:
        return f"source '{self.key}': {self.message}"


def parse_day(value: str) -> tuple[date, bool] | None:
    """(day, whole date given) for YYYY-MM-DD or YYYY-MM; None if unreadable."""
    partial = _PARTIAL.match(value)
    try:
        if partial:
            return date(int(partial[1]), int(partial[2]), 1), False
        return date.fromisoformat(value), True
    except ValueError:
        return None


def show_day(value: str, day_format: DayFormat = long_date, month_format: DayFormat | None = None) -> str:
    """'14 November 2018' (or the edition's `day_format`), 'September 2012' for a month-only date
    (`month_format`); the text itself if unreadable."""
    parsed = parse_day(value)
    if parsed is None:
        return value
    day, whole = parsed
    if whole:
        return day_format(day)
    return month_format(day) if month_format else f"{day.strftime('%B')} {day.year}"


def is_web(source: Source) -> bool:
    return not source.journal


def problems_for(source: Source, today: date) -> list[DateProblem]:
    """Every problem with one source's dates and status, checked against `today`."""
    found: list[DateProblem] = []

    def add(kind: Kind, message: str, label: str = "needs_fixing", label_date: str = "", field: str = "") -> None:
        found.append(DateProblem(source.key, message, kind, label, label_date, field))

    days: dict[str, date] = {}
    for name in ("checked", "source_reviewed", "source_next_review"):
        value = getattr(source, name)
        if not value:
            continue
        parsed = parse_day(value)
        if parsed is None or (name == "checked" and not parsed[1]):
            form = "YYYY-MM-DD" if name == "checked" else "YYYY-MM-DD or YYYY-MM"
            add("error", f"'{name}' must be a date written {form}, got {value!r}", field=name)
        else:
            days[name] = parsed[0]
    if source.status and source.status not in STATUSES:
        add("error", f"unknown status {source.status!r} (use one of: {', '.join(STATUSES)})", field="status")
    if source.status == "superseded" and not source.superseded_by:
        add("error", "status 'superseded' needs 'superseded_by': the newer version")
    if source.status == "retracted":
        add("error", "this article has been retracted: stop citing it and remove it", "retracted")
    checked = days.get("checked")
    reviewed, next_review = days.get("source_reviewed"), days.get("source_next_review")
    if checked and checked > today:
        add("error", f"'checked' is in the future ({source.checked}): write the day you compared our wording with "
                     "the source", field="checked")
    if reviewed and next_review and next_review <= reviewed:
        add("error", "'source_next_review' must be later than 'source_reviewed'", field="source_next_review")
    if checked and reviewed and reviewed > checked:
        add("error", "'source_reviewed' is later than 'checked': record the day you looked at the source", field="checked")
    if found:
        return found
    if is_web(source) and checked is None:
        add("error", "web page with no 'checked' date: compare our wording with it, then add checked: YYYY-MM-DD")
    elif checked and is_web(source):
        due = checked + CHECK_MAX_AGE
        if due < today:
            add("overdue", f"last checked {long_date(checked)}: check it again and update 'checked'", "check_overdue")
        elif due - today <= DUE_SOON:
            add("reminder", f"check due by {long_date(due)}", "check_due", due.isoformat())
    if next_review and next_review < today:
        when = show_day(source.source_next_review)
        add("reminder", f"past its own review date ({when}): look for a newer version", "past_review",
            source.source_next_review)
    elif reviewed and not next_review and today - reviewed > OLD_VERSION:
        when = show_day(source.source_reviewed)
        add("reminder", f"the version we cite is from {when}: look for a newer one", "old_version",
            source.source_reviewed)
    if source.status == "superseded":
        add("reminder", f"a newer version exists ({source.superseded_by}): cite it instead", "superseded")
    return found


def source_problems(sources: Mapping[str, Source], today: date) -> list[DateProblem]:
    """Every problem in the bibliography, in bibliography order."""
    return [problem for source in sources.values() for problem in problems_for(source, today)]


def stops_the_build(problem: DateProblem, allow_overdue: bool = False) -> bool:
    return problem.kind == "error" or (problem.kind == "overdue" and not allow_overdue)


def reminder_problems(sources: Mapping[str, Source], today: date, allow_overdue: bool = False) -> list[DateProblem]:
    """The problems a build shows but does not stop for."""
    return [problem for problem in source_problems(sources, today) if not stops_the_build(problem, allow_overdue)]


def reminders(sources: Mapping[str, Source], today: date, allow_overdue: bool = False) -> list[str]:
    """The lines a build prints but does not stop for."""
    return [problem.line() for problem in reminder_problems(sources, today, allow_overdue)]


def dated_phrase(source: Source, words: Mapping[str, str], day_format: DayFormat, month_format: DayFormat) -> str:
    """The source's own dates for a reference list, e.g. 'Page dated 14 November 2018.'"""
    parts = []
    if source.source_reviewed:
        parts.append(words["page_dated"].format(date=show_day(source.source_reviewed, day_format, month_format)))
    if source.source_next_review:
        parts.append(words["next_review_due"].format(date=show_day(source.source_next_review, day_format, month_format)))
    return (", ".join(parts) + ".") if parts else ""


def _status_cell(source: Source, problems: Iterable[DateProblem], words: Mapping[str, str],
                 show: Callable[[str], str]) -> str:
    messages = [words[problem.label].format(date=show(problem.label_date), key=source.superseded_by)
                for problem in problems]
    if messages:
        return "; ".join(messages)
    if is_web(source):
        return words["ok_web"]
    return words["ok_journal"] if source.status == "current" else words["unknown"]


def render_source_table(sources: Mapping[str, Source], today: date, words: Mapping[str, str],
                        day_format: DayFormat, month_format: DayFormat) -> Markup:
    """An HTML table of every source with our last check, its own dates and its status, in the edition's
    words (words.yml `sources`) and date formats, so they match the pages' review dates."""

    def show(value: str) -> str:
        return show_day(value, day_format, month_format)

    rows = []
    for source in sources.values():
        own = []
        if source.source_reviewed:
            own.append(words["reviewed"].format(date=show(source.source_reviewed)))
        if source.source_next_review:
            own.append(words["next"].format(date=show(source.source_next_review)))
        where = source.publisher or source.journal
        cells = (
            f"{source.title} ({where}, {source.year})" if where else f"{source.title} ({source.year})",
            words["web"] if is_web(source) else words["journal"],
            show(source.checked) if source.checked else words["never"],
            "; ".join(own) or words["none"],
            _status_cell(source, problems_for(source, today), words, show),
        )
        row = Markup("").join(Markup("<td>{}</td>").format(cell) for cell in cells)
        rows.append(Markup('<tr id="source-{}">{}</tr>').format(source.key, row))
    columns = ("source", "type", "checked", "own", "status")
    head = Markup("").join(Markup('<th scope="col">{}</th>').format(words[name]) for name in columns)
    # class "references": like every page's source list, titles are the publishers' words; and like it,
    # left out of the search index
    return Markup(
        '<table class="references source-dates" {}><caption>{}</caption>'
        "<thead><tr>{}</tr></thead><tbody>{}</tbody></table>"
    ).format(Markup(NOT_SEARCHED), words["caption"], head, Markup("").join(rows))
