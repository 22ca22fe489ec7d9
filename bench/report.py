"""Turn bench/results.json into Markdown tables: printed by `python -m bench`, and the figures in handbook/performance.md."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bench.lighthouse import lighthouse_table
from bench.search import search_rows

README_SECTION = "## Figures"  # the section of handbook/performance.md that `python -m bench --doc` rewrites
NOTES_FILE = Path(__file__).with_name("performance-notes.md")
SPLIT = (
    ("start-up", "startup"), ("checks", "checks"), ("import WeasyPrint", "import weasyprint"),
    ("layout", "layout"), ("write PDFs", "write_pdf"), ("preview", "preview"), ("handout other", "handout other"),
    ("Markdown", "markdown"), ("page templates", "templates"), ("404/sitemap", "static templates"), ("rest", "rest"),
)


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
    # A part rerun alone (--only) keeps its own time: say when each was measured if they differ.
    times = {name: section["measured_at"] for name, section in results.items()
             if isinstance(section, dict) and isinstance(section.get("measured_at"), str)}
    if len(set(times.values())) > 1:
        when = ", ".join(f"{name.replace('_', ' ')} {stamp}" for name, stamp in sorted(times.items(), key=lambda item: item[1]))
        return "; ".join(parts) + f". Measured, part by part: {when}."
    return "; ".join(parts) + f". Measured {results.get('measured_at', '?')}."


def _rows(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []

    def error_row(name: str, section: Any) -> bool:
        if isinstance(section, dict) and "error" in section:
            rows.append((name, f"not measured: {section['error'].splitlines()[0][:100]}", "", "n/a"))
            return True
        return section is None

    build = results.get("build_overhead")
    if not error_row("Build overhead", build) and "cpu_ratio" in build:
        goals, wall, cpu = build["goal_ratio"], build["seconds"], build["cpu_seconds"]
        for kind, label, goal in (
            ("cold", "cold (renders the handout)", f"≤ {goals['cold']}× (stretch {goals['cold_stretch']}×)"),
            ("cached", "handout unchanged (from the handout cache, no WeasyPrint)", f"≤ {goals['cached']}×"),
        ):
            rows.append((
                f"Build, English edition ({build['pages']} pages), {label}, vs plain Material: wall / CPU "
                f"(median of {build['pairs']} alternating rounds)",
                f"{_s(wall[kind])} vs {_s(wall['plain'])} = **{build['ratio'][kind]:.2f}×**; CPU {_s(cpu[kind])} vs "
                f"{_s(cpu['plain'])} = **{build['cpu_ratio'][kind]:.2f}×**",
                goal,
                # A cold build's wall time is what a person running a build waits for; with its second process
                # its CPU time is larger and shown beside it. A one-process build is judged on both.
                _met((build["ratio"][kind] if kind == "cold" else max(build["ratio"][kind], build["cpu_ratio"][kind]))
                     <= goals[kind]),
            ))
        for kind in ("cold", "cached"):
            split = build.get("split", {}).get(kind)
            if split:
                rows.append((
                    f"… where a {kind} build's CPU goes (one build, CPU seconds)",
                    "; ".join(f"{label} {split[key]:.2f}" for label, key in SPLIT if split.get(key, 0) >= 0.005)
                    + f"; total {split['total']:.2f}",
                    "",
                    "",
                ))

    scale = results.get("scaling")
    if not error_row("Scaling", scale) and "per_page_ratio" in scale:
        small, large = scale["compared"]
        a, b = scale["sizes"][str(small)], scale["sizes"][str(large)]
        rows.append((
            f"Scaling, the project's navigation: s/page at {small:,} / {large:,} strategies "
            f"({a['pages']:,} / {b['pages']:,} pages; {a['runs']} / {b['runs']} runs)",
            f"{a['s_per_page'] * 1000:.1f} / {b['s_per_page'] * 1000:.1f} ms = **{scale['per_page_ratio']:.2f}×** "
            f"({_s(a['seconds'], 1)} / {_s(b['seconds'], 1)}; CPU {_s(a['cpu_seconds'], 1)} / {_s(b['cpu_seconds'], 1)})",
            f"≤ {scale['goal_ratio']}×",
            _met(scale["per_page_ratio"] <= scale["goal_ratio"]),
        ))
        marginal = scale["marginal_s_per_page"]
        ratio = scale.get("marginal_ratio")
        rows.append((
            "… the marginal cost per added page (each build's fixed cost removed)",
            ", ".join(f"{span} pages: {value * 1000:.1f} ms" for span, value in marginal.items())
            + (f" = **{ratio:.2f}×**" if ratio else ""),
            f"≤ {scale['goal_ratio']}×" if ratio else "",
            _met(ratio <= scale["goal_ratio"]) if ratio else "",
        ))
        rows.append((
            "… HTML per page (all pages) and per strategy page; peak memory",
            f"{a['html_kib_per_page']:.0f} / {b['html_kib_per_page']:.0f} KB = {scale['html_per_page_ratio']:.2f}×; "
            f"strategy page {a['strategy_page_kib']:.0f} / {b['strategy_page_kib']:.0f} KB; "
            f"{a['peak_rss_mib']:.0f} / {b['peak_rss_mib']:.0f} MiB",
            "flat",
            "",
        ))
        rows.append((
            f"… heaviest page gzipped at {large:,} strategies",
            f"{b['heaviest_page_gzip_kib']:.1f} KB ({b['heaviest_page']})",
            f"≤ {scale['page_budget_gzip_kib']} KB",
            _met(b["heaviest_page_gzip_kib"] <= scale["page_budget_gzip_kib"]),
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
            f"≤ {edit.get('goal_s', 0.5)} s",
            _met(edit["seconds"] <= edit.get("goal_s", 0.5)),
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
        pages = lighthouse["pages"]
        categories = lighthouse["categories"]
        perfect = [path for path, page in pages.items() if all(page["scores"][c] >= 100 for c in categories)]
        lowest = {c: min(pages.items(), key=lambda item: item[1]["scores"][c]) for c in categories}
        rows.append((
            f"Lighthouse mobile, every page of every edition ({len(pages)} pages, median of {lighthouse['runs']}): "
            "pages at 100 / 100 / 100 / 100",
            f"**{len(perfect)} of {len(pages)}**; lowest: "
            + ", ".join(f"{c} {page['scores'][c]:.0f} ({path})" for c, (path, page) in lowest.items()),
            "every page",
            _met(len(perfect) == len(pages)),
        ))
    rows += search_rows(results)
    return rows


def summary_table(results: dict[str, Any]) -> str:
    lines = ["| Measure | Result | Goal | Met |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in _rows(results)]
    return "\n".join(lines)


def _kind(path: str) -> str:
    # An edition's files sit under its language folder (es/assets/..., es/search/...).
    within = re.sub(r"^[a-z]{2}(?:-[a-z]{2})?/", "", path)
    if within.startswith("search/"):
        return "search index"
    if within.startswith(("assets/javascripts/", "assets/stylesheets/", "assets/images/")):
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
    short = lighthouse_table(results)
    if short:
        parts += ["", "Lighthouse, the pages below 100:", "", short]
    table = weight_table(results)
    if table:
        parts += ["", "Page weight, every page (KB = 1,024 bytes):", "", table]
    return "\n".join(parts)


def _notes() -> dict[str, str]:
    """The prose around the tables: bench/performance-notes.md, split at its <!-- name --> markers."""
    text = NOTES_FILE.read_text(encoding="utf-8")
    return {name: body.strip() for name, body in re.findall(r"<!-- (\w+) -->\n(.*?)(?=\n<!-- |\Z)", text, re.S)}



def readme_section(results: dict[str, Any]) -> str:
    build = results.get("build_overhead") or {}
    text = _notes()
    notes = text["notes"].replace("{baseline}", build.get("baseline", "see bench/build.py"))
    short = lighthouse_table(results)
    return "\n".join([
        README_SECTION, "", text["reproduce"], "", f"Latest figures: {machine_line(results)}", "",
        summary_table(results), "", *(["Lighthouse, the pages below 100:", "", short, ""] if short else []), notes, "",
    ])


def update_readme(readme: Path, results: dict[str, Any]) -> None:
    """Replace the document's figures section (or append it); leave the rest untouched."""
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
