"""What the handout says, taken from the project model (never from Markdown).

- "Cramp right now?": the quick steps (data/<language>/quick-steps.yml), as the pages show them;
- the strategies an editor listed in data/handout.yml, with title, grade and description;
- "When to get help": every warning sign (data/<language>/warning-signs.yml) under its tier;
- the key sources from data/handout.yml, the site's address, and the review date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from legcramps.care import CareSettings
from legcramps.citations import Source
from legcramps.page_model import PageMeta
from legcramps.project import Project
from legcramps.words import Words

# Pages that show the handout's shared content: their review dates count for the handout's.
QUOTING_PAGES = ("cramp-right-now.md", "when-to-get-help.md")


class HandoutError(Exception):
    """The handout cannot be made. The message is one line that starts with the file to fix."""


@dataclass(frozen=True)
class HandoutContent:
    strategies: tuple[PageMeta, ...]
    steps: tuple[Markup, ...]
    notes: tuple[str, ...]
    signs: dict[str, tuple[str, ...]]  # tier key -> every warning sign of that tier
    sources: tuple[Source, ...]
    reviewed: date
    care: CareSettings
    words: Words
    site_url: str
    site_name: str


def collect_content(project: Project) -> HandoutContent:
    """The handout's words. The checks have already made sure every listed page and key exists."""
    strategies = tuple(project.pages[src].meta for src in project.handout.strategies)
    quoting = [project.pages[src].meta for src in QUOTING_PAGES if src in project.pages]
    settings = project.settings
    return HandoutContent(
        strategies=strategies,
        steps=tuple(step.html() for step in project.steps.steps),
        notes=project.steps.after,
        signs={tier: tuple(signs.values()) for tier, signs in project.signs.tiers.items()},
        sources=tuple(project.bibliography[key] for key in project.handout.sources),
        reviewed=max(meta.reviewed for meta in (*strategies, *quoting)),
        care=project.care,
        words=project.words,
        site_url=settings.site_url,
        site_name=settings.site_name,
    )
