"""Build time: the project's overhead over a plain Material build, and scaling to 100 and 1,000 pages."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from bench.common import ChildRun, bench_env, gzip_size, median, mkdocs_build_args, run_child, tail
from bench.generate import CONFIG, GROUP_SIZE, generate_site, page_count
from bench.split import measure_split
from tests.support.site import copy_project

PLAIN_CONFIG = "mkdocs-plain.yml"
PLAIN_DOCS = "docs-plain"
PLAIN_OVERRIDES = "overrides-plain"
BASELINE = (
    "plain Material: the same docs/ with every Jinja {{ }} / {% %} / {# #} call deleted, plugins "
    "reduced to search, no hooks, no macros, no theme overrides, no handout PDF, not --strict "
    "(so no macro output, page footers, source lists or PDF)"
)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)

Log = Callable[[str], None]


class BuildFailed(RuntimeError):
    pass


def strip_jinja(text: str) -> str:
    return _JINJA.sub("", text)


def make_plain_variant(project: Path) -> str:
    """A copy of docs/ without Jinja and a config that inherits mkdocs.yml minus the engine."""
    docs = project / "docs"
    plain = project / PLAIN_DOCS
    shutil.copytree(docs, plain)
    for page in plain.rglob("*.md"):
        page.write_text(strip_jinja(page.read_text(encoding="utf-8")), encoding="utf-8")
    config = {
        "INHERIT": "mkdocs.yml",
        "docs_dir": PLAIN_DOCS,
        "plugins": [{"search": {"lang": "en"}}],
        "hooks": [],
        "strict": False,  # links to the handout PDF, which only the hooks make, would warn
        # An empty folder: Material's own templates, in Material's own English (the project's en-us
        # is a language file in its overrides).
        "theme": {"custom_dir": PLAIN_OVERRIDES, "language": "en"},
    }
    (project / PLAIN_OVERRIDES).mkdir()
    (project / PLAIN_CONFIG).write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return PLAIN_CONFIG


def _build(project: Path, config: str, out: Path, strict: bool, **env: str) -> ChildRun:
    if out.exists():
        shutil.rmtree(out)
    run = run_child(mkdocs_build_args(config, out, strict=strict), cwd=project, env={**bench_env(), **env})
    if not run.ok:
        raise BuildFailed(f"mkdocs build -f {config} failed in {project}:\n{tail(run.output)}")
    return run


def _html_bytes(site: Path) -> int:
    return sum(path.stat().st_size for path in site.rglob("*.html"))


def build_overhead(pairs: int, log: Log) -> dict[str, object]:
    """The English edition's strict build, cold and with an unchanged handout, against plain Material.

    The three kinds alternate (the order reversed every round) after one warm-up each, and each
    build's wall time and CPU time (user + system, steadier on a shared machine) are kept. "cold"
    renders the handout (no cache); "cached" finds it in the handout cache (HANDOUT_CACHE_DIR, warmed
    once), as a deploy build whose PDF inputs did not change and `make serve` do.
    """
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        (Path(tmp) / "project").mkdir()
        project = copy_project(Path(tmp) / "project")
        plain_config = make_plain_variant(project)
        out = Path(tmp) / "out"
        cache = str(Path(tmp) / "handout-cache")
        runs = {
            "cold": lambda: _build(project, "mkdocs.yml", out / "cold", strict=True),
            "cached": lambda: _build(project, "mkdocs.yml", out / "cached", strict=True, HANDOUT_CACHE_DIR=cache),
            "plain": lambda: _build(project, plain_config, out / "plain", strict=False),
        }
        log("  warm-up: one build of each kind (fills the handout cache)")
        for run in runs.values():
            run()
        pages = len(list((out / "cold").rglob("index.html")))
        wall: dict[str, list[float]] = {name: [] for name in runs}
        cpu: dict[str, list[float]] = {name: [] for name in runs}
        for pair in range(pairs):
            for name in list(runs) if pair % 2 == 0 else list(reversed(runs)):
                run = runs[name]()
                wall[name].append(run.seconds)
                cpu[name].append(run.cpu_seconds)
            log(f"  round {pair + 1}/{pairs}: " + ", ".join(f"{name} {wall[name][-1]:.2f} s" for name in runs))
        split = {kind: measure_split(project, kind == "cached", cache) for kind in ("cold", "cached")}
    medians = {name: median(wall[name]) for name in runs}
    cpu_medians = {name: median(cpu[name]) for name in runs}
    return {
        "pairs": pairs,
        "pages": pages,
        "command": "mkdocs build --strict -f mkdocs.yml (the English edition: macros, hooks, handout)",
        "baseline": BASELINE,
        "seconds": medians,
        "cpu_seconds": cpu_medians,
        "ratio": {name: medians[name] / medians["plain"] for name in ("cold", "cached")},
        "cpu_ratio": {name: cpu_medians[name] / cpu_medians["plain"] for name in ("cold", "cached")},
        "goal_ratio": {"cold": 2.5, "cold_stretch": 2.0, "cached": 1.5},
        "runs": wall,
        "cpu_runs": cpu,
        "split": split,
    }


def _html_pages(site: Path) -> list[tuple[str, int, int]]:
    """(page, bytes, gzip bytes) of every page a reader can open (each index.html, and 404.html)."""
    found = []
    for path in sorted(site.rglob("*.html")):
        data = path.read_bytes()
        found.append((path.relative_to(site).as_posix(), len(data), gzip_size(data)))
    return found


def _scale_one(site: Path, runs: int, log: Log, label: str) -> dict[str, object]:
    out = site.parent / f"{site.name}-site"
    # The handout drawn in the build's own process: its cost is then the same at every size, so the
    # marginal cost per page is the pages' own (in a second process it hides behind more or fewer pages).
    results = [_build(site, CONFIG, out, strict=True, HANDOUT_IN_PROCESS="1") for _ in range(runs)]
    pages = _html_pages(out)
    strategies = [size for name, size, _ in pages if name.startswith("strategies/gen-")]
    heaviest = max(pages, key=lambda page: page[2])
    shutil.rmtree(out)
    seconds = median(run.seconds for run in results)
    count = page_count(site)
    log(f"  {label}: {' '.join(f'{run.seconds:.2f}' for run in results)} s; heaviest page {heaviest[0]} "
        f"{heaviest[2] / 1024:.1f} KB gz")
    return {
        "pages": count,
        "runs": runs,
        "seconds": seconds,
        "all_seconds": [run.seconds for run in results],
        "cpu_seconds": median(run.cpu_seconds for run in results),
        "s_per_page": seconds / count,
        "peak_rss_mib": max(run.max_rss_mib for run in results),
        "html_mib": sum(size for _, size, _ in pages) / 2**20,
        "html_kib_per_page": sum(size for _, size, _ in pages) / len(pages) / 1024,
        "strategy_page_kib": sum(strategies) / len(strategies) / 1024,
        "heaviest_page": heaviest[0],
        "heaviest_page_gzip_kib": heaviest[2] / 1024,
    }


def scaling(sizes: dict[int, int], log: Log) -> dict[str, object]:
    """Build generated sites (bench/generate.py, the project's own navigation design) of each size.

    `sizes` maps a strategy-page count to its number of runs. The smallest size only serves to
    estimate the fixed cost for the marginal figures; the goal compares the two largest.
    """
    by_size: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        for count, runs in sizes.items():
            site = generate_site(Path(tmp) / f"site-{count}", count)
            by_size[str(count)] = _scale_one(site, runs, log, f"{count} strategies, {runs} runs")
            shutil.rmtree(site)
    small, large = sorted(sizes)[-2:]  # the goal compares the two largest sizes (100 and 1,000)
    ordered = [by_size[str(count)] for count in sorted(sizes)]
    # Marginal cost: the extra seconds per extra page between consecutive sizes. The build's fixed
    # cost (start-up, handout, home page) is the same for every size and drops out.
    marginal = {
        f"{a['pages']}-{b['pages']}": (float(b["seconds"]) - float(a["seconds"])) / (int(b["pages"]) - int(a["pages"]))
        for a, b in zip(ordered, ordered[1:], strict=False)
    }
    steps = list(marginal.values())
    a, b = by_size[str(small)], by_size[str(large)]
    return {
        "description": f"the project's navigation: strategies in groups of {GROUP_SIZE} (nav sections with their "
        "own page), a strategies page listing the groups, navigation.prune, the home page's featured few",
        "sizes": by_size,
        "compared": [small, large],
        "per_page_ratio": float(b["s_per_page"]) / float(a["s_per_page"]),
        "html_per_page_ratio": float(b["html_kib_per_page"]) / float(a["html_kib_per_page"]),
        "marginal_s_per_page": marginal,
        "marginal_ratio": steps[-1] / steps[-2] if len(steps) >= 2 else None,
        "goal_ratio": 1.1,
        "page_budget_gzip_kib": 14,
    }
