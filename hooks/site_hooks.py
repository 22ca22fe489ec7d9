"""MkDocs hooks: thin glue between MkDocs, mkdocs-macros and the plain core in `hooks/`.

Every content mistake becomes one `PluginError` line that starts with the file name, raised before
any page is written. Macro misuse is caught here too, so mkdocs-macros never renders its error box.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable

import jinja2.meta
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from legcramps.callouts import caution_callout, check_first_callout, urgency_callout
from legcramps.care import CareSettings
from legcramps.citations import PageCitations, Source, load_bibliography
from legcramps.errors import ContentError
from legcramps.handout import HandoutError, build_handout
from legcramps.evidence import GRADES, evidence_badge
from legcramps.page_model import (
    PageMeta,
    check_strategy_sections,
    parse_page_meta,
    split_front_matter,
)
from legcramps.render import page_footer, review_banner, strategy_cards
from legcramps.source_dates import render_source_table, source_problems

log = logging.getLogger("mkdocs.plugins.leg_cramps")

BIBLIOGRAPHY = "data/bibliography.yml"  # relative to mkdocs.yml
GRADING_PAGE = "about/grading.md"
ALLOW_OVERDUE = "ALLOW_OVERDUE_REVIEW"


@dataclass
class BuildState:
    """Everything one build knows about the site, reset in `on_config`."""

    care: CareSettings
    bibliography: dict[str, Source]
    pages: dict[str, PageMeta] = field(default_factory=dict)
    sources: dict[str, tuple[dict[str, Any], str]] = field(default_factory=dict)  # front matter, body
    files: Files | None = None
    nav_order: list[str] = field(default_factory=list)
    page: Page | None = None  # the page whose macros are rendering now
    citations: dict[str, PageCitations] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def url_to(self, src_path: str) -> str:
        """The address of a documentation page, relative to the page being rendered."""
        assert self.files is not None and self.page is not None
        target = self.files.get_file_from_path(src_path)
        if target is None:
            raise ContentError(f"the page {src_path} does not exist")
        return get_relative_url(target.url, self.page.url)


_state: BuildState | None = None


def _fail(where: str, error: Exception | str) -> PluginError:
    return PluginError(f"{where}: {error}")


def _build() -> BuildState:
    assert _state is not None, "hooks used before on_config"
    return _state


# ---------------------------------------------------------------------------- macros


def _macro(function: Callable[..., Markup]) -> Callable[..., Markup]:
    """Wrap a macro: a misuse is recorded against the page and fails the build after rendering."""

    def wrapper(*args: Any, **kwargs: Any) -> Markup:
        state = _build()
        try:
            return function(*args, **kwargs)
        except (ContentError, TypeError) as error:
            assert state.page is not None
            message = str(error)
            if isinstance(error, TypeError):
                name = function.__name__.removeprefix("macro_")
                message = f"wrong arguments to {name}(): {str(error).replace(function.__name__, name)}"
            state.errors.setdefault(state.page.file.src_path, []).append(message)
            return Markup('<span class="macro-error"></span>')

    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper


def macro_urgency(tier: str, *signs: str) -> Markup:
    """Urgency callout: tier (emergency, urgent, soon, routine), then one argument per sign."""
    return urgency_callout(_build().care, tier, signs)


def macro_caution(message: str, title: str = "Be careful") -> Markup:
    """A risk inside a strategy."""
    return caution_callout(message, title)


def macro_check_first(*groups: str, why: str | None = None) -> Markup:
    """Who should ask a doctor or pharmacist before trying this."""
    return check_first_callout(groups, why)


def macro_evidence(grade: str | None = None, context: str | None = None) -> Markup:
    """Evidence badge: the page's own grade, or the one given."""
    state = _build()
    assert state.page is not None
    if grade is None:
        grade = state.pages[state.page.file.src_path].grade
        if grade is None:
            raise ContentError("evidence() without a grade works on strategy pages only")
    return evidence_badge(grade, state.url_to(GRADING_PAGE), context)


def macro_cite(*keys: str) -> Markup:
    """Numbered citation(s); the page's source list is added at its end."""
    state = _build()
    assert state.page is not None
    src = state.page.file.src_path
    page_citations = state.citations.setdefault(src, PageCitations(state.bibliography))
    return page_citations.cite(keys)


def macro_strategy_cards() -> Markup:
    """Every strategy page as a card with its evidence badge, in navigation order."""
    state = _build()
    strategies = [state.pages[src] for src in state.nav_order if state.pages[src].is_strategy]
    return strategy_cards(
        strategies,
        url_for=state.url_to,
        badge_for=lambda meta: evidence_badge(meta.grade, state.url_to(GRADING_PAGE)),
    )


def macro_source_dates() -> Markup:
    """Every source with our last check, its own dates and its status (the editorial policy page)."""
    return render_source_table(_build().bibliography, date.today())


MACROS = {
    name.removeprefix("macro_"): _macro(function)
    for name, function in dict(globals()).items()
    if name.startswith("macro_")
}


# ---------------------------------------------------------------------------- events


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _state
    try:
        care = CareSettings.from_extra(config.extra)
    except ContentError as error:
        raise PluginError(str(error)) from None
    try:
        bibliography = load_bibliography(Path(config.config_file_path).parent / BIBLIOGRAPHY)
    except ContentError as error:
        raise _fail(BIBLIOGRAPHY, error) from None
    for problem in source_problems(bibliography, date.today()):  # rules: legcramps/source_dates.py
        if problem.kind == "error" or (problem.kind == "overdue" and not os.environ.get(ALLOW_OVERDUE)):
            raise _fail(BIBLIOGRAPHY, problem.line())
        log.info("Source reminder: %s: %s", BIBLIOGRAPHY, problem.line())
    _state = BuildState(care=care, bibliography=bibliography)
    macros = config.plugins.get("macros")
    if macros is None:
        raise PluginError("mkdocs.yml: the 'macros' plugin must be enabled")
    macros.register_macros(dict(MACROS))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = _build()
    state.files = files
    today = date.today()
    for file in files.documentation_pages():
        where = f"docs/{file.src_uri}"
        try:
            data, body = split_front_matter(file.content_string)
            meta = parse_page_meta(file.src_uri, data)
        except ContentError as error:
            raise _fail(where, error) from None
        for target in meta.related:
            linked = files.get_file_from_path(target)
            if linked is None or not linked.is_documentation_page():
                raise _fail(where, f"field 'related' names {target!r}, which is not a page in docs/")
        if meta.is_overdue(today) and not os.environ.get(ALLOW_OVERDUE):
            raise _fail(
                where,
                f"review overdue since {meta.next_review.isoformat()}: review the page and update "
                f"'reviewed' and 'next_review' (preview anyway with {ALLOW_OVERDUE}=1)",
            )
        state.pages[file.src_uri] = meta
        state.sources[file.src_uri] = (data, body)
    if GRADING_PAGE not in state.pages:
        raise _fail(f"docs/{GRADING_PAGE}", "the evidence grading page is missing")
    # The PDF handout (hooks/handout.py), made here so links to it validate under --strict.
    try:
        handout = build_handout(
            state.pages, lambda src: state.sources[src][1] if src in state.sources else None, config.nav, state.bibliography, state.care, config.site_url or "", config.site_name,
            root=Path(config.config_file_path).parent,
        )
    except HandoutError as error:
        raise PluginError(str(error)) from None
    for output in handout.files:
        files.append(File.generated(config, output.path, content=output.content))
    config.extra["handout"] = handout.links  # read by overrides/partials/handout-link.html
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _build().nav_order = [page.file.src_uri for page in nav.pages]
    return nav


_CARE_FIELD = re.compile(r"\bcare\.(\w+)")


def on_page_read_source(page: Page, config: MkDocsConfig) -> None:
    """Check a page's Jinja before mkdocs-macros renders it, so mistakes get a one-line message."""
    state = _build()
    state.page = page
    src = page.file.src_uri
    where = f"docs/{src}"
    data, body = state.sources[src]
    macros = config.plugins["macros"]
    try:
        tree = macros.env.parse(body)
    except jinja2.TemplateSyntaxError as error:
        line = error.lineno + page.file.content_string.count("\n") - body.count("\n")
        raise _fail(f"{where}:{line}", f"macro syntax error: {error.message}") from None
    known = set(macros.env.globals) | set(macros.variables) | set(data)
    unknown = sorted(jinja2.meta.find_undeclared_variables(tree) - known)
    if unknown:
        raise _fail(where, f"unknown macro or variable '{unknown[0]}' (see CONTRIBUTING.md for the macros)")
    for name in _CARE_FIELD.findall(body):
        if name not in state.care.__dataclass_fields__:
            raise _fail(where, f"unknown setting 'care.{name}' (use one of: {', '.join(state.care.__dataclass_fields__)})")
    if state.pages[src].is_strategy:
        try:
            check_strategy_sections(body)
        except ContentError as error:
            raise _fail(where, error) from None
    return None


@event_priority(-100)  # after mkdocs-macros has rendered the page
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = _build()
    src = page.file.src_uri
    errors = state.errors.get(src)
    if errors:
        raise _fail(f"docs/{src}", errors[0])
    meta = state.pages[src]
    # Material indexes front-matter tags with a high boost: the lay keywords go there.
    page.meta["tags"] = list(meta.keywords)
    citations = state.citations.get(src) or PageCitations(state.bibliography)
    related = [(state.pages[target].title, posixpath.relpath(target, posixpath.dirname(src) or ".")) for target in meta.related]
    banner = review_banner(meta) if meta.is_overdue(date.today()) else ""
    return banner + markdown + page_footer(meta, related, citations.references())


_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"\balt\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    where = f"docs/{page.file.src_uri}"
    for tag in _IMG.findall(html):
        alt = _ALT.search(tag)
        if alt is None or not alt.group(1).strip("\"' "):
            raise _fail(where, f"image without alt text: {tag[:120]} (write ![what it shows](file))")
    if "Macro Rendering Error" in html or "macro-error" in html or "{{" in html:
        raise _fail(where, "a macro was not rendered; check the {{ }} blocks on this page")
    if page.file.src_uri == GRADING_PAGE:  # every evidence badge links to one of these anchors
        for key in GRADES:
            if f'id="{key}"' not in html:
                raise _fail(where, f"no heading with the anchor '{key}' (write: ### Title {{ #{key} }})")
    return html


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """All pages are rendered now: every source in the bibliography must be cited somewhere."""
    state = _build()
    cited = {key for page in state.citations.values() for key in page.order}
    unused = sorted(set(state.bibliography) - cited)
    if unused:
        raise _fail(BIBLIOGRAPHY, f"source '{unused[0]}' is cited by no page: cite it or delete it")
    return env

