"""The links and images an editor writes in a page: each must reach a page, a file or a heading that exists.

The site engine checks them too, but only while it builds, and in its own words without a line
(`Doc file 'strategies/heat.md' contains a link ...`, the same for both editions). Checked here, a
mistake is one line with the file, the line and the fix, from `python -m legcramps check` as from the
build, which then stops before the engine gets to it. The rules are MkDocs' with this project's
`validation:` settings (mkdocs.yml), for Markdown links: a relative link to a file in the docs folder or to one the build
makes (the handout's PDFs), written as the file (`../when-to-get-help.md`, not the page's address),
never from the site's root (`/...`), and an anchor (`#...`) that the page has: a heading's (as the
`toc` extension names it, or its `{ #id }`), an element's `id`, or the page footer's.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Iterator
from urllib.parse import unquote

from markdown.extensions.toc import slugify, unique

from legcramps.errors import Problem
from legcramps.model.paper import DIARY_PATH, LARGE_PRINT_PATH, PAPERS, PDF_PATH, PREVIEW_PATH
from legcramps.model.project import Project
from legcramps.render.page_parts import page_footer
from legcramps.render.page_render import RenderedPage

# What is not a link of the page's own: code, and the macros (their arguments are not links).
_NOT_TEXT = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$|`[^`\n]+`|\{\{.*?\}\}|\{%.*?%\}|<!--.*?-->", re.S | re.M)
_MARKDOWN = re.compile(r"(!?)\[(?:[^\[\]\n]|\[[^\]\n]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:\s*<?([^\s>]+)", re.M)  # not a footnote's [^1]:
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.I)
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
_ATTR_ID = re.compile(r"\{:?[^}\n]*?#([\w-]+)[^}\n]*\}")
_ID = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""")
_TAGS = re.compile(r"<[^>]+>|!?\[([^\]]*)\]\([^)]*\)|[*_`]")


def check_links(project: Project, rendered: dict[str, RenderedPage]) -> list[Problem]:
    """Every link and image in every page, each mistake one line at the page's own file and line."""
    files = _site_files(project)
    anchors: dict[str, set[str] | None] = {}  # a page's anchors, worked out the first time a link needs them

    def anchors_of(src: str) -> set[str] | None:
        if src not in anchors:
            anchors[src] = _anchors(project, src, rendered[src]) if src in rendered else None  # not rendered: unknown
        return anchors[src]

    problems = []
    for src, page in project.pages.items():
        for index, target, image in _links(page.source):
            problem = _problem(project, src, target, image, files, anchors_of)
            if problem:
                problems.append(Problem(project.docs_path(src), problem, page.source.count("\n", 0, index) + 1))
    return problems


def _links(source: str) -> Iterator[tuple[int, str, bool]]:
    """(where, target, is an image) of each Markdown link, code and macros left out. Links in raw HTML are
    the author's own addresses: the engine neither rewrites nor checks them."""
    text = _NOT_TEXT.sub(lambda found: re.sub(r"[^\n]", " ", found.group(0)), source)  # same length: same lines
    for found in _MARKDOWN.finditer(text):
        yield found.start(2), found.group(2), found.group(1) == "!"
    for found in _DEFINITION.finditer(text):
        yield found.start(1), found.group(1), False


def _problem(
    project: Project, src: str, target: str, image: bool, files: set[str], anchors_of: Callable[[str], set[str] | None]
) -> str | None:
    if _SCHEME.match(target):
        return None  # another site, mailto: or tel:
    what = "the image" if image else "a link to"
    path, _, anchor = target.partition("#")
    path = unquote(path.partition("?")[0])
    if path.startswith("/"):
        suggestion = posixpath.relpath(path.lstrip("/") or ".", posixpath.dirname(src) or ".")
        return (f"{what} '{target}' starts at the site's root: write it from this page's folder, "
                f"e.g. '{suggestion}' (the site is published under a sub-path)")
    if path:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
        if resolved not in files:
            page = next((name for name in (resolved + ".md", resolved.rstrip("/") + ".md", resolved.rstrip("/") + "/index.md")
                         if name in project.pages), None)
            if page is not None:
                written = posixpath.relpath(page, posixpath.dirname(src) or ".")
                return f"{what} '{target}': link to the page's file, '{written}{'#' + anchor if anchor else ''}'"
            choices = [posixpath.relpath(name, posixpath.dirname(src) or ".") for name in sorted(files)]
            close = difflib.get_close_matches(path, choices, n=1, cutoff=0.75)
            hint, docs = f" (did you mean '{close[0]}'?)" if close else "", project.settings.docs_dir.name
            if image:
                return f"the image '{target}' is not a file in {docs}/{hint}"
            return f"a link to '{target}', which is not a file in {docs}/{hint}"
        if not anchor or not resolved.endswith(".md"):
            return None
        page_src = resolved
    else:
        page_src = src
    found = anchors_of(page_src)
    if not anchor or found is None or anchor in found:
        return None
    where = "this page" if page_src == src else f"'{page_src}'"
    close = difflib.get_close_matches(anchor, sorted(found), n=1, cutoff=0.6)
    hint = f" (did you mean '#{close[0]}'?)" if close else ""
    return f"{what} '{target}', but {where} has no heading or anchor '#{anchor}'{hint}"


def _site_files(project: Project) -> set[str]:
    """Every file of the docs folder and the files the build adds (the handout's), as 'folder/name'."""
    docs = project.settings.docs_dir
    found = {path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file()}
    found |= {pattern.format(paper=paper) for pattern in (PDF_PATH, LARGE_PRINT_PATH, DIARY_PATH) for paper in PAPERS}
    return found | {PREVIEW_PATH}


def _anchors(project: Project, src: str, page: RenderedPage) -> set[str] | None:
    """The ids a page's HTML will have: its headings' (named as the `toc` extension names them), every
    `{ #id }` and id="..." in its Markdown and macros' HTML, and its footer's; None while that is not known."""
    markdown = _NOT_TEXT.sub(" ", page.markdown)
    found: set[str] = set()
    for heading in _HEADING.finditer(markdown):
        own = _ATTR_ID.search(heading.group(1))
        words = _TAGS.sub(lambda part: part.group(1) or "", _ATTR_ID.sub("", heading.group(1))).strip()
        found.add(own.group(1) if own else unique(slugify(words, "-"), found))
    found |= set(_ATTR_ID.findall(markdown)) | set(_ID.findall(page.markdown))
    if not all(target in project.pages for target in project.pages[src].meta.related):
        return None  # a related page with a mistake of its own: the footer is not known yet
    footer = page_footer(project, src, page.macros.citations)
    return found | set(_ATTR_ID.findall(footer)) | set(_ID.findall(footer))
