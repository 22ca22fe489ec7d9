"""The macros pages use, bound to one page of the project model.

`PageMacros(project, "strategies/stretching.md").urgency("urgent")` is what a page's
`{{ urgency("urgent") }}` runs, under MkDocs, under Zensical and in `python -m legcramps check`.
Every text argument is escaped; every mistake raises ContentError with a plain fix.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup

from legcramps.errors import ContentError
from legcramps.html import NOT_SEARCHED
from legcramps.model.citations import PageCitations
from legcramps.model.evidence import evidence_badge
from legcramps.model.paper import DIARY_PATH, LARGE_PRINT_PATH, PDF_PATH, paper_order
from legcramps.model.project import Project
from legcramps.model.source_dates import dated_phrase, render_source_table
from legcramps.model.urls import relative_url
from legcramps.render import strategy_lists
from legcramps.render.callouts import caution_callout, check_first_callout, get_tier, urgency_callout
from legcramps.render.pictures import inline_picture

GRADING_PAGE = "about/grading.md"
HOME_PAGE = "index.md"  # gathers other pages' blocks; search leads to the pages they belong to
MACRO_NAMES = (
    "urgency", "caution", "check_first", "evidence", "cite", "quick_steps", "strategy_cards", "strategy_groups",
    "source_dates", "handout_downloads", "pdf_link",
)
# The printable PDFs a page can link to: where each paper's file is, and its words (the `site` part of
# data/<language>/words.yml): the list's label per paper, the inline link's label.
PRINTABLES = {
    "handout": (PDF_PATH, "download_for", ""),
    "large-print": (LARGE_PRINT_PATH, "large_print_for", "large_print_link"),
    "diary": (DIARY_PATH, "diary_for", "diary_link"),
}


@dataclass(frozen=True)
class ShownSigns:
    """One urgency callout a page rendered: its tier, the sign ids it picks (none: the tier's whole list)
    and its own anchor on the page."""

    tier: str
    signs: tuple[str, ...]
    anchor: str


class PageMacros:
    """The macros of one page. Citations are numbered per page, in the order the page cites them; the
    urgency callouts are recorded in the order the page renders them (`callouts`)."""

    def __init__(self, project: Project, src_path: str) -> None:
        self.project = project
        self.src_path = src_path
        words = project.words
        self.citations = PageCitations(
            project.bibliography,
            words.footer["source_title"],
            lambda source: dated_phrase(source, words.sources, words.long_date, words.month_date),
            words.sources["web_link"],
        )
        self.callouts: list[ShownSigns] = []

    def url_to(self, src_path: str, anchor: str = "") -> str:
        if src_path.endswith(".md") and not self.project.has_page(src_path):
            raise ContentError(f"the page {src_path} does not exist")
        return relative_url(self.src_path, src_path, anchor)

    def urgency(self, tier: str, *signs: str) -> Markup:
        """Urgency callout: the tier (emergency, urgent, soon, routine), then sign ids (none: every general sign).

        Only a tier's full list is searched; a pick of signs repeats it (see urgency_callout). Each callout
        gets its own id, from its tier and how many of that tier the page showed before: "urgency-emergency",
        then "urgency-emergency-2"."""
        found = get_tier(self.project.care, self.project.words, tier)
        pool = self.project.signs.with_topics(self.project.topic_signs) if signs else self.project.signs
        shown = pool.pick(found.key, signs)
        before = sum(1 for callout in self.callouts if callout.tier == found.key)
        anchor = f"urgency-{found.key}" + (f"-{before + 1}" if before else "")
        self.callouts.append(ShownSigns(found.key, tuple(str(sign) for sign in signs), anchor))
        return urgency_callout(found, shown, searched=not signs, anchor=anchor)

    def caution(self, message: str, title: str | None = None) -> Markup:
        """A risk inside a strategy."""
        return caution_callout(self.project.words, message, title)

    def check_first(self, *groups: str, why: str | None = None) -> Markup:
        """Who should ask a doctor or pharmacist before trying this."""
        return check_first_callout(self.project.words, groups, why)

    def evidence(self, grade: str | None = None, context: str | None = None) -> Markup:
        """Evidence badge: the page's own grade, or the one given."""
        if grade is None:
            grade = self.project.pages[self.src_path].meta.grade if self.src_path in self.project.pages else None
            if grade is None:
                raise ContentError('evidence() without a grade works on strategy pages only: write evidence("low")')
        return evidence_badge(self.project.words, grade, self.url_to(GRADING_PAGE), context)

    def cite(self, *keys: str) -> Markup:
        """Numbered citation(s); the page's source list is added at its end."""
        return self.citations.cite(keys)

    def quick_steps(self) -> Markup:
        """The "Cramp right now?" steps from data/<language>/quick-steps.yml, with their sources."""
        quick = self.project.steps
        cited = self.cite(*quick.sources) if quick.sources else Markup("")
        items = [step.html() for step in quick.steps]
        items[-1] += cited  # the sources back the whole list: cite them once, after the last step
        # Each step's picture after its words: read after them, drawn beside them (site.css).
        items = [item + (inline_picture(step.picture) if step.picture else "")
                 for item, step in zip(items, quick.steps, strict=True)]
        hidden = Markup(f" {NOT_SEARCHED}") if self.src_path == HOME_PAGE else Markup("")  # searched on the quick page
        notes = Markup("")
        for note, pictures in zip(quick.after, quick.after_pictures or [()] * len(quick.after), strict=True):
            notes += Markup("<p{}>{}</p>").format(hidden, note)
            if pictures:
                drawn = Markup("").join(inline_picture(picture, "move-picture") for picture in pictures)
                notes += Markup('<p class="quick-moves">{}</p>').format(drawn)
        return Markup('<ol class="quick-steps"{}>{}</ol>{}').format(
            hidden, Markup("").join(Markup("<li>{}</li>").format(item) for item in items), notes
        )

    def strategy_cards(self, which: str = "all") -> Markup:
        """Strategy pages as cards with their evidence badges, in navigation order: every one ("all"),
        those marked `featured: true` ("featured", the home page), or this nav section's ("section")."""
        return strategy_lists.cards(strategy_lists.pick(self.project, self.src_path, which), self.url_to, self.evidence)

    def strategy_groups(self) -> str:
        """The groups (nav sections) in this page's section: title, description and their strategies."""
        return strategy_lists.groups(self.project, self.src_path, self.url_to, self.evidence)

    def source_dates(self) -> Markup:
        """Every source with our last check, its own dates and its status (the editorial policy page)."""
        words = self.project.words
        return render_source_table(self.project.bibliography, date.today(), words.sources, words.long_date, words.month_date)

    def _printable(self, which: str) -> tuple[str, str, str]:
        if which not in PRINTABLES:
            raise ContentError(f"there is no printable {which!r}: use one of {', '.join(map(repr, PRINTABLES))}")
        return PRINTABLES[which]

    def _pdf_url(self, path: str, paper: str) -> str:
        return posixpath.relpath(path.format(paper=paper), posixpath.dirname(self.src_path) or ".")

    def handout_downloads(self, which: str = "handout") -> str:
        """A printable's PDFs ("handout", "large-print", "diary") as a Markdown list, the configured country's paper
        first (the engine checks the links)."""
        path, label, _ = self._printable(which)
        words = self.project.words
        lines = []
        for paper in paper_order(self.project.care):
            text = words.site[label].format(paper=words.handout[f"paper_{paper}"])
            lines.append(f'- [{text}]({self._pdf_url(path, paper)}){{ type="application/pdf" }}')
        return "\n".join(lines)

    def pdf_link(self, which: str) -> str:
        """An inline Markdown link to a printable's PDF on the configured country's paper, e.g. "large print (PDF)"."""
        path, _, label = self._printable(which)
        if not label:
            raise ContentError(f'pdf_link("{which}") has no words for its link: link to the handout page instead')
        text = self.project.words.site[label]
        return f'[{text}]({self._pdf_url(path, paper_order(self.project.care)[0])}){{ type="application/pdf" }}'

    def as_globals(self) -> dict[str, Callable[..., Any]]:
        return {name: getattr(self, name) for name in MACRO_NAMES}
