"""Generated sites for the scaling benchmark: N strategy pages made from templates/strategy.md.

The generated project is a copy of the real engine (mkdocs.yml, hooks/, overrides/, data/,
templates/, the stylesheet and pictures) with its own small set of non-strategy pages, so it builds
whatever state the real content is in. Every page goes through the real macros, citations and page
model: valid front matter, unique titles, text of its own under every heading (bench/prose.py, from
the real pages' words), future review dates, three cite() calls per page with keys taken in turn
from data/bibliography.yml (so every key is cited somewhere, as the build requires).

The navigation is the project's own design (mkdocs.yml's features, navigation.prune included): the
strategies in groups of GROUP_SIZE, each group a nav section with its own page listing its strategies
(`strategy_cards("section")`), a strategies page listing the groups (`strategy_groups()`), and a home
page with the first FEATURED strategies (`featured: true`) and a link to all of them.

The handout lists the strategies named in data/handout.yml: the generated one names the first 10
(as many as the real handout), so every generated site pays the real handout's cost.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml

from bench.common import ROOT
from bench.prose import paragraph
from legcramps.model.citations import load_bibliography
from legcramps.model.handout_plan import MAX_STRATEGIES
from legcramps.model.page_model import split_front_matter

ENGINE = ("mkdocs.yml", "hooks", "overrides", "data", "templates")
DOCS_KEPT = ("stylesheets", "assets")  # non-Markdown files the theme and pages use
CONFIG = "mkdocs-bench.yml"  # inherits the real mkdocs.yml; only the navigation differs
GROUP_SIZE = 50  # strategies per group (nav section)
FEATURED = 4  # strategies on the home page, as on the real one

_WORDS = (
    "calf", "thigh", "foot", "night", "evening", "morning", "gentle", "slow", "warm", "cool",
    "standing", "seated", "towel", "wall", "step", "ankle", "toe", "knee", "hamstring", "shin",
)


def _title(index: int) -> str:
    first = _WORDS[index % len(_WORDS)]
    second = _WORDS[(index // len(_WORDS)) % len(_WORDS)]
    return f"Strategy {index:04d}: {first} {second} routine"


def _slug(index: int) -> str:
    return f"strategies/gen-{index:04d}.md"


def _page(front: dict[str, object], body: str) -> str:
    return "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000) + "---\n\n" + body


def _group(index: int) -> str:
    return f"strategies/group-{index // GROUP_SIZE + 1:02d}/index.md"


def strategy_page(template: str, index: int, count: int, keys: list[str], today: date) -> str:
    """One strategy page: the template's sections, each with its own text (bench/prose.py), and three citations."""
    front, body = split_front_matter(template)
    title = _title(index)
    grades = list(_grade_words())
    front.update(
        title=title,
        description=f"{title}: a generated strategy page for the build benchmark. It is safe to try and easy to do.",
        keywords=[f"strategy {index}", _WORDS[index % len(_WORDS)], "leg cramp", "charley horse"],
        reviewed=today,
        next_review=today + timedelta(days=365),
        related=["when-to-get-help.md", _slug((index + 1) % count)],
        grade=grades[index % len(grades)],
    )
    if index < FEATURED:
        front["featured"] = True
    cited = [keys[(3 * index + offset) % len(keys)] for offset in range(3)]
    lines = []
    for number, line in enumerate(body.splitlines()):
        if line.startswith("# "):
            line = f"# {title}"
        elif "{{ cite(" in line:
            line = line.split("{{ cite(")[0] + "{{ cite(" + ", ".join(f'"{k}"' for k in cited[:2]) + ") }}"
        lines.append(line)
        if line.startswith("## "):
            lines += ["", paragraph(f"{index}-{number}"), ""]
        if line.startswith("## Why it might help"):
            lines += [f"One review looked at this question.{{{{ cite(\"{cited[2]}\") }}}}", ""]
    return _page(front, "\n".join(lines) + "\n")


def _other_page(title: str, related: list[str], body: str, today: date) -> str:
    front = {
        "title": title,
        "description": f"{title}: a page of the generated benchmark site.",
        "keywords": [title.lower(), "leg cramp"],
        "reviewed": today,
        "next_review": today + timedelta(days=365),
        "related": related,
    }
    return _page(front, f"# {title}\n\n{body}\n")


def _grade_words() -> dict[str, dict[str, str]]:
    grades: dict[str, dict[str, str]] = yaml.safe_load((ROOT / "data" / "en" / "words.yml").read_text())["grades"]
    return grades


def _grading_body() -> str:
    parts = ["How we grade the evidence for each strategy.", ""]
    for key, grade in _grade_words().items():
        parts += [f"## {grade['label'].capitalize()} {{ #{key} }}", "", grade["meaning"], ""]
    return "\n".join(parts)


def generate_site(destination: Path, count: int, today: date | None = None) -> Path:
    """Write a buildable project with `count` strategy pages into `destination`; return it."""
    today = today or date.today()
    destination.mkdir(parents=True, exist_ok=True)
    for name in ENGINE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    docs = destination / "docs"
    docs.mkdir()
    for name in DOCS_KEPT:
        if (ROOT / "docs" / name).is_dir():
            shutil.copytree(ROOT / "docs" / name, docs / name)

    # English sources only: a source in another language is cited by that language's edition.
    keys = [key for key, source in load_bibliography(ROOT / "data" / "bibliography.yml").items() if not source.language]
    if 3 * count < len(keys):
        raise ValueError(f"{count} pages cannot cite all {len(keys)} sources")
    template = (ROOT / "templates" / "strategy.md").read_text(encoding="utf-8")
    (docs / "strategies").mkdir()
    for index in range(count):
        (docs / _slug(index)).write_text(strategy_page(template, index, count, keys, today), encoding="utf-8")

    strategies = [_slug(index) for index in range(count)]
    groups = [strategies[start : start + GROUP_SIZE] for start in range(0, count, GROUP_SIZE)]
    pages = {
        "index.md": _other_page(
            "Generated leg cramps guide",
            ["when-to-get-help.md"],
            '{{ strategy_cards("featured") }}\n\n[See every way](strategies/index.md){ .md-button }',
            today,
        ),
        "strategies/index.md": _other_page(
            "Ways to ease and prevent leg cramps", ["cramp-right-now.md"], "{{ strategy_groups() }}", today
        ),
        "cramp-right-now.md": _other_page(
            "Cramp right now?",
            ["when-to-get-help.md"],
            "{{ quick_steps() }}",
            today,
        ),
        "when-to-get-help.md": _other_page(
            "When to get help",
            ["cramp-strain-or-clot.md"],
            '{{ urgency("emergency") }}\n\n{{ urgency("urgent") }}\n\n{{ urgency("soon") }}\n\n'
            '{{ urgency("routine") }}',
            today,
        ),
        "handout.md": _other_page("Handout", ["cramp-right-now.md"], "The printable handout.", today),
        "cramp-strain-or-clot.md": _other_page(
            "Cramp, strain or clot?", ["when-to-get-help.md"], "How to tell them apart.", today
        ),
        "about/grading.md": _other_page("How we grade evidence", ["index.md"], _grading_body(), today),
    }
    for number, members in enumerate(groups, 1):
        pages[_group(strategies.index(members[0]))] = _other_page(
            f"Group {number:02d} of ways to ease cramps", ["strategies/index.md"],
            '## What you can try\n\n{{ strategy_cards("section") }}', today
        )
    for path, text in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")

    plan = yaml.safe_load((ROOT / "data" / "handout.yml").read_text())
    plan["strategies"] = strategies[:MAX_STRATEGIES]
    (destination / "data" / "handout.yml").write_text(yaml.safe_dump(plan, sort_keys=False), encoding="utf-8")
    sections = [{f"Group {number:02d}": [_group(strategies.index(members[0])), *members]}
                for number, members in enumerate(groups, 1)]
    config = {"INHERIT": "mkdocs.yml", "nav": _nav(["strategies/index.md", *sections])}
    (destination / CONFIG).write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return destination


def _nav(strategies: list[object]) -> list[object]:
    return [
        {"Home": "index.md"},
        {"Cramp right now?": "cramp-right-now.md"},
        {"Strategies": strategies},
        {"When to get help": "when-to-get-help.md"},
        {"Cramp, strain or clot?": "cramp-strain-or-clot.md"},
        {"Handout (PDF)": "handout.md"},
        {"About": ["about/grading.md"]},
    ]


def page_count(site: Path) -> int:
    """How many Markdown pages a generated project builds."""
    return sum(1 for _ in (site / "docs").rglob("*.md"))
