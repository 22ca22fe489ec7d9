"""`python -m bench`: measure everything, print the tables, write bench/results.json.

    python -m bench                      all parts (about an hour on 2 cores: Lighthouse audits every page 3 times)
    python -m bench --only build,weight  some parts; the others keep their figures in results.json
    python -m bench --quick              one run of each, smaller sites: a smoke test, not saved
    python -m bench --doc                rewrite handbook/performance.md's "## Figures" from results.json

Parts: build (overhead), scale, handout, edit (edit loop), weight (page weight), lighthouse,
search (index size and time to a first result, against plain Material).
A part that fails is recorded with its error and the others still run; the exit status is then 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.common import ROOT, machine

RESULTS = Path(__file__).resolve().parent / "results.json"
PERFORMANCE_DOC = ROOT / "handbook" / "performance.md"
PARTS = ("build", "scale", "handout", "edit", "weight", "lighthouse", "search")
KEYS = {
    "build": "build_overhead",
    "scale": "scaling",
    "handout": "handout",
    "edit": "edit_loop",
    "weight": "page_weight",
    "lighthouse": "lighthouse",
    "search": "search",
}

# Repetitions: (full run, --quick)
SETTINGS = {
    "build_pairs": (11, 1),  # the machine is shared: eleven alternating rounds give steadier medians
    # The smallest site must cite every English source (three citations a page).
    "scale_sizes": ({20: 5, 100: 5, 1000: 3}, {20: 1, 100: 1, 1000: 1}),
    "handout_runs": (5, 3),
    "handout_growth": ((100, 1000), (100,)),
    "edit_runs": (7, 2),
    "lighthouse_runs": (3, 1),
    "search_sizes": ((0, 100, 1000), (0, 100)),  # 0: the real site (bench/search.py)
    "search_runs": (5, 1),  # each query typed this many times per site
}


def log(message: str) -> None:
    print(message, flush=True)


def _setting(name: str, quick: bool) -> Any:
    return SETTINGS[name][1 if quick else 0]


def run_parts(parts: list[str], quick: bool) -> dict[str, Any]:
    from bench.build import build_overhead, scaling
    from bench.edit_loop import edit_loop
    from bench.handout import measure_handout

    results: dict[str, Any] = {}

    def attempt(part: str, function: Callable[[], Any]) -> None:
        log(f"== {part}")
        start = time.perf_counter()
        try:
            results[KEYS[part]] = function()
            results[KEYS[part]]["measured_at"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        except Exception as error:  # record it, keep going with the other parts
            traceback.print_exc()
            results[KEYS[part]] = {"error": f"{type(error).__name__}: {error}"}
        log(f"   ({time.perf_counter() - start:.0f} s)")

    if "build" in parts:
        attempt("build", lambda: build_overhead(_setting("build_pairs", quick), log))
    if "scale" in parts:
        attempt("scale", lambda: scaling(_setting("scale_sizes", quick), log))
    if "handout" in parts:
        attempt(
            "handout",
            lambda: measure_handout(_setting("handout_runs", quick), _setting("handout_growth", quick), log),
        )
    if "edit" in parts:
        attempt("edit", lambda: edit_loop(_setting("edit_runs", quick), log))
    if "weight" in parts or "lighthouse" in parts:
        _served_parts(parts, quick, results, attempt)
    if "search" in parts:
        from bench.search import search

        attempt("search", lambda: search(_setting("search_sizes", quick), _setting("search_runs", quick), log))
    return results


def _served_parts(parts: list[str], quick: bool, results: dict[str, Any], attempt: Callable[..., None]) -> None:
    """Page weight and Lighthouse share one strict build of the real site, served under /leg-cramps/."""
    from bench.lighthouse import lighthouse
    from bench.weight import page_weight, served_real_site

    try:
        with served_real_site() as (site_dir, base_url):
            if "weight" in parts:
                attempt("weight", lambda: page_weight(site_dir, base_url, log))
            if "lighthouse" in parts:
                from bench.lighthouse import QUICK_PAGES
                from bench.weight import site_page_paths

                pages = list(QUICK_PAGES) if quick else site_page_paths(site_dir)  # every page of every edition
                attempt("lighthouse", lambda: lighthouse(base_url, _setting("lighthouse_runs", quick), log, pages))
    except RuntimeError as error:  # the real site does not build
        for part in ("weight", "lighthouse"):
            if part in parts:
                results[KEYS[part]] = {"error": str(error)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--only", help=f"comma-separated parts: {','.join(PARTS)}")
    parser.add_argument("--quick", action="store_true", help="one run of each; results are not saved")
    parser.add_argument(
        "--doc", "--readme", dest="doc", action="store_true",
        help="rewrite the figures in handbook/performance.md from results.json",
    )
    args = parser.parse_args(argv)

    from bench.report import text_report, update_readme

    if args.doc:
        update_readme(PERFORMANCE_DOC, json.loads(RESULTS.read_text(encoding="utf-8")))
        print(f"{PERFORMANCE_DOC.relative_to(ROOT)}: figures rewritten from {RESULTS.relative_to(ROOT)}")
        return 0

    parts = PARTS if not args.only else [part.strip() for part in args.only.split(",") if part.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        parser.error(f"unknown part {unknown[0]!r} (use: {', '.join(PARTS)})")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    load_before = os.getloadavg()
    start = time.perf_counter()
    measured = run_parts(list(parts), args.quick)
    elapsed = time.perf_counter() - start

    results: dict[str, Any] = {}
    if args.only and RESULTS.is_file():
        results = json.loads(RESULTS.read_text(encoding="utf-8"))  # keep the parts not rerun
    results.update(measured)
    results["machine"] = machine()
    # Other jobs on the machine make timings noisy: the 1-minute load average before the run.
    results["machine"]["load_average_before"] = round(load_before[0], 2)
    results["measured_at"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    results["settings"] = {name: (value[1] if args.quick else value[0]) for name, value in SETTINGS.items()}
    results["settings"]["scale_sizes"] = {str(k): v for k, v in results["settings"]["scale_sizes"].items()}
    results["bench_seconds"] = round(elapsed)
    results["parts"] = list(parts)

    print()
    print(text_report(results))
    print(f"\nbench: {elapsed / 60:.1f} minutes")
    if args.quick:
        print("--quick: figures not saved")
    else:
        temporary = RESULTS.with_suffix(".json.tmp")
        temporary.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        temporary.replace(RESULTS)
        print(f"Figures written to {RESULTS.relative_to(ROOT)}; `python -m bench --doc` updates handbook/performance.md")
    failed = [part for part in parts if isinstance(measured.get(KEYS[part]), dict) and "error" in measured[KEYS[part]]]
    if failed:
        print(f"bench: these parts failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
