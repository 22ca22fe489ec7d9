"""`check`'s page limits: the two-page handout fits on two pages and the diary on one, on every paper.

Only drawing tells how many pages a document takes (longer warning signs or descriptions push the
handout onto a third page), so `python -m legcramps check` draws the documents that have a limit, as
the build does, unless the handout cache (HANDOUT_CACHE_DIR, as `make check` sets it) already has them:
a PDF is kept there only once it has been drawn within its limit.
"""

from __future__ import annotations

from legcramps.errors import MachineProblem, Problem
from legcramps.handout.content import HandoutError, collect_content
from legcramps.handout.documents import plan_documents
from legcramps.handout.pdf import draw_missing, plan_handouts
from legcramps.model.paper import TEMPLATE_DIR, paper_order
from legcramps.model.project import Project


def handout_fit_problems(project: Project) -> list[Problem]:
    """One line for each document with a page limit that would run over it (its file, and the fix)."""
    problems = []
    try:
        content = collect_content(project)
        order = paper_order(content.care)
        template_dir = project.settings.root / TEMPLATE_DIR
        for plan in (plan_handouts(content, order, template_dir=template_dir),
                     *plan_documents(project, content, order, template_dir)):
            if plan.job.max_pages is not None:
                try:
                    draw_missing(plan, set())
                except HandoutError as error:
                    problems.append(_problem(error))
    except HandoutError as error:  # a mistake in what the documents print, found before drawing
        problems.append(_problem(error))
    except OSError as error:  # WeasyPrint's system libraries (Pango): this computer's, not the content's
        raise MachineProblem(f"WeasyPrint cannot draw the handout ({error}): run `make check`, which installs "
                             "what it needs (`make doctor` lists it)") from None
    return problems


def _problem(error: HandoutError) -> Problem:
    where, _, message = str(error).partition(": ")  # a HandoutError's message starts with the file to fix
    return Problem(where, message)
