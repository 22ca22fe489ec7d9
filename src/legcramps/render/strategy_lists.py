"""Lists of strategy pages as cards: every one, the home page's featured few, one group's, and the groups.

A page's list is sized to stay small however many strategies the site has: the home page shows the
featured few, the strategies' index shows each group (a large group as a link to its own page), and a
group's index page shows only its own strategies. Groups are the nav sections (nav_sections.py).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable

from markupsafe import Markup, escape

from legcramps.errors import ContentError
from legcramps.html import NOT_SEARCHED
from legcramps.model.nav_sections import NavSection, nav_tree
from legcramps.model.page_model import PageMeta
from legcramps.model.project import Project

CARD_MODES = ("all", "featured", "section")
FEATURED_MAX = 5  # the home page's short list
GROUP_LIST_LIMIT = 12  # a group with more strategies is shown on the strategies' index as a link

Link = Callable[[str], str]
Badge = Callable[[str], Markup]


def _section(project: Project, index: str, macro: str) -> NavSection:
    section = nav_tree(project.settings.nav).find(index)
    if section is None:
        raise ContentError(f"{macro} lists the strategies of a nav section: use it on the section's own page (its first page, "
                           "named index.md, in nav in mkdocs.yml)")
    return section


def _in(project: Project, pages: Iterable[str]) -> list[PageMeta]:
    wanted = set(pages)
    return [meta for meta in project.strategies() if meta.src_path in wanted]


def pick(project: Project, src_path: str, which: str) -> list[PageMeta]:
    """The strategies `strategy_cards(which)` shows on `src_path`, in navigation order."""
    if which == "all":
        return project.strategies()
    if which == "featured":
        featured = [meta for meta in project.strategies() if meta.featured]
        if not featured:
            raise ContentError('strategy_cards("featured") shows the strategy pages marked featured: true, and none is: '
                               "add featured: true to the front matter of a few strategy pages")
        return featured
    if which == "section":
        return _in(project, _section(project, src_path, 'strategy_cards("section")').pages())
    raise ContentError(f"strategy_cards() takes {', '.join(repr(mode) for mode in CARD_MODES)}, not {which!r}")


def cards(metas: Iterable[PageMeta], link: Link, badge: Badge) -> Markup:
    items = "".join(
        f'<li class="strategy-card"><h3><a href="{escape(link(meta.src_path))}">{escape(meta.title)}</a></h3>'
        f"<p>{escape(meta.description)}</p>{badge(meta.grade or '')}</li>"
        for meta in metas
    )
    return Markup(f'<ul class="strategy-cards" {NOT_SEARCHED}>{items}</ul>')  # search leads to the pages


def groups(project: Project, src_path: str, link: Link, badge: Badge) -> str:
    """Markdown: each group of this page's section as a heading linking to the group's page, its
    description, then its strategies as cards, or a link to see them all when there are many."""
    section = _section(project, src_path, "strategy_groups()")
    parts = []
    for group in section.sections:
        metas = _in(project, group.pages())
        page = project.pages.get(group.index) if group.index else None
        title = escape(page.meta.title if page else group.title)
        # A Markdown link to the page's file: the engine checks it and writes its address.
        target = posixpath.relpath(group.index, posixpath.dirname(src_path) or ".") if group.index else ""
        parts.append(f"## [{title}]({target})" if target else f"## {title}")
        if page:
            parts.append(str(escape(page.meta.description)))
        if len(metas) <= GROUP_LIST_LIMIT or not group.index:
            parts.append(str(cards(metas, link, badge)))
        else:
            see_all = escape(project.words.cards["see_all"].format(count=len(metas)))
            parts.append(f"[{see_all}]({target}){{ .md-button }}")
    if not parts:
        raise ContentError("strategy_groups() lists the groups (nav sections) inside this page's nav section, and it has none")
    return "\n\n".join(parts) + "\n"
