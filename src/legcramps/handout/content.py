"""What the handout says, taken from the project model (never from Markdown).

- "Cramp right now?": the quick steps (data/<language>/quick-steps.yml), as the pages show them;
- the strategies an editor listed in data/handout.yml, with title, grade and description;
- "When to get help": every warning sign (data/<language>/warning-signs.yml) under its tier;
- the key sources from data/handout.yml, the site's address, and the review date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import segno
from markupsafe import Markup

from legcramps.model.care import CareSettings
from legcramps.model.citations import Source
from legcramps.model.clinic import ClinicDetails
from legcramps.model.page_model import PageMeta
from legcramps.model.pictures import Picture
from legcramps.model.project import Project
from legcramps.model.spelling import NO_SPELLING, Spelling
from legcramps.model.words import TIER_KEYS, Words
from legcramps.render.callouts import Tier, tiers

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
    clinic: ClinicDetails
    words: Words
    site_url: str
    site_name: str
    spelling: Spelling = NO_SPELLING  # the edition's words (UK English), applied to the finished HTML
    step_pictures: tuple[Picture | None, ...] = ()  # beside each quick step, as the pages show them
    note_pictures: tuple[Picture, ...] = ()  # under the notes (the thigh and foot moves)


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
        clinic=project.clinic,
        words=project.words,
        site_url=settings.site_url,
        site_name=settings.site_name,
        spelling=project.spelling,
        step_pictures=tuple(step.picture for step in project.steps.steps),
        note_pictures=tuple(picture for note in project.steps.after_pictures for picture in note),
    )


def qr_code(url: str) -> str:
    """A QR code for the address, as an SVG data URI (black on white, vector, selectable alt)."""
    return segno.make(url, error="m").svg_data_uri(scale=1, border=4, dark="#000", light="#fff")


def address_of(site_url: str) -> str:
    """The site's address as printed: without its scheme or final slash."""
    return re.sub(r"^https?://", "", site_url).rstrip("/")


def template_context(content: HandoutContent) -> dict[str, Any]:
    """What handout.html and large-print.html render: the same content, laid out for each."""
    words, site_url = content.words, content.site_url
    table: dict[str, Tier] = tiers(content.care, words)
    address = address_of(site_url)
    fill = {"site_name": content.site_name, "site_address": address, "doctor": content.care.doctor}
    return {
        "lang": words.locale,
        "t": {name: str(text).format(**fill) for name, text in words.handout.items()},
        "site_name": content.site_name,
        "site_url": site_url,
        "site_address": address,
        "qr_code": qr_code(site_url),
        "steps": content.steps,
        "notes": content.notes,
        "step_pictures": content.step_pictures,  # Picture: print_uri() (black on white) and alt
        "note_pictures": content.note_pictures,
        "strategies": [
            {"title": meta.title, "description": meta.description, "grade": words.grades[str(meta.grade)]}
            for meta in content.strategies
        ],
        "tiers": [{"tier": table[key], "signs": content.signs[key]} for key in TIER_KEYS],
        "care": content.care,
        "clinic": content.clinic,
        "sources": [
            {
                "source": source,
                # The first author is enough on paper (the site lists them all): it keeps page 2 free.
                "by": source.authors.split(",")[0] + (" et al" if "," in source.authors else "") or source.publisher,
                "where": source.journal or source.publisher,
                "href": source.links()[0][1],
                "address": re.sub(r"^https://(www\.)?", "", source.links()[0][1]).rstrip("/"),
            }
            for source in content.sources
        ],
        "reviewed": words.long_date(content.reviewed),
        "reviewed_iso": content.reviewed.isoformat(),
    }
