"""Small helpers for building escaped HTML fragments."""

import re

from markupsafe import Markup, escape

from legcramps.errors import ContentError

# Material for MkDocs leaves an element marked with this attribute (a heading marked with it: its whole
# section) out of its search index, then removes the attribute from the page. Marked: what carries no
# words of its own (citation numbers), repeats other pages (strategy cards, related pages, grade meanings)
# or is a list of sources. The page shows them all the same; other engines ignore the attribute.
NOT_SEARCHED = 'data-search-exclude="true"'  # with a value: Material strips only valued data-search-* attributes


def text(value: object, what: str = "text") -> Markup:
    """Escape an editor's text argument: it is shown exactly as written, never as markup."""
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{what} must be non-empty text in quotes, got {value!r}")
    return escape(value.strip())


def one_line(html: str) -> Markup:
    """Join an HTML fragment onto one line so Markdown keeps it as one raw HTML block."""
    return Markup("".join(line.strip() for line in html.splitlines()))


# Theme templates leave whole lines of indentation wherever a loop or a condition printed nothing:
# Material's navigation loops over every page of a collapsed section, so they grow with the site.
# Runs of blank lines become one line break; text in <pre>, <textarea>, <script> and <style> is kept.
_KEPT_OR_BLANK = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|\n[ \t]*(?:\n[ \t]*)+", re.DOTALL | re.IGNORECASE)


def drop_blank_lines(html: str) -> str:
    """The same page without its empty lines: it renders the same (white space between tags collapses)."""
    return _KEPT_OR_BLANK.sub(lambda match: match.group(1) or "\n", html)


# With navigation.indexes, Material names a section's navigation after the section's toggle, which
# holds only an icon (the title is in the link next to it): every such <nav> landmark has an empty
# name, two of them on a page are indistinguishable (axe: landmark-unique). Name each after the
# section's title, which the theme prints as the first thing inside it.
_UNNAMED_SECTION_NAV = re.compile(
    r'(<nav class="md-nav" data-md-level="\d+") aria-labelledby="[^"]*"'
    r'(\s+aria-expanded="\w+">\s*<label class="md-nav__title" for="[^"]*">\s*<span class="md-nav__icon md-icon"></span>\s*)'
    r"([^<]+?)(\s*</label>)"
)


def name_section_navs(html: str) -> str:
    """Each section's <nav> named by the section's title (aria-label) instead of its icon-only toggle."""

    def named(match: re.Match[str]) -> str:
        title = match.group(3).strip().replace('"', "&quot;")
        return f'{match.group(1)} aria-label="{title}"{match.group(2)}{match.group(3)}{match.group(4)}'

    return _UNNAMED_SECTION_NAV.sub(named, html)
