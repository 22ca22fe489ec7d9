"""`check`'s anchors: each `#...` a link names must be an id of the target page's HTML, made from the page's
Markdown and footer with the site's Markdown extensions, as its reading measures are (page_text) and as
MkDocs makes it. The build leaves anchors to MkDocs, which checks them on the same HTML; where each link
goes is checked in both (legcramps.checks.links).

And no id is used twice in a page: a heading given an id (`{ #nerves }`) that another heading, a safety
box or the footer already has makes the page invalid HTML, and a link to it reaches only the first.
"""

from __future__ import annotations

import re
from collections import Counter

from legcramps.checks.links import HTML_ID, check_anchors, html_ids
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


def check_page_ids(build: Build) -> list[Problem]:
    """One line per id that a page's HTML has twice, at the line of the Markdown that gives it."""
    pages = PageText(build)
    problems = []
    for src, source in pages.sources():
        found = Counter(match.group(1) or match.group(2) for match in HTML_ID.finditer(pages.html(source)))
        text = build.project.pages[src].source
        for name in sorted(name for name, count in found.items() if count > 1):
            given = [match for match in re.finditer(rf"\{{[^}}\n]*#{re.escape(name)}(?![\w-])", text)]
            line = text.count("\n", 0, given[-1].start()) + 1 if given else None
            problems.append(Problem(build.project.docs_path(src), f"the id '{name}' is used twice on this page (by a "
                                    "heading, a safety box or the page's footer): give this heading another { #id }", line))
    return problems
