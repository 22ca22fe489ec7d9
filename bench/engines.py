"""`python -m bench.engines`: build the site with MkDocs and with Zensical, time both, say what differs.

    make zensical-compare                            (runs it in .venv-zensical, which has both engines)
    .venv-zensical/bin/python -m bench.engines --runs 3

Each engine builds its own fresh copy of the project, so Zensical starts without its page cache and
neither `site/` nor `site-zensical/` is touched. MkDocs: `mkdocs build --strict` (the checks, the
handout and the footers run inside it). Zensical: what `make zensical` runs, `python -m legcramps
check`, `zensical build`, `python -m legcramps handout`; then a second `zensical build` with its cache.

Prints a Markdown table of what is measured and exits 1 when something that must match does not:
the pages written, each page's main text, footers, callouts and quick steps, unrendered macros,
the PDF handout files.

Material prints an end-of-life notice on every MkDocs build; the Makefile and the site workflow hide
it with NO_MKDOCS_2_WARNING=1. When that variable is not set (the Zensical CI job), the notice of the
first MkDocs build is printed here, once.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, ChildRun, bench_env, median, run_child, tail
from bench.engine_sites import Site, keyword_coverage
from legcramps.session import start_build
from legcramps.settings import load_settings
from tests.support.site import copy_project

ZENSICAL_CONFIG = "mkdocs.zensical.yml"
ZENSICAL_SITE = "site-zensical"
NOTICE_VARIABLE = "NO_MKDOCS_2_WARNING"


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> ChildRun:
    run = run_child(args, cwd, env)
    if not run.ok:
        raise SystemExit(f"{' '.join(args)} failed (exit {run.returncode}):\n{tail(run.output, 30)}")
    return run


def _fresh_copy(parent: Path) -> Path:
    project = copy_project(parent)
    shutil.copy2(ROOT / ZENSICAL_CONFIG, project / ZENSICAL_CONFIG)
    return project


def build_mkdocs(work: Path, runs: int) -> tuple[Path, list[float], str]:
    """`mkdocs build --strict` `runs` times; the site of the last run, the times, Material's notice."""
    seconds, notice = [], ""
    for run in range(runs):
        project, env = _fresh_copy(work / f"mkdocs-{run}"), bench_env()
        if run == 0 and NOTICE_VARIABLE not in os.environ:
            env.pop(NOTICE_VARIABLE, None)
        site = project / "site"
        result = _run([_bin("mkdocs"), "build", "--strict", "-d", str(site)], project, env)
        seconds.append(result.seconds)
        if run == 0 and NOTICE_VARIABLE not in env:
            notice = result.output.split("INFO ", 1)[0].strip()  # printed before MkDocs' first log line
    return site, seconds, notice


def build_zensical(work: Path, runs: int) -> tuple[Path, dict[str, list[float]]]:
    """What `make zensical` runs, `runs` times from a fresh copy; then one rebuild with Zensical's cache."""
    steps: dict[str, list[float]] = {"check": [], "build": [], "handout": [], "total": [], "rebuild (cached)": []}
    env = bench_env()
    for run in range(runs):
        project = _fresh_copy(work / f"zensical-{run}")
        site = project / ZENSICAL_SITE
        check = _run([sys.executable, "-m", "legcramps", "check"], project, env)
        build = _run([_bin("zensical"), "build", "-f", ZENSICAL_CONFIG], project, env)
        handout = _run([sys.executable, "-m", "legcramps", "handout", "-o", str(site)], project, env)
        for name, result in (("check", check), ("build", build), ("handout", handout)):
            steps[name].append(result.seconds)
        steps["total"].append(check.seconds + build.seconds + handout.seconds)
    steps["rebuild (cached)"].append(_run([_bin("zensical"), "build", "-f", ZENSICAL_CONFIG], project, env).seconds)
    _run([sys.executable, "-m", "legcramps", "handout", "-o", str(site)], project, env)  # the rebuild emptied site/
    return site, steps


def page_keywords() -> dict[str, tuple[str, ...]]:
    """Every page's lay keywords, by the URL both engines give it (use_directory_urls)."""
    project = start_build(load_settings(ROOT / "mkdocs.yml")).project
    urls = {}
    for src, page in project.pages.items():
        stem = src.removesuffix(".md")
        url = "" if stem == "index" else stem.removesuffix("/index") + "/"
        urls[url] = page.meta.keywords
    return urls


def compare(mkdocs: Site, zensical: Site) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Table rows (what, MkDocs, Zensical) and the list of differences that must not exist."""
    rows: list[tuple[str, str, str]] = []
    problems: list[str] = []
    both = sorted(set(mkdocs.pages) & set(zensical.pages))
    for name, site, other in (("MkDocs", mkdocs, zensical), ("Zensical", zensical, mkdocs)):
        for url in sorted(set(site.pages) - set(other.pages)):
            problems.append(f"only {name} wrote the page /{url}")
    rows.append(("HTML pages written (incl. 404)", str(len(mkdocs.pages)), str(len(zensical.pages))))
    same_text = [url for url in both if mkdocs.pages[url].text == zensical.pages[url].text]
    rows.append(("Pages whose main text is identical", f"{len(same_text)}/{len(both)}", f"{len(same_text)}/{len(both)}"))
    for url in both:
        if url not in same_text:
            problems.append(f"/{url}: main text differs: {_first_difference(mkdocs.pages[url].text, zensical.pages[url].text)}")
    for label, part in (
        ("Callouts (all pages)", "callouts"),
        ("Quick steps (all pages)", "quick_steps"),
        ("Citation marks (all pages)", "citations"),
    ):
        counts = [sum(getattr(site.pages[url], part) for url in both) for site in (mkdocs, zensical)]
        rows.append((label, str(counts[0]), str(counts[1])))
        if counts[0] != counts[1]:
            problems.append(f"{label}: MkDocs {counts[0]}, Zensical {counts[1]}")
    for label, index in (("Footer: related pages", 0), ("Footer: sources list", 1), ("Footer: review dates", 2)):
        counts = [sum(site.pages[url].footer[index] for url in both) for site in (mkdocs, zensical)]
        rows.append((label, f"{counts[0]} pages", f"{counts[1]} pages"))
        if counts[0] != counts[1]:
            problems.append(f"{label}: on {counts[0]} MkDocs pages, {counts[1]} Zensical pages")
    unrendered = [sum(page.unrendered for page in site.pages.values()) for site in (mkdocs, zensical)]
    rows.append(("Pages with an unrendered macro", str(unrendered[0]), str(unrendered[1])))
    if any(unrendered):
        problems.append(f"unrendered macros: MkDocs {unrendered[0]} pages, Zensical {unrendered[1]} pages")
    links = [sum(page.handout_link for page in site.pages.values()) for site in (mkdocs, zensical)]
    rows.append(("Per-page handout link (theme partial)", f"{links[0]} pages", f"{links[1]} pages"))
    files = [site.handout_files() for site in (mkdocs, zensical)]
    same = files[0] == files[1] and bool(files[0])
    verdict = "identical" if same else "DIFFERENT"
    rows.append(("Handout PDFs and preview", f"{len(files[0])} files", f"{len(files[1])} files, {verdict}"))
    if not same:
        problems.append(f"handout files differ: MkDocs {sorted(files[0])}, Zensical {sorted(files[1])}")
    not_found = ["404.html" in site.pages and "Page not found" in site.pages["404.html"].text for site in (mkdocs, zensical)]
    rows.append(("404 page with its own text", *("yes" if found else "NO" for found in not_found)))
    return rows, problems


def _first_difference(a: str, b: str) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"MkDocs …{a[max(0, at - 30):at + 50]!r} / Zensical …{b[max(0, at - 30):at + 50]!r}"


def search_rows(mkdocs: Site, zensical: Site) -> list[tuple[str, str, str]]:
    keywords = page_keywords()
    coverage = [keyword_coverage(site, keywords) for site in (mkdocs, zensical)]
    return [
        ("Search index file", "search/search_index.json", "search.json"),
        ("Search index entries", str(len(mkdocs.search_entries())), str(len(zensical.search_entries()))),
        ("Search index size (KiB)", f"{mkdocs.search_kib():.0f}", f"{zensical.search_kib():.0f}"),
        ("Lay keywords stored in the index", *(f"{stored}/{total}" for stored, _, total in coverage)),
        ("Lay keywords in a field search matches", *(f"{found}/{total}" for _, found, total in coverage)),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.engines", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per engine; times are medians (default 3)")
    parser.add_argument("--keep", type=Path, help="copy both built sites here (DIR/mkdocs, DIR/zensical)")
    args = parser.parse_args(argv)
    if not Path(_bin("zensical")).exists():
        print("Zensical is not installed here: run `make zensical-compare` (it sets up .venv-zensical).", file=sys.stderr)
        return 2
    load_before = os.getloadavg()[0]  # other jobs on a shared machine make the timings noisy
    with tempfile.TemporaryDirectory(prefix="engines-") as folder:
        work = Path(folder)
        print(f"Building with MkDocs ({args.runs}x) and Zensical ({args.runs}x) ...", flush=True)
        mkdocs_site, mkdocs_seconds, notice = build_mkdocs(work, args.runs)
        if notice:
            print(f"\nMaterial for MkDocs says (shown once here; hidden elsewhere by {NOTICE_VARIABLE}=1):\n{notice}\n",
                  file=sys.stderr, flush=True)
        zensical_site, zensical_seconds = build_zensical(work, args.runs)
        if args.keep:
            for engine, site in (("mkdocs", mkdocs_site), ("zensical", zensical_site)):
                shutil.rmtree(args.keep / engine, ignore_errors=True)
                shutil.copytree(site, args.keep / engine)
        mkdocs, zensical = Site.read("mkdocs", mkdocs_site), Site.read("zensical", zensical_site)
        rows, problems = compare(mkdocs, zensical)
        rows += search_rows(mkdocs, zensical)
        rows += [
            ("Files in the site", str(len(mkdocs.files())), str(len(zensical.files()))),
            ("Site size (KiB)", f"{mkdocs.kib():.0f}", f"{zensical.kib():.0f}"),
            ("HTML size (KiB)", f"{mkdocs.kib('.html'):.0f}", f"{zensical.kib('.html'):.0f}"),
            ("Build time, median (s)", f"{median(mkdocs_seconds):.2f} (strict build)",
             " + ".join(f"{name} {median(zensical_seconds[name]):.2f}" for name in ("check", "build", "handout"))
             + f" = {median(zensical_seconds['total']):.2f}"),
            ("Zensical rebuild with its cache (s)", "(no cache)", f"{median(zensical_seconds['rebuild (cached)']):.2f}"),
        ]
    print("| | MkDocs + Material | Zensical 0.0.73 |\n|---|---|---|")
    for what, left, right in rows:
        print(f"| {what} | {left} | {right} |")
    print(f"\nruns: {args.runs} per engine; 1-minute load average before: {load_before:.2f}")
    for problem in problems:
        print(f"DIFFERS: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
