"""Shared safety content, written once in data files: the warning signs and the quick steps.

Pages, the home page and the PDF handout all render these objects; nothing re-reads a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from legcramps.errors import ContentError, did_you_mean
from legcramps.model.datafile import line_of, read_data, require_mapping, require_text
from legcramps.model.words import TIER_KEYS

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class WarningSigns:
    """Tier key -> {sign id: sign text}, in the order the file gives."""

    tiers: dict[str, dict[str, str]]

    def pick(self, tier: str, ids: tuple[object, ...]) -> tuple[str, ...]:
        """The signs of a tier: every one when `ids` is empty, else those named, in that order."""
        signs = self.tiers[tier]
        if not ids:
            return tuple(signs.values())
        picked = []
        for sign_id in ids:
            if sign_id not in signs:
                other = next((key for key, found in self.tiers.items() if sign_id in found), None)
                if other:
                    raise ContentError(
                        f"the warning sign {sign_id!r} belongs to the {other!r} tier, not {tier!r}: "
                        f'write urgency("{other}", "{sign_id}")'
                    )
                every = [key for found in self.tiers.values() for key in found]
                raise ContentError(
                    f"unknown warning sign {sign_id!r}{did_you_mean(sign_id, every)}: "
                    "signs are written once in data/en/warning-signs.yml or topic-signs.yml"
                )
            picked.append(signs[str(sign_id)])
        return tuple(picked)

    def with_topics(self, topics: WarningSigns) -> WarningSigns:
        """These signs and a topic file's, for picking by id (every id is unique across both)."""
        return WarningSigns({tier: {**signs, **topics.tiers.get(tier, {})} for tier, signs in self.tiers.items()})


@dataclass(frozen=True)
class QuickStep:
    do: str
    how: str

    def html(self) -> Markup:
        """The step as the page and the handout show it: the action in bold, then how."""
        return Markup("<strong>{}</strong> {}").format(self.do, self.how)


@dataclass(frozen=True)
class QuickSteps:
    steps: tuple[QuickStep, ...]
    sources: tuple[str, ...]
    after: tuple[str, ...]
    sources_line: int | None = None  # for naming an unknown key on its line


def load_warning_signs(path: Path, every_tier: bool = True) -> WarningSigns:
    """The signs by tier; `every_tier=False` (topic-signs.yml) lets a tier be left out."""
    data, text = read_data(path)
    data = require_mapping(data, "the file")
    unknown = [key for key in data if key not in TIER_KEYS]
    if unknown:
        raise ContentError(
            f"unknown tier {unknown[0]!r}{did_you_mean(unknown[0], TIER_KEYS)}", line_of(text, str(unknown[0]))
        )
    tiers: dict[str, dict[str, str]] = {}
    seen: set[str] = set()
    for tier in TIER_KEYS:
        if not every_tier and data.get(tier) is None:
            tiers[tier] = {}
            continue
        signs = require_mapping(data.get(tier), f"the tier '{tier}'")
        if not signs:
            raise ContentError(f"the tier '{tier}' has no signs", line_of(text, tier))
        tiers[tier] = {}
        for sign_id, sign in signs.items():
            line = line_of(text, str(sign_id))
            if not isinstance(sign_id, str) or not _ID.match(sign_id):
                raise ContentError(f"sign id {sign_id!r} must be lower-case letters, digits and hyphens", line)
            if sign_id in seen:
                raise ContentError(f"the sign id {sign_id!r} is used twice: give each sign its own id", line)
            seen.add(sign_id)
            tiers[tier][sign_id] = require_text(sign, f"the sign '{sign_id}'", line)
    return WarningSigns(tiers)


def load_quick_steps(path: Path) -> QuickSteps:
    data, text = read_data(path)
    data = require_mapping(data, "the file")
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise ContentError("'steps' must list the steps, each with 'do' and 'how'", line_of(text, "steps"))
    steps = []
    for number, raw in enumerate(raw_steps, start=1):
        step = require_mapping(raw, f"step {number}")
        unknown = sorted(set(step) - {"do", "how"})
        if unknown:
            raise ContentError(f"step {number} has an unknown field {unknown[0]!r} (use 'do' and 'how')")
        steps.append(QuickStep(require_text(step.get("do"), f"step {number}: 'do'"),
                               require_text(step.get("how"), f"step {number}: 'how'")))
    sources = data.get("sources") or []
    after = data.get("after") or []
    if not isinstance(sources, list) or not all(isinstance(key, str) for key in sources):
        raise ContentError("'sources' must list citation keys, e.g. sources: [nhs-leg-cramps]", line_of(text, "sources"))
    if not isinstance(after, list) or not all(isinstance(note, str) and note.strip() for note in after):
        raise ContentError("'after' must list short notes as text", line_of(text, "after"))
    return QuickSteps(tuple(steps), tuple(sources), tuple(note.strip() for note in after), line_of(text, "sources"))
