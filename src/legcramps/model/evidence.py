"""The evidence grade scale and the badge that shows a grade on a page.

Grades follow the certainty ratings (GRADE) of the sources where they give one. "no-evidence" and
"no-benefit" are different answers: nobody has tested it, versus good tests found it does not help.
The keys are fixed here; their names and meanings are words of the edition (words.yml).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from legcramps.errors import ContentError, did_you_mean
from legcramps.html import NOT_SEARCHED, text
from legcramps.model.words import GRADE_KEYS, Words


def grade_key(value: object) -> str:
    """The grade key an editor meant, in any letter case ('Low' is 'low')."""
    key = value.strip().lower().replace(" ", "-") if isinstance(value, str) else value
    if key not in GRADE_KEYS:
        raise ContentError(f"unknown evidence grade {value!r}{did_you_mean(key, GRADE_KEYS)}")
    return str(key)


def evidence_badge(words: Words, grade: object, grading_url: str, context: object = None) -> Markup:
    """A badge with the grade in words, linking to its explanation, and the plain meaning."""
    key = grade_key(grade)
    label = escape(words.evidence["label"])
    if context is not None:
        label = escape(words.evidence["label_for"]).replace("{context}", text(context, "what the grade is for"))
    href = escape(f"{grading_url}#{key}")
    named = words.grades[key]
    return Markup(
        f'<p class="evidence evidence-{key}" {NOT_SEARCHED}>'
        f'<a class="evidence-badge" href="{href}">{label}: <strong>{escape(named["label"])}</strong></a> '
        f'<span class="evidence-meaning">{escape(named["meaning"])}</span></p>'
    )
