"""The content rules CI enforces beyond the build: each a small function the tests call, and `check` reports.

`make build` stops on what would break the site; these rules are about what readers get (plain
words, enough sources, a safety box, no typed phone number). `python -m legcramps check` runs them
all, one line per mistake (the reading measures: legcramps.content_check.reading); the test suite calls the
same functions on the built pages.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from legcramps.checks.placeholders import check_placeholders
from legcramps.checks.readability import QUICK_PAGE
from legcramps.errors import Problem
from legcramps.model.citations import Source
from legcramps.session import Build

MIN_SOURCES = 2  # sources a strategy page cites at least
QUICK_STEPS_MAX = 5  # steps "Cramp right now?" shows at most
HOME_PAGE = "index.md"
QUICK_STEPS_HTML = 'class="quick-steps"'  # the pages showing {{ quick_steps() }} (the home and quick pages)
SAFETY_CALLOUTS = ('class="admonition warning caution"', 'class="admonition question check-first"')
PHONE_NUMBER = re.compile(r"\b(911|999|111|112)\b")  # every care setting's number: never typed in a page
LINK_ADDRESS = re.compile(r"\]\([^)\n]*\)")
QUALITY_MARKS = ("HONcode", "PIF TICK", "Information Standard", "Reviewed by Dr", "medically reviewed by")


def too_few_sources(cited: Collection[str]) -> bool:
    return len(set(cited)) < MIN_SOURCES


def cites_a_study(cited: Collection[str], bibliography: Mapping[str, Source]) -> bool:
    """At least one source a reader can look up as a study: a DOI or a PubMed number."""
    return any(bibliography[key].doi or bibliography[key].pmid for key in cited if key in bibliography)


def shows_safety_callout(html: str) -> bool:
    return any(callout in html for callout in SAFETY_CALLOUTS)


def typed_phone_number(text: str) -> re.Match[str] | None:
    """An emergency number written in the page's words; a link's address is not read ('#call-911' is an anchor)."""
    return PHONE_NUMBER.search(LINK_ADDRESS.sub(lambda found: " " * len(found.group(0)), text))


def quality_claim(text: str) -> str | None:
    """A quality mark or reviewer the site claims; a plain statement that it does NOT hold one is fine."""
    for claim in QUALITY_MARKS:
        if claim.lower() in text.lower() and not re.search(r"\b(not|no|never)\b[^.]*" + re.escape(claim.split()[0]),
                                                            text, re.IGNORECASE):
            return claim
    return None


def _line(text: str, needle: str, start: int = 0) -> int | None:
    index = text.find(needle, start)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def check_content(build: Build) -> list[Problem]:
    """Every rule above over one edition; only pages that rendered (the others' mistakes come first)."""
    project, rendered = build.project, build.checks.rendered
    problems: list[Problem] = []
    for src, page in project.pages.items():
        where = project.docs_path(src)
        number = typed_phone_number(page.source)
        if number:
            problems.append(Problem(where, f"a phone number ({number.group(1)}) is typed in the page: write "
                                           "{{ care.emergency_number }} instead, so each country's site shows its own",
                                    page.source.count("\n", 0, number.start()) + 1))
        claim = quality_claim(page.source)
        if claim:
            problems.append(Problem(where, f"the page mentions '{claim}': the site holds no quality mark and names "
                                           "no reviewer: take it out, or say plainly that the site does not hold it",
                                    _line(page.source, claim)))
        if not page.meta.is_strategy or src not in rendered:
            continue
        cited = rendered[src].macros.citations.order
        cite_line = _line(page.source, "cite(") or page.body_line + 1
        if too_few_sources(cited):
            problems.append(Problem(where, f"a strategy page cites at least {MIN_SOURCES} sources and this one cites "
                                           f"{len(cited)}: add {{{{ cite(\"key\") }}}} after the sentences they support",
                                    cite_line))
        elif not cites_a_study(cited, project.bibliography):
            problems.append(Problem(where, "none of the page's sources is a study with a DOI or PubMed number: "
                                           "cite at least one (an entry with doi: or pmid: in data/bibliography.yml)",
                                    cite_line))
        if not shows_safety_callout(rendered[src].markdown):
            safety = project.words.strategy_sections[3]
            problems.append(Problem(where, "a strategy page needs a safety box: add {{ caution(\"...\") }} or "
                                           f"{{{{ check_first(...) }}}} under '## {safety}'",
                                    _line(page.source, f"## {safety}")))
    problems += _check_quick_steps(build)
    problems += check_placeholders(project)
    return problems


def _check_quick_steps(build: Build) -> list[Problem]:
    project, rendered = build.project, build.checks.rendered
    problems = []
    if HOME_PAGE in rendered and QUICK_STEPS_HTML not in rendered[HOME_PAGE].markdown:
        problems.append(Problem(project.docs_path(HOME_PAGE),
                                "the home page must show the quick steps: write {{ quick_steps() }}"))
    if len(project.steps.steps) > QUICK_STEPS_MAX:
        path = project.settings.words_dir / "quick-steps.yml"
        text = path.read_text(encoding="utf-8")
        line = None
        for match in list(re.finditer(r"^\s*- do:", text, re.MULTILINE))[QUICK_STEPS_MAX:QUICK_STEPS_MAX + 1]:
            line = text.count("\n", 0, match.start()) + 1
        problems.append(Problem(project.rel(path), f"{len(project.steps.steps)} quick steps; '{QUICK_PAGE}' shows at most "
                                                   f"{QUICK_STEPS_MAX}: merge two steps or take one out", line))
    return problems
