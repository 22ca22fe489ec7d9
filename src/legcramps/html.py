"""Small helpers for building escaped HTML fragments."""

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
