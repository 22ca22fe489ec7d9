"""The parts every page gets from its page model: related pages, sources, review dates, overdue banner.

Rendered here once; MkDocs appends them in its page hook and Zensical through the footer extension.
"""

from __future__ import annotations

import posixpath

from markupsafe import Markup, escape

from legcramps.html import NOT_SEARCHED
from legcramps.model.citations import PageCitations
from legcramps.model.editions import TranslationStatus
from legcramps.model.project import Project
from legcramps.model.urls import page_url


def review_banner(project: Project, src_path: str) -> str:
    """Shown to readers on a page past its next review date (published so that a fix is never held back)."""
    words = project.words
    meta = project.pages[src_path].meta
    title = escape(words.overdue["title"].format(date=words.long_date(meta.next_review)))
    return (
        f'<div class="admonition danger review-overdue" role="note"><p class="admonition-title">{title}</p>'
        f"<p>{escape(words.overdue['text'])}</p></div>\n\n"
    )


def original_url(project: Project, src_path: str) -> str:
    """The link from a translated page to the same page in the original edition (one level up per path part)."""
    edition_path = str(project.settings.edition.get("path") or "").strip("/")
    up = len([part for part in page_url(src_path).split("/") if part]) + len([p for p in edition_path.split("/") if p])
    return "../" * up + page_url(src_path)


def translation_note(project: Project, src_path: str, status: TranslationStatus) -> str:
    """What a translated page says about itself: translated, checked or not, out of date or not."""
    words = project.words.edition
    href = escape(original_url(project, src_path))
    parts = [escape(words["translated"])]
    if status.reviewed_by and status.reviewed_on:
        parts.append(escape(words["reviewed_by"].format(name=status.reviewed_by,
                                                        date=project.words.long_date(status.reviewed_on))))
    else:
        parts.append(escape(words["not_reviewed"]))
    note = f'<p class="translation-note"><a href="{href}" hreflang="en">{" ".join(parts)}</a></p>'
    if status.out_of_date:
        note = (f'<div class="admonition warning translation-out-of-date" role="note"><p>'
                f'<a href="{href}" hreflang="en">{escape(words["out_of_date"])}</a></p></div>\n\n') + note
    return note


def page_footer(project: Project, src_path: str, citations: PageCitations) -> str:
    """Markdown appended to every page: related pages, sources, review dates.

    Related pages are Markdown links relative to the page's file, so the site engine checks them.
    """
    words = project.words
    meta = project.pages[src_path].meta
    parts = ["", "", f"## {words.footer['related']} {{ #related-pages {NOT_SEARCHED} }}", ""]
    for target in meta.related:
        link = posixpath.relpath(target, posixpath.dirname(src_path) or ".")
        parts.append(f"- [{project.pages[target].meta.title}]({link})")
    references = citations.references()
    if references:
        parts += ["", f"## {words.footer['sources']} {{ #sources {NOT_SEARCHED} }}", "", str(references)]
    reviewed = Markup('<time datetime="{}">{}</time>').format(meta.reviewed.isoformat(), words.long_date(meta.reviewed))
    due = Markup('<time datetime="{}">{}</time>').format(meta.next_review.isoformat(), words.long_date(meta.next_review))
    line = escape(words.footer["reviewed"]).replace("{reviewed}", reviewed).replace("{next_review}", due)
    parts += ["", f'<p class="page-review">{line}</p>', ""]
    return "\n".join(parts)
