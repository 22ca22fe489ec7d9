"""Shared safety content, written once in data files: the warning signs and the quick steps.

Pages, the home page and the PDF handout all render these objects; nothing re-reads a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import Markup

from legcramps.errors import ContentError, did_you_mean
from legcramps.model.datafile import line_of, read_data, require_mapping, require_text
from legcramps.model.pictures import Picture, load_picture
from legcramps.model.words import TIER_KEYS
from legcramps.model.yaml_text import SafeLoader

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
    picture: Picture | None = None  # shown beside the step on the pages and the handout

    def html(self) -> Markup:
        """The step as the page and the handout show it: the action in bold, then how."""
        return Markup("<strong>{}</strong> {}").format(self.do, self.how)


@dataclass(frozen=True)
class QuickSteps:
    steps: tuple[QuickStep, ...]
    sources: tuple[str, ...]
    after: tuple[str, ...]
    sources_line: int | None = None  # for naming an unknown key on its line
    after_pictures: tuple[tuple[Picture, ...], ...] = ()  # the pictures under each note, note by note
    step_lines: tuple[int | None, ...] = ()  # where each step starts in the file

    @property
    def pictures(self) -> tuple[Picture, ...]:
        """Every picture: the steps' in order, then the notes'."""
        return (*(step.picture for step in self.steps if step.picture), *(p for note in self.after_pictures for p in note))


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


def _item_lines(text: str, key: str) -> list[dict[str, int]]:
    """For each item of the list under `key`: the line of the item and of each of its fields ("" is the item)."""
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:  # pragma: no cover - read_data has read it already
        return []
    lines: list[dict[str, int]] = []
    for name, value in root.value if isinstance(root, yaml.MappingNode) else []:
        if name.value == key and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                found = {"": item.start_mark.line + 1}
                for field, inner in item.value if isinstance(item, yaml.MappingNode) else []:
                    found[field.value] = field.start_mark.line + 1
                    if isinstance(inner, yaml.SequenceNode):  # a note's pictures: "pictures.0.alt"
                        for number, picture in enumerate(inner.value):
                            for part, _ in picture.value if isinstance(picture, yaml.MappingNode) else []:
                                found[f"{field.value}.{number}.{part.value}"] = part.start_mark.line + 1
                lines.append(found)
    return lines


STEP_FIELDS = ("do", "how", "picture", "alt")


def load_quick_steps(path: Path, pictures_dir: Path | None = None) -> QuickSteps:
    """The steps, sources and notes; each picture is read from `pictures_dir` (the edition's illustrations)."""
    data, text = read_data(path)
    data = require_mapping(data, "the file")
    folder = pictures_dir or path.parent
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise ContentError("'steps' must list the steps, each with 'do' and 'how'", line_of(text, "steps"))
    step_lines = _item_lines(text, "steps")
    steps = []
    for number, raw in enumerate(raw_steps, start=1):
        lines = step_lines[number - 1] if number <= len(step_lines) else {}
        step = require_mapping(raw, f"step {number}")
        unknown = sorted(set(step) - set(STEP_FIELDS))
        if unknown:
            raise ContentError(f"step {number} has an unknown field {unknown[0]!r} (use {', '.join(STEP_FIELDS)})",
                               lines.get(unknown[0]))
        picture = None
        if "picture" in step or "alt" in step:
            picture = load_picture(folder, step.get("picture"), step.get("alt"), lines.get("picture", lines.get("")),
                                   lines.get("alt"))
        steps.append(QuickStep(require_text(step.get("do"), f"step {number}: 'do'"),
                               require_text(step.get("how"), f"step {number}: 'how'"), picture))
    sources = data.get("sources") or []
    if not isinstance(sources, list) or not all(isinstance(key, str) for key in sources):
        raise ContentError("'sources' must list citation keys, e.g. sources: [nhs-leg-cramps]", line_of(text, "sources"))
    notes, pictures = _notes(data.get("after") or [], text, folder)
    starts = tuple(lines.get("") for lines in step_lines)
    return QuickSteps(tuple(steps), tuple(sources), notes, line_of(text, "sources"), pictures, starts)


def _notes(after: object, text: str, folder: Path) -> tuple[tuple[str, ...], tuple[tuple[Picture, ...], ...]]:
    """The notes under the steps: each is text, or `text:` with `pictures:` (each a `picture:` and its `alt:`)."""
    fix = "'after' must list short notes: each is text, or text: with pictures: (each with picture: and alt:)"
    if not isinstance(after, list):
        raise ContentError(fix, line_of(text, "after"))
    note_lines = _item_lines(text, "after")
    notes, pictures = [], []
    for number, note in enumerate(after):
        lines = note_lines[number] if number < len(note_lines) else {}
        if isinstance(note, dict):
            unknown = sorted(set(note) - {"text", "pictures"})
            if unknown or not isinstance(note.get("pictures", []), list):
                raise ContentError(fix, lines.get(unknown[0] if unknown else "pictures", lines.get("")))
            drawn = []
            for index, item in enumerate(note.get("pictures") or []):
                item = require_mapping(item, f"picture {index + 1} of note {number + 1}")
                where = lines.get(f"pictures.{index}.picture", lines.get(""))
                drawn.append(load_picture(folder, item.get("picture"), item.get("alt"), where,
                                          lines.get(f"pictures.{index}.alt")))
            note, found = note.get("text"), tuple(drawn)
        else:
            found = ()
        if not isinstance(note, str) or not note.strip():
            raise ContentError(fix, lines.get("text", lines.get("")))
        notes.append(note.strip())
        pictures.append(found)
    return tuple(notes), tuple(pictures)


def translation_picture_problem(mine: QuickSteps, original: QuickSteps) -> tuple[str, int | None] | None:
    """A translation shows the original's pictures, step by step and note by note, with its own alt text: what
    differs first, and the line of the translation's step (None for a note)."""
    def shown(steps: QuickSteps) -> list[tuple[str, tuple[Picture, ...], int | None]]:
        starts = list(steps.step_lines) + [None] * len(steps.steps)
        by_step = [(f"step {n}", (s.picture,) if s.picture else (), starts[n - 1]) for n, s in enumerate(steps.steps, start=1)]
        return by_step + [(f"note {n}", found, None) for n, found in enumerate(steps.after_pictures, start=1)]

    for (where, pictures, line), (_, theirs, _) in zip(shown(mine), shown(original), strict=False):
        if [p.file for p in pictures] != [p.file for p in theirs]:
            return (f"{where} shows {', '.join(p.file for p in pictures) or 'no picture'} but the original shows "
                    f"{', '.join(p.file for p in theirs) or 'none'}: keep the original's steps in its order, "
                    "with the same pictures (translate only 'alt')"), line
        same = next((p for p, other in zip(pictures, theirs, strict=True) if p.alt == other.alt), None)
        if same:
            return f"{where}: the alt text of {same.file} is the original's: translate it", line
    return None
