"""Page footers under Zensical, from the same build the MkDocs hook uses.

mkdocs.yml lists this Python-Markdown extension under `markdown_extensions`, which both engines
load. Zensical ignores `hooks:` but hands every Markdown extension the page it is rendering (its
rendering-context preprocessor); there this extension appends what `hooks/site_hooks.py` appends
under MkDocs: the overdue banner (previews only) and the footer (related pages, sources, review
dates). Under MkDocs there is no such context and it does nothing, so no page gets its footer twice.

The lay keywords are not passed on as `tags`: Zensical 0.0.73's search does not search tags (only
title, text and path) and lists them as filter buttons, which would show readers the misspellings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from legcramps.engines.macros_module import page_src
from legcramps.model.settings import settings_from_config
from legcramps.session import current_build

# Zensical's macros preprocessor runs at 35; Python-Markdown's whitespace (30) and raw-HTML (20)
# preprocessors must still see the footer, as they see it when the MkDocs hook appends it.
PRIORITY = 34


def zensical_context(md: Markdown) -> Any | None:
    """Zensical's rendering context (`.page`, `.config`) for this Markdown run, or None elsewhere."""
    try:
        from zensical.extensions.context import ContextPreprocessor
    except ImportError:  # MkDocs' environment: Zensical is not installed
        return None
    return ContextPreprocessor.from_markdown(md)


class FooterPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        context = zensical_context(self.md)
        if context is None:
            return lines
        config = context.config
        build = current_build(settings_from_config(config, Path(config["root_dir"]).resolve()))
        src = page_src(context.page)
        if src not in build.project.pages:  # the model reads every docs/*.md: an engine mismatch
            raise RuntimeError(f"docs/{src}: Zensical renders a page the project model does not know")
        banner, footer = build.page_frame(src)
        return [*banner.split("\n"), *lines, *footer.split("\n")]


class FooterExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(FooterPreprocessor(md), "legcramps_footer", PRIORITY)


def makeExtension(**kwargs: Any) -> FooterExtension:  # noqa: N802 - Python-Markdown's entry point
    return FooterExtension(**kwargs)
