"""Wide tables as named, keyboard-reachable regions in the HTML the build writes (a Markdown extension).

A table wider than the screen scrolls sideways. A keyboard must reach it to scroll it (WCAG 2.1.1; axe:
scrollable-region-focusable) and a screen reader needs its name. Material's script wraps every table
without a class in `div.md-typeset__scrollwrap > div.md-typeset__table` once it starts, after the first
paint; until then the table scrolled by itself, unreachable and unnamed. This extension writes the
wrapper at build time instead, already a focusable region named by the table's caption or the heading
above it, so the accessible state is there from the first paint, with JavaScript off and under a strict
Content-Security-Policy (no script needed).

Material still wraps the table again when it starts (its selector is `table:not([class])`, and a class
would lose its table styles): `docs/stylesheets/site.css` makes that inner wrapper `display: contents`,
so the build's region stays the one box that scrolls. `docs/javascripts/scroll-regions.js` then takes
the tab stop and the landmark off a region that does not scroll at the reader's width, and puts them
back when it does. mkdocs.yml lists this module under `markdown_extensions`; Zensical loads it too.
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, SubElement

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

# After Python-Markdown's toc (5), which gives headings their ids; before unescape (0).
PRIORITY = 4
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
WRAP_CLASS = "md-typeset__scrollwrap"  # Material's names (its templates/table): its CSS styles these
TABLE_CLASS = "md-typeset__table"
MARK = "data-table-region"  # what scroll-regions.js looks for


def text_of(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def unique_id(wanted: str, taken: set[str]) -> str:
    found, number = wanted, 1
    while found in taken:
        number += 1
        found = f"{wanted}-{number}"
    taken.add(found)
    return found


def fallback_name(table: Element) -> str:
    """With no caption and no heading above: the column headings, "Medicine, What it is for", else the first
    row's cells: words of the page itself, so every edition names its tables in its own language."""
    row = next(table.iter("tr"), None)
    cells = [text_of(cell) for cell in table.iter("th")] or ([text_of(cell) for cell in row] if row is not None else [])
    return ", ".join(cell for cell in cells if cell)


class TableRegions(Treeprocessor):
    def run(self, root: Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        taken = {key for element in root.iter() if (key := element.get("id"))}
        tables: list[tuple[Element, Element | None]] = []
        heading: Element | None = None
        for element in root.iter():  # document order: the last heading before each table is "the heading above"
            if element.tag in HEADINGS:
                heading = element
            elif element.tag == "table" and not element.get("class"):
                parent = parents.get(element)
                if parent is not None and parent.get("class") != TABLE_CLASS:
                    tables.append((element, heading))
        names_used: dict[str, int] = {}
        for table, above in tables:
            self.wrap(table, parents[table], above, taken, names_used)

    def wrap(
        self, table: Element, parent: Element, above: Element | None, taken: set[str], names_used: dict[str, int]
    ) -> None:
        region = Element("div", {"class": WRAP_CLASS, "role": "region", "tabindex": "0", MARK: ""})
        caption = table.find("caption")
        label = caption if caption is not None else above
        if label is not None and not label.get("id"):
            label.set("id", unique_id("table-caption" if label is caption else "table-heading", taken))
        key = label.get("id", "") if label is not None else fallback_name(table)
        if not key:  # a table with no words at all has nothing to scroll to or name
            return
        names_used[key] = names_used.get(key, 0) + 1
        if label is not None and names_used[key] == 1:
            region.set("aria-labelledby", key)
        else:  # a second table under the same heading: region names must differ (axe: landmark-unique)
            name = text_of(label) if label is not None else key
            region.set("aria-label", name if names_used[key] == 1 else f"{name} ({names_used[key]})")
        index = list(parent).index(table)
        parent.remove(table)
        region.tail, table.tail = table.tail, None
        SubElement(region, "div", {"class": TABLE_CLASS}).append(table)
        parent.insert(index, region)


class TableRegionsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(TableRegions(md), "legcramps_table_regions", PRIORITY)


def makeExtension(**kwargs: Any) -> TableRegionsExtension:  # noqa: N802 - Python-Markdown's entry point
    return TableRegionsExtension(**kwargs)
