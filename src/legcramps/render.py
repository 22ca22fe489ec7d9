"""The parts every page gets from its page model: related pages, sources, review dates, overdue banner.

Rendered here once; MkDocs appends them in its page hook and Zensical through the footer extension.
"""

from __future__ import annotations

import posixpath

from markupsafe import Markup, escape

from legcramps.citations import PageCitations
from legcramps.project import Project


def review_banner(project: Project, src_path: str) -> str:
    """Shown only on local previews that allow overdue pages; such a build cannot be published."""
    words = project.words
    meta = project.pages[src_path].meta
    title = escape(words.overdue["title"].format(date=words.long_date(meta.next_review)))
    return (
        f'<div class="admonition danger review-overdue" role="note"><p class="admonition-title">{title}</p>'
        f"<p>{escape(words.overdue['text'])}</p></div>\n\n"
    )


def page_footer(project: Project, src_path: str, citations: PageCitations) -> str:
    """Markdown appended to every page: related pages, sources, review dates.

    Related pages are Markdown links relative to the page's file, so the site engine checks them.
    """
    words = project.words
    meta = project.pages[src_path].meta
    parts = ["", "", f"## {words.footer['related']} {{ #related-pages }}", ""]
    for target in meta.related:
        link = posixpath.relpath(target, posixpath.dirname(src_path) or ".")
        parts.append(f"- [{project.pages[target].meta.title}]({link})")
    references = citations.references()
    if references:
        parts += ["", f"## {words.footer['sources']} {{ #sources }}", "", str(references)]
    reviewed = Markup('<time datetime="{}">{}</time>').format(meta.reviewed.isoformat(), words.long_date(meta.reviewed))
    due = Markup('<time datetime="{}">{}</time>').format(meta.next_review.isoformat(), words.long_date(meta.next_review))
    line = escape(words.footer["reviewed"]).replace("{reviewed}", reviewed).replace("{next_review}", due)
    parts += ["", f'<p class="page-review">{line}</p>', ""]
    return "\n".join(parts)
