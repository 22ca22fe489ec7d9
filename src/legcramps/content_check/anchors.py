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
    pages = PageText(build)
    ids: dict[str, set[str] | None] = {}

    def anchors_of(src: str) -> set[str] | None:
        """None for a page whose HTML is not known yet (PageText.source: a mistake is reported first)."""
        if src not in ids:
            source = pages.source(src)
            ids[src] = html_ids(pages.html(source)) if source is not None else None
        return ids[src]

    return check_anchors(build.project, anchors_of)
