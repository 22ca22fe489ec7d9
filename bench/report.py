"""Turn bench/results.json into Markdown tables: printed by `python -m bench`, and the README section."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bench.search import search_rows

README_SECTION = "## Performance"


def _s(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f} s"


def _kb(value: float | None) -> str:
    return "n/a" if value is None else f"{value / 1024:.1f} KB"


def _met(ok: bool | None) -> str:
    return "n/a" if ok is None else ("yes" if ok else "**no**")


def machine_line(results: dict[str, Any]) -> str:
    m = results.get("machine", {})
    packages = m.get("packages", {})
    parts = [
        f"{m.get('cpu')}, {m.get('cores')} cores, {m.get('ram_gib')} GiB RAM",
        f"Python {m.get('python')}",
        f"MkDocs {packages.get('mkdocs')}, Material {packages.get('mkdocs-material')}, "
        f"mkdocs-macros {packages.get('mkdocs-macros-plugin')}, WeasyPrint {packages.get('weasyprint')}",
    ]
    if m.get("chromium"):
        parts.append(m["chromium"])
    lighthouse = results.get("lighthouse", {})
    if isinstance(lighthouse, dict) and lighthouse.get("version"):
        parts.append(f"Lighthouse {lighthouse['version']}")
    if m.get("load_average_before") is not None:
        parts.append(f"1-minute load average {m['load_average_before']} when the run started (other jobs add noise)")
    return "; ".join(parts) + f". Measured {results.get('measured_at', '?')}."


def _rows(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []

    def error_row(name: str, section: Any) -> bool:
        if isinstance(section, dict) and "error" in section:
            rows.append((name, f"not measured: {section['error'].splitlines()[0][:100]}", "", "n/a"))
            return True
        return section is None

    build = results.get("build_overhead")
    if not error_row("Build overhead", build):
        rows.append((
            f"Build overhead: `mkdocs build --strict`, {build['pages']} pages, vs plain Material "
            f"(median of {build['pairs']} alternating rounds)",
            f"{_s(build['full_s'])} vs {_s(build['plain_s'])} = **{build['ratio']:.2f}×**",
            f"≤ {build['goal_ratio']}×",
            _met(build["ratio"] <= build["goal_ratio"]),
        ))
        if "no_pdf_s" in build:
            rows.append((
                "… the same full build with the handout PDF pre-rendered (no WeasyPrint)",
                f"{_s(build['no_pdf_s'])} = {build['no_pdf_ratio']:.2f}× plain",
                "",
                "",
            ))

    scale = results.get("scaling")
    if not error_row("Scaling", scale):
        small, large = scale["compared"]
        for variant in ("flat", "pruned"):
            data = scale[variant]
            a, b = data["sizes"][str(small)], data["sizes"][str(large)]
            label = "project's nav" if variant == "flat" else f"diagnostic: {data['description'].removeprefix('diagnostic: ')}"
            rows.append((
                f"Scaling, {label}: s/page at {small:,} / {large:,} strategies "
                f"({a['pages']:,} / {b['pages']:,} pages; {a['runs']} / {b['runs']} runs)",
                f"{a['s_per_page'] * 1000:.1f} / {b['s_per_page'] * 1000:.1f} ms = **{data['per_page_ratio']:.2f}×** "
                f"({_s(a['seconds'], 1)} / {_s(b['seconds'], 1)})",
                f"≤ {scale['goal_ratio']}×",
                _met(data["per_page_ratio"] <= scale["goal_ratio"]),
            ))
            marginal = data["marginal_s_per_page"]
            marginal_text = ", ".join(f"{span} pages: {value * 1000:.1f} ms" for span, value in marginal.items())
            ratio = data.get("marginal_ratio")
            rows.append((
                "… the same goal on the marginal cost per added page (each build's fixed cost removed)",
                marginal_text + (f" = **{ratio:.2f}×**" if ratio else ""),
                f"≤ {scale['goal_ratio']}×" if ratio else "",
                _met(ratio <= scale["goal_ratio"]) if ratio else "",
            ))
            rows.append((
                "… peak memory (ru_maxrss of the build) and HTML written",
                f"{a['peak_rss_mib']:.0f} / {b['peak_rss_mib']:.0f} MiB; "
                f"{a['html_mib']:.1f} / {b['html_mib']:.0f} MiB HTML "
                f"({a['strategy_page_kib']:.0f} / {b['strategy_page_kib']:.0f} KB per strategy page)",
                "",
                "",
            ))

    handout = results.get("handout")
    if not error_row("Handout", handout):
        if handout.get("status") != "measured":
            rows.append(("Handout PDF", f"TODO: {handout.get('note')}", "", "n/a"))
        else:
            papers = handout["papers"]
            render = ", ".join(f"{paper} {_s(p['render_s'])}" for paper, p in papers.items())
            sizes = ", ".join(f"{paper} {p['kib']:.0f} KB ({p['pages']} pages)" for paper, p in papers.items())
            biggest = max(p["kib"] for p in papers.values())
            rows.append((
                f"Handout: render one PDF, in process, warm (median of {handout['runs']}); "
                f"{handout['strategies']} strategies",
                render + f"; both PDFs + preview {_s(handout['build_handout_s'])}",
                "",
                "",
            ))
            rows.append(("Handout PDF size", sizes, f"≤ {handout['budget_kib']} KB", _met(biggest <= handout["budget_kib"])))
            growth = handout.get("growth") or {}
            grown = [(k, v) for k, v in growth.items() if isinstance(v, dict)]
            if grown:
                rows.append((
                    "… handout listing every generated strategy (page limit lifted; cannot ship)",
                    "; ".join(f"{int(k):,}: {_s(v['render_s'], 1)}, {v['kib']:.0f} KB, {v['pages']} pages" for k, v in grown),
                    "",
                    "",
                ))

    edit = results.get("edit_loop")
    if not error_row("Edit loop", edit):
        rows.append((
            f"Edit loop: save {edit['page']} → rebuilt page served by `mkdocs serve` (median of {edit['runs']})",
            f"{_s(edit['seconds'])} (min {_s(edit['min_s'])}, max {_s(edit['max_s'])})",
            "",
            "",
        ))

    weight = results.get("page_weight")
    if not error_row("Page weight", weight):
        pages = weight["pages"]
        heaviest = max(pages, key=lambda p: p["transfer_bytes"])
        most = max(pages, key=lambda p: p["requests"])
        lightest = min(pages, key=lambda p: p["transfer_bytes"])
        rows.append((
            f"Page weight, first visit, gzip ({len(pages)} pages): heaviest / lightest",
            f"{_kb(heaviest['transfer_bytes'])} ({heaviest['path'] or '(home)'}) / "
            f"{_kb(lightest['transfer_bytes'])} ({lightest['path'] or '(home)'})",
            f"≤ {weight['budget_kib']:.0f} KB",
            _met(heaviest["transfer_bytes"] <= weight["budget_kib"] * 1024),
        ))
        rows.append((
            "Requests on a first visit: most",
            f"{most['requests']} ({most['path'] or '(home)'})",
            f"≤ {weight['budget_requests']}",
            _met(most["requests"] <= weight["budget_requests"]),
        ))

    lighthouse = results.get("lighthouse")
    if not error_row("Lighthouse", lighthouse):
        for path, page in lighthouse["pages"].items():
            scores = page["scores"]
            text = " / ".join(f"{scores[name]:.0f}" for name in lighthouse["categories"])
            rows.append((
                f"Lighthouse mobile, {path} (perf / a11y / best practices / SEO, median of {lighthouse['runs']})",
                text,
                "100 each",
                _met(all(scores[name] >= 100 for name in lighthouse["categories"])),
            ))
    rows += search_rows(results)
    return rows


def summary_table(results: dict[str, Any]) -> str:
    lines = ["| Measure | Result | Goal | Met |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in _rows(results)]
    return "\n".join(lines)


def _kind(path: str) -> str:
    if path.startswith("search/"):
        return "search index"
    if path.startswith(("assets/javascripts/", "assets/stylesheets/", "assets/images/")):
        return "theme"
    if path.endswith((".css", ".js")):
        return "site CSS/JS"
    if path == "" or path.endswith("/") or path.endswith(".html"):
        return "html"
    return "other"


def weight_table(results: dict[str, Any]) -> str:
    weight = results.get("page_weight")
    if not isinstance(weight, dict) or "pages" not in weight:
        return ""
    lines = [
        "| Page | HTML | HTML gzip | Theme JS/CSS | Search index | Other | Total gzip | Requests |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in weight["pages"]:
        kinds: dict[str, int] = {}
        for path, size in page["resources"]:
            kinds[_kind(path)] = kinds.get(_kind(path), 0) + size
        other = sum(v for k, v in kinds.items() if k not in ("theme", "search index", "html"))
        lines.append(
            f"| {page['path'] or '(home)'} | {_kb(page['html_bytes'])} | {_kb(page['html_gzip'])} | "
            f"{_kb(kinds.get('theme', 0))} | {_kb(kinds.get('search index', 0))} | {_kb(other)} | "
            f"{_kb(page['transfer_bytes'])} | {page['requests']} |"
        )
    return "\n".join(lines)


def text_report(results: dict[str, Any]) -> str:
    parts = [machine_line(results), "", summary_table(results)]
    table = weight_table(results)
    if table:
        parts += ["", "Page weight, every page (KB = 1,024 bytes):", "", table]
    return "\n".join(parts)


REPRODUCE = """\
Reproduce with `make bench` (about 10 minutes on 2 cores; it installs the test tools, a browser and,
on first use, Lighthouse from `bench/lighthouse/package-lock.json` with `npm ci`). It prints these
tables and writes every figure, each run's timings included, to `bench/results.json`.
`python -m bench --only build,weight` reruns some parts; `python -m bench --readme` rewrites this
section from `bench/results.json` without measuring. Timings are wall-clock medians of several runs
in one process run; no test asserts a timing. `tests/test_budgets.py` asserts the page-weight and
request budgets."""

NOTES = """\
- **Baseline** for the build overhead: {baseline}. The "pre-rendered PDF" row is the full build with
  the handout PDFs taken from their content-hash cache (`HANDOUT_CACHE_DIR`): the rest is WeasyPrint.
- **Scaling** uses generated sites (`bench/generate.py`): strategy pages from `templates/strategy.md`
  through the real macros, citations and page model, plus 7 small other pages. The handout cannot list
  100 strategies on two pages, so these builds list the first 10 in `data/handout.yml`.
  Seconds per page include each build's fixed cost (start-up, handout), which hides the slope, so the
  marginal cost per added page is shown too. With the project's one Strategies nav section, Material
  writes a link to every strategy into every page: HTML per page grows with the count and the build is
  quadratic. The "diagnostic" rows put the strategies in nav sections of 50 with Material's
  `navigation.prune`; that is not the project's configuration.
- **Page weight** is each page opened in Chromium with an empty cache (a first visit); every request
  is counted (the search index is not among them: it loads only when a reader opens search,
  see `overrides/partials/search-on-demand.html`), and each file is gzipped (level 6) as a static
  host sends HTML, CSS, JS, JSON and SVG. KB = 1,024 bytes.
- **Search** (`bench/search.py`): the index Material loads when a reader opens search, against plain
  Material's for the same pages, raw and gzipped; then, in Chromium with its CPU (page and search
  worker) slowed 4 times, the time from the keydown of a query's last key to the first frame showing
  its results, for six lay queries typed key by key on "Cramp right now?", on the real site and on
  generated sites (the plain site with the same navigation). Generated pages repeat the same filler
  text, so there plain Material's index compresses 30 to 50 times and the few bytes of each page's own
  keywords (such as "strategy 7 slow") weigh heavily in the gzip ratio; raw, and on the real site, the
  index is within 1.2 times.
- **Lighthouse** runs with its default mobile settings against the site served with gzip like GitHub
  Pages (`bench/serve.py`); the scores move by a few points between runs on a busy 2-core machine."""


def readme_section(results: dict[str, Any]) -> str:
    build = results.get("build_overhead") or {}
    notes = NOTES.format(baseline=build.get("baseline", "see bench/build.py"))
    return "\n".join([
        README_SECTION, "", REPRODUCE, "", f"Latest figures: {machine_line(results)}", "",
        summary_table(results), "", notes, "",
    ])


def update_readme(readme: Path, results: dict[str, Any]) -> None:
    """Replace the README's Performance section (or append it); leave the rest untouched."""
    text = readme.read_text(encoding="utf-8")
    section = readme_section(results)
    pattern = re.compile(rf"^{re.escape(README_SECTION)}[ \t]*\n.*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    found = pattern.search(text)
    if found:
        # One blank line before the next section, none at the end of the file.
        tail = "\n" if found.end() < len(text) else ""
        text = text[: found.start()] + section + tail + text[found.end():]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    readme.write_text(text, encoding="utf-8")
