"""`check`'s anchors: each `#...` a link names must be an id of the target page's HTML, made from the page's
Markdown and footer with the site's Markdown extensions, as its reading measures are (page_text) and as
MkDocs makes it. The build leaves anchors to MkDocs, which checks them on the same HTML; where each link
goes is checked in both (legcramps.checks.links).
"""

from __future__ import annotations

from legcramps.checks.links import check_anchors, html_ids
from legcramps.content_check.page_text import PageText
from legcramps.errors import Problem
from legcramps.session import Build


def check_anchor_links(build: Build) -> list[Problem]:
    project, pages = build.project, PageText(build)
    ids: dict[str, set[str] | None] = {}

    def anchors_of(src: str) -> set[str] | None:
        """None for a page whose ids are not known: it did not render, or its footer names a page with a
        mistake of its own (that mistake is the one to report)."""
        if src not in ids:
            page = project.pages.get(src)
            source = pages.source(src) if page and all(map(project.pages.__contains__, page.meta.related)) else None
            ids[src] = html_ids(pages.html(source)) if source is not None else None
        return ids[src]

    return check_anchors(project, anchors_of)
