"""Every editor rule, run over the project model: each mistake becomes one plain line.

`run_checks` is what `python -m legcramps check`, the MkDocs build and the Zensical build all call.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date

from markupsafe import escape

from legcramps.checks.links import check_links
from legcramps.errors import ContentError, Problem, did_you_mean
from legcramps.model.datafile import line_of
from legcramps.model.handout_plan import HANDOUT_PLAN_FILE as HANDOUT_PLAN
from legcramps.model.page_model import check_strategy_sections
from legcramps.model.project import BIBLIOGRAPHY, Project
from legcramps.model.search_terms import SEARCH_TERMS_FILE
from legcramps.model.source_dates import reminder_problems, source_problems, stops_the_build
from legcramps.model.words import GRADE_KEYS
from legcramps.render.macros import GRADING_PAGE
from legcramps.render.page_render import RenderedPage, render_all
from legcramps.render.strategy_lists import FEATURED_MAX

# Overdue review and check dates never stop a build: the page is published with the overdue notice and
# the build lists it. Only a run with OVERDUE_FAILS=1 (the weekly scheduled check) stops on them.
OVERDUE_FAILS = "OVERDUE_FAILS"
_EMPTY_ALT = re.compile(r"!\[\s*\]\(")
_SHORT_ALT = re.compile(r"!\[([^\]\n]*\S[^\]\n]*)\]\(")  # an image's alt text, when it has one
MIN_ALT = 20  # "Calf stretch" names the picture; a reader who cannot see it needs what it shows
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"\balt\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE)


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    rendered: dict[str, RenderedPage] = field(default_factory=dict)


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def check_pages(project: Project, today: date, allow_overdue: bool = False) -> list[Problem]:
    problems = []
    for src, page in project.pages.items():
        where = project.docs_path(src)
        meta = page.meta
        for target in meta.related:
            if not project.has_page(target):
                hint = did_you_mean(target, project.pages)
                problems.append(Problem(where, f"field 'related' names '{target}', which is not a page in "
                                                   f"{project.settings.docs_dir.name}/{hint}",
                                        line_of(page.source, "related")))
        if meta.is_overdue(today) and not allow_overdue:
            problems.append(Problem(where, _overdue_line(meta.next_review)))
        if meta.is_strategy:
            try:
                check_strategy_sections(page.body, project.words.strategy_sections)
            except ContentError as error:
                problems.append(Problem(where, error.message))
        for match in _EMPTY_ALT.finditer(page.source):
            problems.append(Problem(where, "image without alt text: write what it shows, e.g. ![A calf stretch](file.svg)",
                                    _line_at(page.source, match.start())))
        for match in _SHORT_ALT.finditer(page.source):
            if len(match.group(1).strip()) < MIN_ALT:
                problems.append(Problem(where, f"the alt text '{match.group(1).strip()}' only names the picture: write "
                                               "a sentence saying what it shows, e.g. ![A person leans on a wall with one "
                                               "leg straight behind](file.svg)", _line_at(page.source, match.start())))
        for match in _IMG_TAG.finditer(page.source):
            alt = _ALT.search(match.group(0))
            if alt is None or not alt.group(1).strip("\"' "):
                problems.append(Problem(where, 'image without alt text: add alt="what it shows" to the <img> tag',
                                        _line_at(page.source, match.start())))
    return problems


def check_nav(project: Project) -> list[Problem]:
    listed = project.nav_paths()
    config, docs = project.settings.config_name, project.settings.docs_dir.name
    problems = [Problem(config, f"nav lists '{path}', which is not a page in {docs}/{did_you_mean(path, project.pages)}")
                for path in listed if not project.has_page(path)]
    problems += [Problem(project.docs_path(src), f"this page is not in the navigation: add it to nav in {config}")
                 for src in project.pages if src not in listed]
    return problems


def check_handout_plan(project: Project) -> list[Problem]:
    plan = project.handout
    problems = []
    in_nav = set(project.nav_paths())
    for src in plan.strategies:
        page = project.pages.get(src)
        if src in project.unreadable or (page is not None and src not in in_nav):
            continue  # named by its own mistake, or as missing from the navigation (check_nav)
        if page is None or not page.meta.is_strategy:
            choices = [meta.src_path for meta in project.strategies()]
            problems.append(Problem(HANDOUT_PLAN, f"'{src}' is not a strategy page{did_you_mean(src, choices)}", plan.line(src)))
    for key in plan.sources:
        if key not in project.bibliography:
            problems.append(Problem(HANDOUT_PLAN, f"unknown citation key '{key}'{did_you_mean(key, project.bibliography)}",
                                    plan.line(key)))
    return problems


def check_search_signs(project: Project) -> list[Problem]:
    """Every sign id the shared search list names is a warning sign: a misspelt one would leave that sign
    out of the answers search gives (search/signs.py), with no other sign of it."""
    known = [sign_id for signs in (project.signs, project.topic_signs) for tier in signs.tiers.values() for sign_id in tier]
    where = project.rel(project.settings.words_dir / SEARCH_TERMS_FILE)
    return [Problem(where, f"no warning sign has the id '{sign_id}'{did_you_mean(sign_id, known)}: use the id the "
                           "sign has in warning-signs.yml or topic-signs.yml, or these phrases answer nothing",
                    project.search_terms.sign_lines.get(sign_id))
            for sign_id in project.search_terms.signs if sign_id not in known]


def check_featured(project: Project) -> list[Problem]:
    """The home page's list stays short: it shows the featured strategies, then links to all of them."""
    featured = [meta for meta in project.strategies() if meta.featured]
    if len(featured) <= FEATURED_MAX:
        return []
    last = featured[-1].src_path
    return [Problem(project.docs_path(last), f"{len(featured)} strategy pages are featured on the home page; feature at "
                                             f"most {FEATURED_MAX}: take 'featured: true' off this page or another",
                    line_of(project.pages[last].source, "featured"))]


def check_grading_page(project: Project) -> list[Problem]:
    page = project.pages.get(GRADING_PAGE)
    if GRADING_PAGE in project.unreadable:
        return []
    if page is None:
        return [Problem(project.docs_path(GRADING_PAGE),
                        "the evidence grading page is missing: every evidence badge links to it")]
    return [Problem(project.docs_path(GRADING_PAGE), f"no heading with the anchor '{key}': write ### Title {{ #{key} }}")
            for key in GRADE_KEYS if not re.search(rf"\{{\s*#{re.escape(key)}\s*\}}", page.body)]


def check_citations(project: Project, rendered: dict[str, RenderedPage]) -> list[Problem]:
    cited = {key for page in rendered.values() for key in page.macros.citations.order}
    cited |= set(project.handout.sources)
    language = project.settings.language.split("-")[0]
    problems = [Problem(BIBLIOGRAPHY, f"source '{key}' is cited by no page: cite it or delete it", source.line)
                for key, source in project.bibliography.items()
                if key not in cited and (source.language or "en") == language]  # another language's edition cites it
    # A source in another language (`language: es`) serves only its own edition's readers; English sources
    # are cited everywhere (a translated edition says which of its sources are in English).
    for src, page in sorted(rendered.items()):
        for key in page.macros.citations.order:
            other = project.bibliography[key].language
            if other and other != language:
                text = project.pages[src].source
                problems.append(Problem(project.docs_path(src), f"cites '{key}', a source in another language "
                                        f"(language: {other}): cite a source readers of this edition can read",
                                        _line_at(text, text.find(key)) if key in text else None))
    return problems


def check_source_dates(project: Project, today: date, allow_overdue: bool = False) -> list[Problem]:
    """Source checks that stop the build (rules and reminders: legcramps/model/source_dates.py)."""
    return [Problem(BIBLIOGRAPHY, problem.line(), project.bibliography[problem.key].line_of(problem.field))
            for problem in source_problems(project.bibliography, today) if stops_the_build(problem, allow_overdue)]


def overdue_allowed() -> bool:
    """True unless this run set OVERDUE_FAILS: overdue dates then publish with a notice instead of stopping."""
    return not os.environ.get(OVERDUE_FAILS)


def _overdue_line(next_review: date) -> str:
    return (f"review overdue since {next_review.isoformat()}: review the page and update 'reviewed' and "
            "'next_review' (until then the page shows readers an overdue notice)")


def date_reminders(project: Project, today: date, allow_overdue: bool = False) -> list[Problem]:
    """Dates to act on: source checks due soon and, when overdue dates are allowed, every overdue page and
    source. Shown by the build and `check`, never fatal (see CONTRIBUTING)."""
    pages = [Problem(project.docs_path(src), _overdue_line(page.meta.next_review))
             for src, page in project.pages.items() if allow_overdue and page.meta.is_overdue(today)]
    return pages + [Problem(BIBLIOGRAPHY, problem.line(), project.bibliography[problem.key].line)
                    for problem in reminder_problems(project.bibliography, today, allow_overdue)]


# The pages that must show the shared safety content in full, as the handout prints it.
HELP_PAGE = "when-to-get-help.md"
QUICK_PAGE = "cramp-right-now.md"


def check_shared_content(project: Project, rendered: dict[str, RenderedPage]) -> list[Problem]:
    """The handout prints every sign and step: the pages it sends readers to must show them too."""
    problems = []
    if QUICK_PAGE in rendered and 'class="quick-steps"' not in rendered[QUICK_PAGE].markdown:
        problems.append(Problem(project.docs_path(QUICK_PAGE), "the page must show the quick steps: write {{ quick_steps() }}"))
    if HELP_PAGE in rendered:
        shown = rendered[HELP_PAGE].markdown
        for tier, signs in project.signs.tiers.items():
            if any(str(escape(sign)) not in shown for sign in signs.values()):
                problems.append(Problem(project.docs_path(HELP_PAGE),
                                        f'the page must show every {tier} sign: write {{{{ urgency("{tier}") }}}}'))
    return problems


def run_checks(project: Project, today: date, allow_overdue: bool = False) -> CheckResult:
    """Every content rule. The rendered pages come back too: the page footers use their citations."""
    result = CheckResult()
    result.problems += check_pages(project, today, allow_overdue)
    result.problems += check_nav(project)
    result.problems += check_handout_plan(project)
    result.problems += check_search_signs(project)
    result.problems += check_grading_page(project)
    result.problems += check_featured(project)
    result.problems += check_source_dates(project, today, allow_overdue)
    result.rendered, render_problems = render_all(project)
    result.problems += render_problems
    if not render_problems and not project.unreadable:  # a page not rendered has not cited its sources yet
        result.problems += check_citations(project, result.rendered)
        result.problems += check_shared_content(project, result.rendered)
    result.problems += check_links(project)
    return result
