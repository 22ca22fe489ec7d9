"""The evidence grade scale, defined once, and the badge that shows a grade on a page.

Grades follow the certainty ratings (GRADE) of the sources where they give one. "no-evidence" and
"no-benefit" are different answers: nobody has tested it, versus good tests found it does not help.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from legcramps.errors import ContentError
from legcramps.html import text


@dataclass(frozen=True)
class Grade:
    key: str
    label: str  # shown on the badge: "Evidence: low"
    meaning: str  # one plain sentence


GRADES: dict[str, Grade] = {
    grade.key: grade
    for grade in (
        Grade("high", "high", "We are confident it works."),
        Grade("moderate", "moderate", "It probably works. Better studies could change this."),
        Grade("low", "low", "It may work. We are not sure."),
        Grade("very-low", "very low", "We do not know if it works. The studies are small or weak."),
        Grade("no-evidence", "no good evidence", "No good studies have tested it. It is common advice."),
        Grade("no-benefit", "evidence of no benefit", "Good studies found that it does not help."),
    )
}


def get_grade(key: object) -> Grade:
    if key not in GRADES:
        raise ContentError(f"unknown evidence grade {key!r} (use one of: {', '.join(GRADES)})")
    return GRADES[key]  # type: ignore[index]


def evidence_badge(grade_key: object, grading_url: str, context: object = None) -> Markup:
    """A badge with the grade in words, linking to its explanation, and the plain meaning."""
    grade = get_grade(grade_key)
    label = "Evidence"
    if context is not None:
        label = f"Evidence {text(context, 'what the grade is for')}"
    href = escape(f"{grading_url}#{grade.key}")
    return Markup(
        f'<p class="evidence evidence-{grade.key}">'
        f'<a class="evidence-badge" href="{href}">{label}: <strong>{escape(grade.label)}</strong></a> '
        f'<span class="evidence-meaning">{escape(grade.meaning)}</span></p>'
    )
