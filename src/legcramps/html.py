"""Small helpers for building escaped HTML fragments."""

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
