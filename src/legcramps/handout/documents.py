"""The other PDFs drawn by the handout's machinery, from the same model, never from Markdown.

- The large-print handout (templates/handout/large-print.html and .css): the two-page handout's
  content, word for word, at 16 pt and up in one column, on as many pages as it needs.
- The cramp diary (diary.html and .css): a week of rows to fill in by hand, in landscape, on one page;
  its words come from data/<language>/diary.yml (diary.py).

The large print is laid out once on the area A4 and US Letter share and written on each paper
(pdf.PdfJob's `one_layout`): one layout instead of two, and the same page breaks on both papers. The
diary, one page of little text, is laid out on each paper, so its table fills the paper's width.
"""

from __future__ import annotations

from pathlib import Path

from legcramps.handout.content import HandoutContent, template_context
from legcramps.handout.diary import DIARY_FILE, diary_context, load_diary
from legcramps.handout.pdf import HandoutPlan, PdfJob, draw_missing, plan_pdfs
from legcramps.handout.templates import render_html
from legcramps.model.paper import DIARY_PATH, LARGE_PRINT_PATH
from legcramps.model.project import Project

LARGE_PRINT_TEMPLATE = "large-print.html"
LARGE_PRINT_STYLESHEET = "large-print.css"
DIARY_TEMPLATE = "diary.html"
DIARY_STYLESHEET = "diary.css"
DIARY_PAGES = 1


def plan_large_print(content: HandoutContent, papers: tuple[str, ...], template_dir: Path) -> HandoutPlan:
    """The large-print handout: the handout's own template context, its own template; no page limit."""
    template_dir = template_dir.resolve()
    html = render_html(template_dir, LARGE_PRINT_TEMPLATE, template_context(content), content)
    job = PdfJob(html, papers, template_dir, None, "", LARGE_PRINT_TEMPLATE, LARGE_PRINT_STYLESHEET, one_layout=True)
    return plan_pdfs(job, LARGE_PRINT_PATH)


def plan_diary(project: Project, content: HandoutContent, papers: tuple[str, ...], template_dir: Path) -> HandoutPlan:
    """The cramp diary: one landscape page of the edition's diary words."""
    template_dir = template_dir.resolve()
    where = project.rel(project.settings.words_dir / DIARY_FILE)
    html = render_html(template_dir, DIARY_TEMPLATE, diary_context(load_diary(project), content), content)
    too_long = (f"{where}: the cramp diary is {{pages}} pages on {{paper}} paper and must fit on {{max_pages}}: "
                "shorten its intro, a column heading or a hint")
    # Laid out on each paper (a one-page form: little to lay out), so the table fills each paper's width.
    job = PdfJob(html, papers, template_dir, DIARY_PAGES, too_long, DIARY_TEMPLATE, DIARY_STYLESHEET, landscape=True)
    return plan_pdfs(job, DIARY_PATH)


def plan_documents(project: Project, content: HandoutContent, papers: tuple[str, ...],
                   template_dir: Path) -> tuple[HandoutPlan, ...]:
    """Every document besides the two-page handout, each with the PDFs the cache has and the job for the rest."""
    template_dir = template_dir.resolve()
    return plan_large_print(content, papers, template_dir), plan_diary(project, content, papers, template_dir)


def render_document(plan: HandoutPlan) -> dict[str, bytes]:
    """A planned document's PDFs, drawn in this process where the cache has none (the tests, the benchmark)."""
    return {**plan.pdfs, **draw_missing(plan, set())}
