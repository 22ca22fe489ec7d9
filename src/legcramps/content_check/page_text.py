"""The text of each page as a reader sees it, made without a site engine (for `check`'s reading measures).

The page's rendered Markdown, with what every engine adds around it (the footer, and a translation's
note), is turned into HTML by Python-Markdown with the extensions the site's config lists, as MkDocs
does; the edition's spelling is applied and, as Material does, the title becomes the heading when the
page has none. tests/test_readability_agrees.py proves this text is the built page's, page by page.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from html import escape
from typing import TYPE_CHECKING, Any

from legcramps.checks.readability import article_text
from legcramps.model.settings import config_value
from legcramps.session import Build

if TYPE_CHECKING:
    from markdown import Markdown

MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")  # what MkDocs always adds to the config's list


def _extensions(build: Build) -> tuple[list[str], dict[str, Any]]:
    settings = build.settings
    listed = config_value(settings.root / settings.config_name, "markdown_extensions") or []
    names, configs = list(MKDOCS_EXTENSIONS), {}
    for item in listed:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (str(item), None)
        if name == "legcramps.engines.footer_extension":  # Zensical's route to the footers: nothing under MkDocs
            continue
        if name not in names:
            names.append(name)
        if options:
            configs[name] = options
    return names, configs


# The same Markdown with the same extensions always makes the same HTML: each is made once per process, so
# the anchors and the reading measures share it, and a process that checks again (the tests check a copy of
# the project with one page changed, many times over) converts only what changed. A few MB at most.
_CONVERTERS: dict[str, Markdown] = {}  # one Python-Markdown per set of extensions, made on first use


@lru_cache(maxsize=1024)
def _html(extensions: str, source: str) -> str:
    return str(_CONVERTERS[extensions].reset().convert(source))


class PageText:
    """Turns pages of one edition into the text a reader reads. Python-Markdown is set up on first use, once
    per process for each set of extensions."""

    def __init__(self, build: Build) -> None:
        self.build = build
        self.extensions = _extensions(build)
        self._key = repr(self.extensions)

    def sources(self) -> Iterator[tuple[str, str]]:
        """(src, what the engine converts: the rendered page and its footer) of every page that rendered;
        pages with a mistake already reported are left out."""
        for src in self.build.checks.rendered:
            source = self.source(src)
            if source is not None:
                yield src, source

    def source(self, src: str) -> str | None:
        """What the engine converts for one page, or None if it did not render or has a mistake reported."""
        build, project = self.build, self.build.project
        rendered = build.checks.rendered.get(src)
        if rendered is None or (build.edition is not None and src not in build.edition.status):
            return None  # not rendered, or its translation fields are wrong: reported already
        if not all(target in project.pages for target in project.pages[src].meta.related):
            return None  # its footer names a page with a mistake of its own, reported already
        _, footer = build.page_frame(src)  # the overdue banner shows only in previews, never in CI
        return rendered.markdown + footer

    def html(self, source: str) -> str:
        """The page's HTML as the engine makes it from its Markdown (before the theme and the spelling)."""
        if self._key not in _CONVERTERS:  # loaded only when a page must be made into HTML
            from markdown import Markdown

            names, configs = self.extensions
            _CONVERTERS[self._key] = Markdown(extensions=names, extension_configs=configs)
        return _html(self._key, source)

    def text(self, src: str, source: str) -> str:
        html = self.html(source)
        if "<h1" not in html:
            html = f"<h1>{escape(self.build.project.pages[src].meta.title)}</h1>\n{html}"
        return article_text(f"<article>{self.build.project.spelling.html(html)}</article>")


def page_texts(build: Build) -> Iterator[tuple[str, str]]:
    """(src, article text) of every page that rendered."""
    pages = PageText(build)
    for src, source in pages.sources():
        yield src, pages.text(src, source)
