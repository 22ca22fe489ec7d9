"""The bibliography (one data file) and per-page numbered citations with a reference list."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from legcramps.errors import ContentError, did_you_mean
from legcramps.html import NOT_SEARCHED
from legcramps.model.datafile import field_lines, line_of, read_data

_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# `language`: set only for a source in another language than English (e.g. es for MedlinePlus en
# español): only that language's edition must cite it.
_FIELDS = ("authors", "title", "journal", "publisher", "year", "volume", "doi", "pmid", "url", "note", "language")
# When the source was last checked, and its own dates and status: rules in source_dates.py.
_DATE_FIELDS = ("checked", "source_reviewed", "source_next_review", "status", "superseded_by")


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    year: int
    authors: str = ""
    journal: str = ""
    publisher: str = ""
    volume: str = ""
    doi: str = ""
    pmid: str = ""
    url: str = ""
    note: str = ""
    language: str = ""  # empty: English
    checked: str = ""
    source_reviewed: str = ""
    source_next_review: str = ""
    status: str = ""
    superseded_by: str = ""
    line: int | None = field(default=None, compare=False)  # where data/bibliography.yml defines it
    field_lines: dict[str, int] = field(default_factory=dict, compare=False)  # and each of its fields

    def line_of(self, name: str) -> int | None:
        """The line of one of its fields (a mistake in a date is named there), else of the entry."""
        return self.field_lines.get(name, self.line)

    def links(self, web_label: str = "Web page") -> list[tuple[str, str]]:
        """(label, address) pairs: DOI, PubMed, then the web page."""
        found = []
        if self.doi:
            found.append((f"doi:{self.doi}", f"https://doi.org/{self.doi}"))
        if self.pmid:
            found.append((f"PubMed {self.pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"))
        if self.url:
            found.append((web_label, self.url))
        return found

    def html(self, dated: str = "", web_label: str = "Web page") -> Markup:
        """One reference in a Vancouver-like style; `dated` is the source's own dates in the edition's words."""
        parts = []
        if self.authors:
            parts.append(f"{escape(self.authors.rstrip('.'))}.")
        title = escape(self.title.rstrip("."))
        # A title in another language is marked so screen readers pronounce it right (WCAG 3.1.2).
        parts.append(f'<span lang="{escape(self.language)}">{title}</span>.' if self.language else f"{title}.")
        where = self.journal or self.publisher
        if where:
            detail = f"{self.year}" + (f";{self.volume}" if self.volume else "")
            parts.append(f"<em>{escape(where)}</em>. {escape(detail)}.")
        else:
            parts.append(f"{self.year}.")
        if self.note:
            parts.append(f"{escape(self.note.rstrip('.'))}.")
        if dated:
            parts.append(str(escape(dated)))
        links = " ".join(f'<a href="{escape(href)}">{escape(label)}</a>' for label, href in self.links(web_label))
        return Markup(" ".join(parts) + (f" {links}" if links else ""))


class FieldMistake(ContentError):
    """A mistake in one field of an entry (misspelt, unknown, or its value): named on the field's own line."""

    def __init__(self, message: str, name: str) -> None:
        super().__init__(message)
        self.name = name


def parse_source(key: object, raw: object) -> Source:
    if not isinstance(key, str) or not _KEY.match(key):
        raise ContentError(f"citation key {key!r} must be lower-case letters, digits and hyphens")
    if not isinstance(raw, dict):
        raise ContentError(f"entry {key!r} must be a mapping of fields")
    unknown = [name for name in raw if name not in _FIELDS + _DATE_FIELDS]
    if unknown:
        name = str(unknown[0])
        hint = did_you_mean(name, _FIELDS + _DATE_FIELDS) or f" (the fields are: {', '.join(_FIELDS + _DATE_FIELDS)})"
        raise FieldMistake(f"entry {key!r} has an unknown field {name!r}{hint}", name)
    values: dict[str, Any] = {
        name: str(raw[name]).strip() for name in _FIELDS + _DATE_FIELDS if raw.get(name) not in (None, "")
    }
    for name in ("title", "year"):
        if name not in values:
            raise ContentError(f"entry {key!r} is missing {name!r}")
    if not re.fullmatch(r"(19|20)\d\d", values["year"]):
        raise FieldMistake(f"entry {key!r}: year must be four digits, got {values['year']!r}", "year")
    if "authors" not in values and "publisher" not in values:
        raise ContentError(f"entry {key!r} needs 'authors' or 'publisher'")
    if not any(name in values for name in ("doi", "pmid", "url")):
        raise ContentError(f"entry {key!r} needs at least one of 'doi', 'pmid' or 'url'")
    if "language" in values and not re.fullmatch(r"[a-z]{2}", values["language"]):
        raise FieldMistake(f"entry {key!r}: language must be a two-letter code such as es, got {values['language']!r}",
                           "language")
    if "pmid" in values and not values["pmid"].isdigit():
        raise FieldMistake(f"entry {key!r}: pmid must be the PubMed number alone, digits only, got {values['pmid']!r}", "pmid")
    if "doi" in values and not values["doi"].startswith("10."):
        raise FieldMistake(f"entry {key!r}: doi must start with '10.' (write only the part from 10., without "
                           f"https://doi.org/), got {values['doi']!r}", "doi")
    if "doi" in values and re.search(r"\s", values["doi"]):  # the link would break where the space is
        raise FieldMistake(f"entry {key!r}: a doi has no spaces, got {values['doi']!r}: copy it again from the source", "doi")
    if "url" in values and not values["url"].startswith("https://"):
        raise FieldMistake(f"entry {key!r}: url must start with https://", "url")
    if "url" in values and re.search(r"\s", values["url"]):
        raise FieldMistake(f"entry {key!r}: a url has no spaces, got {values['url']!r}: copy it again from the source", "url")
    year = int(values.pop("year"))
    return Source(key=key, year=year, **values)


def load_bibliography(path: Path) -> dict[str, Source]:
    """Read and check every entry of the bibliography file."""
    raw, text = read_data(path)
    if not isinstance(raw, dict):
        raise ContentError("the bibliography must map citation keys to entries")
    sources = {}
    lines = text.splitlines()
    for key, entry in raw.items():
        line = line_of(text, str(key))
        fields = field_lines(lines, line)
        try:
            sources[key] = replace(parse_source(key, entry), line=line, field_lines=fields)
        except FieldMistake as error:
            raise ContentError(error.message, fields.get(error.name, line)) from None
        except ContentError as error:
            raise ContentError(error.message, line) from None
    return sources


@dataclass
class PageCitations:
    """The sources one page cites, numbered in order of first citation."""

    bibliography: dict[str, Source]
    link_title: str = "Source {number}"  # the words file's footer.source_title
    dated: Callable[[Source], str] = lambda source: ""  # the source's own dates, in the edition's words
    web_label: str = "Web page"  # the words file's sources.web_link
    order: list[str] = field(default_factory=list)

    def cite(self, keys: tuple[object, ...]) -> Markup:
        if not keys:
            raise ContentError('cite() needs at least one citation key, e.g. cite("hawke2021")')
        links = []
        for key in keys:
            if key not in self.bibliography:
                raise ContentError(
                    f"unknown citation key {key!r}{did_you_mean(key, self.bibliography)}: "
                    "use the key of the entry in data/bibliography.yml"
                )
            assert isinstance(key, str)
            if key not in self.order:
                self.order.append(key)
            number = self.order.index(key) + 1
            title = escape(self.link_title.replace("{number}", str(number)))
            links.append(f'<a href="#ref-{key}" title="{title}">{number}</a>')
        return Markup(f'<sup class="citation" {NOT_SEARCHED}>[{", ".join(links)}]</sup>')

    def references(self) -> Markup:
        """The page's numbered source list, or nothing if it cites nothing."""
        if not self.order:
            return Markup("")
        items = "".join(
            f'<li id="ref-{key}">{self.bibliography[key].html(self.dated(self.bibliography[key]), self.web_label)}</li>'
            for key in self.order
        )
        return Markup(f'<ol class="references">{items}</ol>')
