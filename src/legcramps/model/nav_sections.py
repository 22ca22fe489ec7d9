"""The sections of mkdocs.yml's `nav`, for the lists of strategies that pages show.

Strategies are grouped by theme into nav sections, each with an index page (its first child, named
index.md, as Material's navigation.indexes reads it). A group's index page lists its strategies; the
strategies' own index lists the groups. Both read the groups from here, so the navigation is the
one place a strategy's group is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class NavSection:
    title: str
    index: str | None  # the section's own page (first child, index.md), if it has one
    children: tuple[str | NavSection, ...]  # pages (docs/ paths) and sections, in nav order, index excluded

    @property
    def sections(self) -> tuple[NavSection, ...]:
        return tuple(child for child in self.children if isinstance(child, NavSection))

    def pages(self) -> Iterator[str]:
        """Every page in the section, nested sections' included (their index pages too), in nav order."""
        for child in self.children:
            if isinstance(child, NavSection):
                if child.index:
                    yield child.index
                yield from child.pages()
            else:
                yield child

    def find(self, index: str) -> NavSection | None:
        """The section (this one or any below it) whose index page is `index`."""
        if self.index == index:
            return self
        return next((found for section in self.sections if (found := section.find(index))), None)


def _page(item: object) -> str | None:
    if isinstance(item, dict) and len(item) == 1:
        item = next(iter(item.values()))
    if isinstance(item, str) and item.endswith(".md") and "://" not in item:
        return item
    return None


def _section(title: str, items: list[object]) -> NavSection:
    children: list[str | NavSection] = []
    for item in items:
        if isinstance(item, dict) and len(item) == 1 and isinstance(next(iter(item.values())), list):
            name, value = next(iter(item.items()))
            children.append(_section(str(name), value))
        elif (page := _page(item)) is not None:
            children.append(page)
    first = children[0] if children else None
    index = first if isinstance(first, str) and first.rsplit("/", 1)[-1] == "index.md" else None
    return NavSection(title, index, tuple(children[1:] if index else children))


def written_nav(nav: object) -> list[object]:
    """`nav` as mkdocs.yml writes it. MkDocs hands the hooks that; Zensical hands Python its resolved
    navigation ({"title", "url", "children", ...} per item), which is turned back into the same form."""
    def item(entry: object) -> object:
        if not (isinstance(entry, dict) and "children" in entry and "url" in entry):
            return entry
        if entry["children"]:
            return {str(entry.get("title") or ""): [item(child) for child in entry["children"]]}
        return {str(entry["title"]): entry["url"]} if entry.get("title") else entry["url"]

    return [item(entry) for entry in nav] if isinstance(nav, list) else []


def nav_tree(nav: object) -> NavSection:
    """The whole navigation as one untitled section."""
    return _section("", nav if isinstance(nav, list) else [])


def nav_paths(nav: object) -> list[str]:
    """Every page of `nav`, in order: the one reading of the navigation that page order, the
    nav check and the editions' comparison share with the strategy groups."""
    root = nav_tree(nav)
    return ([root.index] if root.index else []) + list(root.pages())
