"""`python -m bench.engines`: build the site with MkDocs and with Zensical, time both, say what differs.

    make zensical-compare                            (runs it in .venv-zensical, which has both engines)
    .venv-zensical/bin/python -m bench.engines --runs 3

Each engine builds its own fresh copy of the project, so Zensical starts without its page cache and
neither `site/` nor `site-zensical/` is touched. Only the English edition (mkdocs.yml), which is all
`make zensical` builds. MkDocs: what `make build` runs for it (`mkdocs build --strict`, with the
checks, handout and footers inside, then the offline worker).
Zensical: the steps of `make zensical` (ZENSICAL_STEPS), then a second `zensical build` with its cache.

Prints a Markdown table of what is measured and exits 1 when something that must match does not:
the pages written, each page's main text, callouts, quick steps, footers, handout links, unrendered
macros, the PDF handout files, the sitemap.

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
from legcramps.model.settings import load_settings
from legcramps.session import start_build
from tests.support.site import copy_project

ZENSICAL_CONFIG = "mkdocs.zensical.yml"
ZENSICAL_GENERATED = ".zensical.yml"
ZENSICAL_SITE = "site-zensical"
NOTICE_VARIABLE = "NO_MKDOCS_2_WARNING"


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> ChildRun:
    run = run_child(args, cwd, env)
    if not run.ok:
        raise SystemExit(f"{' '.join(args)} failed (exit {run.returncode}):\n{tail(run.output, 30)}")
    return run


def build_mkdocs(work: Path, runs: int) -> tuple[Path, list[float], str]:
    """The English edition as `make build` makes it (tools/build_site.py: `mkdocs build --strict`, then the
    offline worker), `runs` times; the site of the last run, the times, Material's notice if shown."""
    seconds, notice = [], ""
    for run in range(runs):
        project, env = copy_project(work / f"mkdocs-{run}"), bench_env()
        if run == 0 and NOTICE_VARIABLE not in os.environ:
            env.pop(NOTICE_VARIABLE, None)
        site = project / "site"
        build = _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], project, env)
        offline = _run([sys.executable, "-m", "legcramps.offline.service_worker", str(site)], project, env)
        seconds.append(build.seconds + offline.seconds)
        if run == 0 and NOTICE_VARIABLE not in env:
            notice = build.output.split("INFO ", 1)[0].strip()  # printed before MkDocs' first log line
    return site, seconds, notice


# The steps of `make zensical` (Makefile), each timed.
ZENSICAL_STEPS = {
    "check": ["{python}", "-m", "legcramps", "check"],
    "config": ["{python}", "-m", "legcramps.engines.config", ZENSICAL_CONFIG, "-o", ZENSICAL_GENERATED],
    "build": ["{zensical}", "build", "-f", ZENSICAL_GENERATED],
    "handout": ["{python}", "-m", "legcramps", "handout", "-o", ZENSICAL_SITE],
    "offline": ["{python}", "-m", "legcramps.offline.service_worker", ZENSICAL_SITE],
}


def build_zensical(work: Path, runs: int) -> tuple[Path, dict[str, list[float]]]:
    """`make zensical`'s steps `runs` times from fresh copies; then a rebuild with Zensical's page cache."""
    steps: dict[str, list[float]] = {name: [] for name in [*ZENSICAL_STEPS, "total", "rebuild (cached)"]}
    for run in range(runs):
        project = copy_project(work / f"zensical-{run}")
        env = bench_env(HANDOUT_CACHE_DIR=str(project / ".cache" / "handout"))  # as make zensical: filled by "config"
        for name, command in ZENSICAL_STEPS.items():
            args = [part.format(python=sys.executable, zensical=_bin("zensical")) for part in command]
            steps[name].append(_run(args, project, env).seconds)
        steps["total"].append(sum(steps[name][-1] for name in ZENSICAL_STEPS))
    rebuild = _run([_bin("zensical"), "build", "-f", ZENSICAL_GENERATED], project, env)
    steps["rebuild (cached)"].append(rebuild.seconds)
    for name in ("handout", "offline"):  # the rebuild emptied the site folder
        _run([part.format(python=sys.executable) for part in ZENSICAL_STEPS[name]], project, env)
    return project / ZENSICAL_SITE, steps


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
    for label, part in (("Handout link (theme partial)", "handout_link"), ("schema.org page data", "structured_data")):
        counts = [sum(getattr(page, part) for page in site.pages.values()) for site in (mkdocs, zensical)]
        rows.append((label, f"{counts[0]} pages", f"{counts[1]} pages"))
        if counts[0] != counts[1]:
            problems.append(f"{label}: on {counts[0]} MkDocs pages, {counts[1]} Zensical pages")
    files = [site.handout_files() for site in (mkdocs, zensical)]
    same = files[0] == files[1] and bool(files[0])
    verdict = "identical" if same else "DIFFERENT"
    rows.append(("Handout PDFs and preview", f"{len(files[0])} files", f"{len(files[1])} files, {verdict}"))
    if not same:
        problems.append(f"handout files differ: MkDocs {sorted(files[0])}, Zensical {sorted(files[1])}")
    maps = [site.sitemap() for site in (mkdocs, zensical)]
    verdict = "same" if sorted(maps[0]) == sorted(maps[1]) else "DIFFERENT"  # their order means nothing
    rows.append(("Sitemap entries (address, review date)", str(len(maps[0])), f"{len(maps[1])}, {verdict}"))
    if sorted(maps[0]) != sorted(maps[1]):
        problems.append(f"sitemaps differ: {sorted(set(maps[0]) ^ set(maps[1]))[:4]}")
    rows.append(("Offline worker: files kept", *(str(site.offline_files()) for site in (mkdocs, zensical))))
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
            ("Build time, median (s)", f"{median(mkdocs_seconds):.2f} (build + offline)",
             " + ".join(f"{name} {median(zensical_seconds[name]):.2f}" for name in ZENSICAL_STEPS)
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
