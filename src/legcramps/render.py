"""HTML for the parts every page gets from its page model: cards, review dates, related pages."""

from __future__ import annotations

from datetime import date
from typing import Callable, Sequence

from markupsafe import Markup, escape

from legcramps.page_model import PageMeta


def long_date(day: date) -> str:
    """'20 November 2026': unambiguous in every country."""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def strategy_cards(
    strategies: Sequence[PageMeta],
    url_for: Callable[[str], str],
    badge_for: Callable[[PageMeta], Markup],
) -> Markup:
    cards = "".join(
        f'<li class="strategy-card"><h3><a href="{escape(url_for(meta.src_path))}">{escape(meta.title)}</a></h3>'
        f"<p>{escape(meta.description)}</p>{badge_for(meta)}</li>"
        for meta in strategies
    )
    return Markup(f'<ul class="strategy-cards">{cards}</ul>')


def review_banner(meta: PageMeta) -> str:
    """Shown only on local previews that allow overdue pages; such a build cannot be published."""
    return (
        '<div class="admonition danger review-overdue" role="note"><p class="admonition-title">'
        f"Review overdue since {escape(long_date(meta.next_review))}</p>"
        "<p>This preview shows a page that is due for review.</p></div>\n\n"
    )


def page_footer(meta: PageMeta, related: Sequence[tuple[str, str]], references: Markup) -> str:
    """Markdown appended to every page: related pages, sources, review dates.

    `related` holds (title, link relative to the page's Markdown file), so MkDocs checks the links.
    """
    parts = ["", "", "## Related pages { #related-pages }", ""]
    parts += [f"- [{title}]({link})" for title, link in related]
    if references:
        parts += ["", "## Sources { #sources }", "", str(references)]
    parts += [
        "",
        '<p class="page-review">'
        f'Page last reviewed: <time datetime="{meta.reviewed.isoformat()}">{long_date(meta.reviewed)}</time>. '
        f'Next review due: <time datetime="{meta.next_review.isoformat()}">{long_date(meta.next_review)}</time>.'
        "</p>",
        "",
    ]
    return "\n".join(parts)
