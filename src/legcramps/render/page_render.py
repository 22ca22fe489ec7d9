"""Render a page's macros with the real macro functions, outside any site engine.

The checks use it to find every macro mistake with its line before a site engine runs, and the
page footers use the citations it collects. MkDocs and Zensical render the same page with the same
functions through `legcramps.engines.macros_module`.
"""

from __future__ import annotations

import hashlib
import inspect
import re
import traceback
from dataclasses import dataclass
from datetime import date

import jinja2
import jinja2.meta

from legcramps.errors import ContentError, Problem, did_you_mean
from legcramps.model.page_model import front_matter_text
from legcramps.model.project import Page, Project, project_inputs
from legcramps.render.macros import MACRO_NAMES, PageMacros
from legcramps.render.page_eval import evaluate

# Besides the macros, pages may use `care` (e.g. {{ care.emergency_number }}) and their own fields.
VARIABLES = ("care",)


def _no_bare_macro(value: object) -> object:
    """`{{ evidence }}` without brackets would print Python's name for the function into the page."""
    if callable(value):
        name = getattr(value, "__name__", "macro")
        raise ContentError(f"the macro '{name}' needs brackets: write {{{{ {name}() }}}}")
    return value


_ENV = jinja2.Environment(
    undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True, finalize=_no_bare_macro
)
_BLOCK_TAGS = ("if", "for", "macro", "call", "filter", "with", "block", "raw", "autoescape")


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


def _syntax_error(body: str, error: jinja2.TemplateSyntaxError) -> tuple[str, int]:
    """The message and body line of a Jinja syntax error.

    Jinja reports an unclosed quote where the text next makes sense to it, often lines later, and
    an unclosed {% if %} at the end of the page: point at the {{ or {% left open instead.
    """
    reported = error.lineno or 1
    open_tag: int | None = None
    blocks: list[tuple[str, int]] = []
    tag_name_next = False
    try:
        for line, kind, value in _ENV.lex(body):
            if line >= reported:
                break
            if kind in ("variable_end", "block_end"):
                open_tag = None
            elif tag_name_next and kind == "name":
                if value in _BLOCK_TAGS:
                    blocks.append((value, line))
                elif value.startswith("end") and blocks:
                    blocks.pop()
            if kind != "whitespace":
                tag_name_next = kind == "block_begin"
            if kind in ("variable_begin", "block_begin"):
                open_tag = line
    except jinja2.TemplateSyntaxError:
        pass
    if open_tag is not None:
        return "macro written wrongly: it is not closed (check its quotes and brackets, and end it with }})", open_tag
    if blocks and "end of template" in (error.message or ""):
        name, line = blocks[-1]
        return f"macro written wrongly: {{% {name} %}} is never closed (add {{% end{name} %}} where it should end)", line
    return f"macro written wrongly: {error.message} (check the {{{{ }}}} and quotes)", reported


def _wrong_arguments(macros: PageMacros, detail: str) -> str:
    """Python counts `self` among a method's arguments ("takes 2 ... but 3 were given" for two):
    say how to write the macro instead."""
    detail = detail.replace("PageMacros.", "")
    found = re.match(r"(\w+)\(\)", detail)
    if not found or found.group(1) not in MACRO_NAMES:
        return f"a macro has the wrong arguments: {detail}"
    name = found.group(1)
    params = []
    for param in inspect.signature(getattr(macros, name)).parameters.values():
        if param.kind is param.VAR_POSITIONAL:
            params.append(f"{param.name}...")
        else:
            params.append(param.name if param.default is param.empty else f"{param.name}={param.default}")
    if re.search(r"positional arguments? but \d+ (were|was) given", detail):
        detail = f"{name}() was given too many values"
    return f"a macro has the wrong arguments: {detail}; write {name}({', '.join(params)})"


def page_variables(project: Project, page: Page) -> dict[str, object]:
    """What a page's Jinja can read besides the macros: its own front matter and `care`."""
    return {**page.data, "care": project.care}


def render_page(project: Project, page: Page) -> RenderedPage:
    """Render one page's macros; raise ContentError with the page line of the first mistake."""
    offset = page.body_line
    try:
        tree = _ENV.parse(page.body)
    except jinja2.TemplateSyntaxError as error:
        message, where = _syntax_error(page.body, error)
        raise ContentError(message, where + offset) from None
    variables = page_variables(project, page)
    known = set(MACRO_NAMES) | set(variables)
    loaded = {node.name for node in tree.find_all(jinja2.nodes.Name) if node.ctx == "load"}
    # Only a name the page reads can be undeclared; Jinja's own scope analysis (a code-generation
    # pass as costly as compiling the page) is needed only when one of them is not a known name.
    undeclared = jinja2.meta.find_undeclared_variables(tree) if not loaded <= known else set()
    for name in sorted(undeclared):
        if name not in known:
            named = next(n for n in tree.find_all(jinja2.nodes.Name) if n.name == name)
            raise ContentError(f"unknown macro or variable '{name}'{did_you_mean(name, sorted(known))}", named.lineno + offset)
    fields = project.care.as_dict()
    for node in tree.find_all(jinja2.nodes.Getattr):
        if isinstance(node.node, jinja2.nodes.Name) and node.node.name == "care" and node.attr not in fields:
            hint = did_you_mean(node.attr, fields)
            raise ContentError(f"unknown setting 'care.{node.attr}'{hint} (settings live in extra.care in mkdocs.yml)",
                               node.lineno + offset)
    macros = PageMacros(project, page.src_path)
    try:
        # From the tree parsed above (each page is parsed once): walked directly when the page only
        # calls macros with plain values, else compiled by Jinja.
        markdown = evaluate(tree, {**variables, **macros.as_globals()}, _no_bare_macro)
        if markdown is None:
            markdown = _ENV.from_string(tree).render(**variables, **macros.as_globals())
    except ContentError as error:
        line = _template_line(error) or error.line
        raise ContentError(error.message, line + offset if line else None) from None
    except TypeError as error:
        line = _template_line(error) or getattr(error, "lineno", None)
        raise ContentError(_wrong_arguments(macros, str(error)), line + offset if line else None) from None
    except jinja2.TemplateError as error:
        line = _template_line(error)
        raise ContentError(f"macro error: {error}", line + offset if line else None) from None
    return RenderedPage(markdown, macros)


def _shared_inputs(project: Project) -> str:
    """A digest of everything a page's macros read besides the page itself: settings, data files, every
    page's front matter (titles, grades and descriptions show on other pages), and the date."""
    digest = hashlib.sha256(repr((project.settings, date.today())).encode())
    for path in project_inputs(project.settings):
        if path.suffix != ".md" and path.is_file():
            digest.update(path.read_bytes())
    for src, page in sorted(project.pages.items()):
        digest.update(f"\0{src}\0{front_matter_text(page.source)}".encode())
    return digest.hexdigest()


# Pages rendered before: `make serve` checks every page on each rebuild, and a page whose text and
# shared inputs are unchanged renders to the same Markdown.
_rendered: dict[str, tuple[str, str, RenderedPage]] = {}


def render_all(project: Project) -> tuple[dict[str, RenderedPage], list[Problem]]:
    rendered: dict[str, RenderedPage] = {}
    problems: list[Problem] = []
    shared = _shared_inputs(project)
    for src, page in project.pages.items():
        cache_key = str(project.settings.docs_dir / src)
        known = _rendered.get(cache_key)
        if known and known[0] == page.source and known[1] == shared:
            rendered[src] = known[2]
            continue
        try:
            rendered[src] = render_page(project, page)
        except ContentError as error:
            problems.append(Problem(project.docs_path(src), error.message, error.line))
            continue
        _rendered[cache_key] = (page.source, shared, rendered[src])
    return rendered, problems

