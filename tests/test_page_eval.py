"""A page that only calls macros with plain values is rendered without compiling it: to the same Markdown."""

from __future__ import annotations

import pytest

from legcramps.model.project import Project, load_project
from legcramps.model.settings import load_settings
from legcramps.render.macros import PageMacros
from legcramps.render.page_eval import evaluate
from legcramps.render.page_render import _ENV, _no_bare_macro, page_variables
from tests.support.site import ROOT

pytestmark = pytest.mark.unit


def editions() -> list[Project]:
    found = []
    for config in ("mkdocs.yml", "mkdocs.es.yml"):
        project, problems = load_project(load_settings(ROOT / config))
        assert project is not None, problems
        found.append(project)
    return found


PAGES = [(project, src) for project in editions() for src in sorted(project.pages)]


@pytest.mark.parametrize(("project", "src"), PAGES, ids=[f"{p.settings.docs_dir.name}/{src}" for p, src in PAGES])
def test_every_page_renders_to_the_same_markdown_as_jinjas_compiled_template(project: Project, src: str) -> None:
    page = project.pages[src]
    names = page_variables(project, page)
    walked = evaluate(_ENV.parse(page.body), {**names, **PageMacros(project, src).as_globals()}, _no_bare_macro)
    compiled = _ENV.from_string(page.body).render(**names, **PageMacros(project, src).as_globals())
    assert walked == compiled  # every page of the site is plain macro calls


@pytest.mark.parametrize("body", [
    "{% if care.emergency_number %}Call {{ care.emergency_number }}{% endif %}",
    "{{ care.emergency_number | upper }}",
    "{{ 'a' ~ 'b' }}",
    "{{ title.nope }}",  # left to Jinja, which says what is undefined
])
def test_anything_more_is_left_to_jinja_and_no_macro_runs_first(body: str) -> None:
    project = editions()[0]
    calls: list[str] = []
    names = {**page_variables(project, project.pages["index.md"]), "cite": lambda *keys: calls.append("cite") or ""}
    assert evaluate(_ENV.parse('{{ cite("x") }} ' + body), names, _no_bare_macro) is None
    assert calls == []
