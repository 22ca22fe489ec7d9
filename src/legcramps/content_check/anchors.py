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


def check_anchors_and_ids(build: Build) -> list[Problem]:
    """Every link's #anchor against its page's ids, then every id a page has twice: each page made into HTML once."""
    pages = PageText(build)
    html = {src: pages.html(source) for src, source in pages.sources()}  # None below: a mistake reported first
    anchors = check_anchors(build.project, lambda src: html_ids(html[src]) if src in html else None)
    return anchors + _repeated_ids(build, html)


def _repeated_ids(build: Build, html: dict[str, str]) -> list[Problem]:
    """One line per id that a page's HTML has twice, at the line of the Markdown that gives it."""
    problems = []
    for src, page_html in html.items():
        found = Counter(match.group(1) or match.group(2) for match in HTML_ID.finditer(page_html))
        text = build.project.pages[src].source
        for name in sorted(name for name, count in found.items() if count > 1):
            given = list(re.finditer(rf"\{{[^}}\n]*#{re.escape(name)}(?![\w-])", text))
            line = text.count("\n", 0, given[-1].start()) + 1 if given else None
            problems.append(Problem(build.project.docs_path(src), f"the id '{name}' is used twice on this page (by a "
                                    "heading, a safety box or the page's footer): give this heading another { #id }", line))
    return problems
