"""Small helpers for building escaped HTML fragments."""

import re

from markupsafe import Markup, escape

from legcramps.errors import ContentError


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
