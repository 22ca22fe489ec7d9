"""A translated edition's own data files against the original's: the same warning signs (ids, tiers,
order), every word translated, the same quick steps and pictures.

These are checked before any page is rendered: a page rendered from a signs file out of step with the
original would only report the same mistake again, pointing at a page that is right.
"""

from __future__ import annotations

from pathlib import Path

from legcramps.errors import Problem, did_you_mean
from legcramps.model.datafile import line_of
from legcramps.model.project import Project
from legcramps.model.safety import WarningSigns, translation_picture_problem


def shared_data_problems(project: Project, original: Project) -> list[Problem]:
    """One line per difference, on the edition's file and line, with the fix."""
    problems: list[Problem] = []
    for name, mine, theirs in (("warning-signs.yml", project.signs, original.signs),
                               ("topic-signs.yml", project.topic_signs, original.topic_signs)):
        theirs_file = original.rel(original.settings.words_dir / name)
        found = _sign_difference(project.settings.words_dir / name, mine, theirs, theirs_file)
        if found:
            problems.append(Problem(project.rel(project.settings.words_dir / name), *found))
    words_file = project.rel(project.settings.words_dir / "words.yml")
    for part in ("check_first", "evidence", "footer", "overdue", "handout", "edition", "site", "sources"):
        missing = sorted(set(getattr(original.words, part)) - set(getattr(project.words, part)))
        if missing:
            problems.append(Problem(words_file, f"'{part}' has no '{missing[0]}': translate every word the original has",
                                    _line(project.settings.words_dir / "words.yml", part)))
    groups = sorted(set(original.words.check_first["groups"]) - set(project.words.check_first["groups"]))
    if groups:
        problems.append(Problem(words_file, f"check_first group '{groups[0]}' is not translated",
                                _line(project.settings.words_dir / "words.yml", "groups")))
    steps_path = project.settings.words_dir / "quick-steps.yml"
    if len(original.steps.steps) != len(project.steps.steps):
        problems.append(Problem(project.rel(steps_path), f"{len(project.steps.steps)} quick steps, but the original has "
                                                         f"{len(original.steps.steps)}: translate each step, add none",
                                _line(steps_path, "steps")))
    else:
        found = translation_picture_problem(project.steps, original.steps)
        if found:
            message, line = found
            problems.append(Problem(project.rel(steps_path), message, line or _line(steps_path, "after")))
    return problems


def _sign_difference(path: Path, mine: WarningSigns, theirs: WarningSigns, original: str) -> tuple[str, int | None] | None:
    """The first way a tier's signs differ from the original's, and the line of this file to look at."""
    for tier, signs in theirs.tiers.items():
        ours, wanted = list(mine.tiers.get(tier, {})), list(signs)
        if ours == wanted:
            continue
        extra = [sign for sign in ours if sign not in wanted]
        missing = [sign for sign in wanted if sign not in ours]
        if extra:
            return (f"the '{tier}' sign '{extra[0]}' is not in {original}{did_you_mean(extra[0], missing or wanted)}: "
                    "keep each sign's id as the original writes it, and translate only its words"), _line(path, extra[0])
        if missing:
            before = wanted[wanted.index(missing[0]) - 1] if wanted.index(missing[0]) else None
            where = f"after '{before}'" if before else "first"
            return (f"the '{tier}' signs have no '{missing[0]}', which {original} has: translate it and add it {where}",
                    _line(path, before or tier))
        first = next(n for n, (a, b) in enumerate(zip(ours, wanted, strict=True)) if a != b)
        return (f"the '{tier}' sign '{wanted[first]}' comes before '{ours[first]}' in {original}: "
                "keep the original's order"), _line(path, ours[first])
    return None


def _line(path: Path, key: str) -> int | None:
    return line_of(path.read_text(encoding="utf-8"), key) if path.is_file() else None
