"""The links and images an editor writes in a page: each must reach a page, a file or a heading that exists.

The site engine checks them too, but only while it builds, and in its own words without a line
(`Doc file 'strategies/heat.md' contains a link ...`, the same for both editions). The rules are MkDocs'
with this project's `validation:` settings (mkdocs.yml), for Markdown links: a relative link to a file
in the docs folder or to one the build makes (the handout's PDFs), written as the file
(`../when-to-get-help.md`, not the page's address), never from the site's root (`/...`); and an anchor
(`#...`) that the page's HTML has.

`check_links` (the build and `python -m legcramps check`) checks where each link goes. `check_anchors`
checks each anchor against the ids of the target page's real HTML, which `check` makes with the site's
Markdown extensions (legcramps.content_check.anchors); in a build MkDocs checks anchors itself, on the
same HTML. Working ids out from the Markdown instead would refuse valid links (a heading under a line of
dashes, inside a note, or with code in it).
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote

from legcramps.errors import Problem
from legcramps.model.paper import DIARY_PATH, LARGE_PRINT_PATH, PAPERS, PDF_PATH, PREVIEW_PATH
from legcramps.model.project import Project
from legcramps.model.urls import is_elsewhere

# What is not a link of the page's own: code (fenced, also inside a note), macros (their arguments are not
# links), comments.
_NOT_TEXT = re.compile(r"^([ \t]*)(`{3,}|~{3,}).*?^\1\2[ \t]*$|`[^`\n]+`|\{\{.*?\}\}|\{%.*?%\}|<!--.*?-->", re.S | re.M)
# A link's text may run onto the next line (not past a blank one) and hold an image or a [bracket]; its
# address may be in <angle brackets> (then with spaces) and be followed by a title in quotes or brackets.
_TEXT = r"(?:[^\[\]\n]|\n(?![ \t]*\n)|!?\[[^\]\n]*\](?:\([^)\n]*\))?)*"
_MARKDOWN = re.compile(rf"(!?)\[{_TEXT}\]\(\s*(?:<([^>\n]+)>|([^)\s]+))(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*(?:<([^>\n]+)>|([^)\s]+))")  # also the one inside a link's text
_DEFINITION = re.compile(r"^ {0,3}\[((?!\^)[^\]\n]+)\]:\s*<?([^\s>]+)", re.M)  # not a footnote's [^1]:
_FULL_REFERENCE = re.compile(r"\[([^\]\n]+)\]\s?\[([^\]\n]*)\]")  # [text][label], and [label][]
_SHORT_REFERENCE = re.compile(r"\[([^\]\n]+)\](?!\s?[\[(:])")  # [label]
# The ids MkDocs finds in a page's HTML: any element's id, and an <a>'s name.
HTML_ID = re.compile(r"""<[a-z][^>]*?\sid=["']([^"']+)["']|<a\s[^>]*?\bname=["']([^"']+)["']""", re.I)

Anchors = Callable[[str], "set[str] | None"]  # a page's ids, or None when they are not known (it did not render)


def html_ids(html: str) -> set[str]:
    return {found.group(1) or found.group(2) for found in HTML_ID.finditer(html)}


def check_links(project: Project) -> list[Problem]:
    """Every link and image of every page reaches a file of the site, written as the engine wants it."""
    files = _site_files(project)
    return [Problem(project.docs_path(src), message, line) for src, line, message in _each(project, files, None)]


def check_anchors(project: Project, anchors_of: Anchors) -> list[Problem]:
    """Every anchor of a link that reaches its page is one of that page's ids."""
    files = _site_files(project)
    return [Problem(project.docs_path(src), message, line) for src, line, message in _each(project, files, anchors_of)]


def _each(project: Project, files: set[str], anchors_of: Anchors | None) -> Iterator[tuple[str, int, str]]:
    for src, page in project.pages.items():
        for index, target, image in _links(page.source):
            found = _target_problem(project, src, target, image, files)
            if anchors_of is not None:  # the anchors of the links that reach their page
                found = None if found else _anchor_problem(src, target, image, anchors_of)
            if found:
                yield src, page.source.count("\n", 0, index) + 1, found


def _links(source: str) -> Iterator[tuple[int, str, bool]]:
    """(where, target, is an image) of each Markdown link, code and macros left out. Links in raw HTML are
    the author's own addresses: the engine neither rewrites nor checks them."""
    text = _NOT_TEXT.sub(lambda found: re.sub(r"[^\n]", " ", found.group(0)), source)  # same length: same lines
    for found in _MARKDOWN.finditer(text):
        if not found.group(1):  # images: below, with those inside a link's text
            target = found.group(2) or found.group(3)
            yield found.start(2 if found.group(2) else 3), target, False
    for found in _IMAGE.finditer(text):
        yield found.start(1 if found.group(1) else 2), found.group(1) or found.group(2), True
    used = {(label or words).strip().lower() for words, label in _FULL_REFERENCE.findall(text)}
    used |= {label.strip().lower() for label in _SHORT_REFERENCE.findall(text)}
    for found in _DEFINITION.finditer(text):
        if found.group(1).strip().lower() in used:  # a definition nothing uses is no link on the page
            yield found.start(2), found.group(2), False


def _split(src: str, target: str) -> tuple[str, str, str] | None:
    """(the path as written, decoded; the page or file it resolves to; the anchor), or None for another site."""
    if is_elsewhere(target):
        return None  # another site, mailto: or tel:
    path, _, anchor = target.partition("#")
    path = unquote(path.partition("?")[0])
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src), path)) if path else src
    return path, resolved, anchor


def _target_problem(project: Project, src: str, target: str, image: bool, files: set[str]) -> str | None:
    split = _split(src, target)
    if split is None or not split[0]:
        return None
    path, resolved, anchor = split
    what, here = ("the image" if image else "a link to"), posixpath.dirname(src) or "."
    if path.startswith("/"):
        suggestion = posixpath.relpath(path.lstrip("/") or ".", here)
        return (f"{what} '{target}' starts at the site's root: write it from this page's folder, "
                f"e.g. '{suggestion}' (the site is published under a sub-path)")
    if resolved in files:
        return None
    page = next((name for name in (resolved + ".md", resolved + "/index.md") if name in project.pages), None)
    if page is not None:
        return f"{what} '{target}': link to the page's file, '{posixpath.relpath(page, here)}{'#' + anchor if anchor else ''}'"
    close = difflib.get_close_matches(path, [posixpath.relpath(name, here) for name in sorted(files)], n=1, cutoff=0.75)
    hint, docs = f" (did you mean '{close[0]}'?)" if close else "", project.settings.docs_dir.name
    if image:
        return f"the image '{target}' is not a file in {docs}/{hint}"
    return f"a link to '{target}', which is not a file in {docs}/{hint}"


def _anchor_problem(src: str, target: str, image: bool, anchors_of: Anchors) -> str | None:
    split = _split(src, target)
    if split is None or not split[2] or not split[1].endswith(".md"):
        return None
    _, page_src, anchor = split
    found = anchors_of(page_src)
    if found is None or anchor in found:
        return None
    what, where = ("the image" if image else "a link to"), ("this page" if page_src == src else f"'{page_src}'")
    close = difflib.get_close_matches(anchor, sorted(found), n=1, cutoff=0.6)
    hint = f" (did you mean '#{close[0]}'?)" if close else ""
    return f"{what} '{target}', but {where} has no heading or anchor '#{anchor}'{hint}"


def _site_files(project: Project) -> set[str]:
    """Every file of the docs folder (through linked folders too, as the engine reads them) and the files
    the build adds (the handout's), as 'folder/name'."""
    docs = project.settings.docs_dir
    found = {(Path(folder) / name).relative_to(docs).as_posix()
             for folder, _, names in os.walk(docs, followlinks=True) for name in names}
    found |= {pattern.format(paper=paper) for pattern in (PDF_PATH, LARGE_PRINT_PATH, DIARY_PATH) for paper in PAPERS}
    return found | {PREVIEW_PATH}
