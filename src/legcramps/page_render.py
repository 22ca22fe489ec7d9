"""Render a page's macros with the real macro functions, outside any site engine.

The checks use it to find every macro mistake with its line before a site engine runs, and the
page footers use the citations it collects. MkDocs and Zensical render the same page with the same
functions through `legcramps.macros_module`.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass

import jinja2
import jinja2.meta

from legcramps.errors import ContentError, Problem, did_you_mean
from legcramps.macros import MACRO_NAMES, PageMacros
from legcramps.project import Page, Project

# Besides the macros, pages may use `care` (e.g. {{ care.emergency_number }}) and their own fields.
VARIABLES = ("care",)
_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)


@dataclass(frozen=True)
class RenderedPage:
    markdown: str
    macros: PageMacros


def _template_line(error: BaseException) -> int | None:
    """The line inside the page body where a macro failed (Jinja keeps template lines in the traceback)."""
    line = None
    for frame, number in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename == "<template>":
            line = number
    return line


def page_variables(project: Project, page: Page) -> dict[str, object]:
    """What a page's Jinja can read besides the macros: its own front matter and `care`."""
    return {**page.data, "care": project.care}


def render_page(project: Project, page: Page) -> RenderedPage:
    """Render one page's macros; raise ContentError with the page line of the first mistake."""
    offset = page.body_line
    try:
        tree = _ENV.parse(page.body)
    except jinja2.TemplateSyntaxError as error:
        raise ContentError(f"macro written wrongly: {error.message} (check the {{{{ }}}} and quotes)",
                           (error.lineno or 1) + offset) from None
    variables = page_variables(project, page)
    known = set(MACRO_NAMES) | set(variables)
    for name in sorted(jinja2.meta.find_undeclared_variables(tree)):
        if name not in known:
            named = next(n for n in tree.find_all(jinja2.nodes.Name) if n.name == name)
            raise ContentError(f"unknown macro or variable '{name}'{did_you_mean(name, known)}", named.lineno + offset)
    fields = project.care.as_dict()
    for node in tree.find_all(jinja2.nodes.Getattr):
        if isinstance(node.node, jinja2.nodes.Name) and node.node.name == "care" and node.attr not in fields:
            hint = did_you_mean(node.attr, fields)
            raise ContentError(f"unknown setting 'care.{node.attr}'{hint} (settings live in extra.care in mkdocs.yml)",
                               node.lineno + offset)
    macros = PageMacros(project, page.src_path)
    try:
        # Compiled from the tree parsed above: each page is parsed once.
        markdown = _ENV.from_string(tree).render(**variables, **macros.as_globals())
    except ContentError as error:
        line = _template_line(error)
        raise ContentError(error.message, line + offset if line else None) from None
    except TypeError as error:
        line = _template_line(error)
        detail = str(error).replace("PageMacros.", "")
        raise ContentError(f"a macro has the wrong arguments: {detail}", line + offset if line else None) from None
    except jinja2.TemplateError as error:
        line = _template_line(error)
        raise ContentError(f"macro error: {error}", line + offset if line else None) from None
    return RenderedPage(markdown, macros)


def render_all(project: Project) -> tuple[dict[str, RenderedPage], list[Problem]]:
    rendered: dict[str, RenderedPage] = {}
    problems: list[Problem] = []
    for src, page in project.pages.items():
        try:
            rendered[src] = render_page(project, page)
        except ContentError as error:
            problems.append(Problem(project.docs_path(src), error.message, error.line))
    return rendered, problems

