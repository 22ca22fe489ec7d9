"""The rows of the figures table, one function per part of `python -m bench` (bench/report.py lays them out;
the search part's rows are bench/search.py's own)."""

from __future__ import annotations

from typing import Any

Row = tuple[str, str, str, str]  # measure, result, goal, met
Rows = list[Row]
SPLIT = (
    ("start-up", "startup"), ("checks", "checks"), ("import WeasyPrint", "import weasyprint"),
    ("layout", "layout"), ("write PDFs", "write_pdf"), ("preview", "preview"), ("handout other", "handout other"),
    ("Markdown", "markdown"), ("page templates", "templates"), ("404/sitemap", "static templates"), ("rest", "rest"),
)


def _s(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f} s"


def kb(value: float | None) -> str:
    return "n/a" if value is None else f"{value / 1024:.1f} KB"


def _met(ok: bool | None) -> str:
    return "n/a" if ok is None else ("yes" if ok else "**no**")


def error_row(rows: Rows, name: str, section: Any) -> bool:
    """True when the part has nothing to show: not run (None), or failed (a row saying why)."""
    if isinstance(section, dict) and "error" in section:
        rows.append((name, f"not measured: {section['error'].splitlines()[0][:100]}", "", "n/a"))
        return True
    return section is None


def build_rows(results: dict[str, Any], rows: Rows) -> None:
    """Cold and cached builds against plain Material, and where each one's CPU time goes."""
    build = results.get("build_overhead")
    if not error_row(rows, "Build overhead", build) and "cpu_ratio" in build:
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


def scaling_rows(results: dict[str, Any], rows: Rows) -> None:
    """The build at 100 and 1,000 generated strategies."""
    scale = results.get("scaling")
    if not error_row(rows, "Scaling", scale) and "per_page_ratio" in scale:
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


def handout_rows(results: dict[str, Any], rows: Rows) -> None:
    """Drawing the handout, its size, and a handout listing every generated strategy."""
    handout = results.get("handout")
    if not error_row(rows, "Handout", handout):
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


def edit_loop_rows(results: dict[str, Any], rows: Rows) -> None:
    """From a saved page to the rebuilt page served by `mkdocs serve`."""
    edit = results.get("edit_loop")
    if not error_row(rows, "Edit loop", edit):
        rows.append((
            f"Edit loop: save {edit['page']} → rebuilt page served by `mkdocs serve` (median of {edit['runs']})",
            f"{_s(edit['seconds'])} (min {_s(edit['min_s'])}, max {_s(edit['max_s'])})",
            f"≤ {edit.get('goal_s', 0.5)} s",
            _met(edit["seconds"] <= edit.get("goal_s", 0.5)),
        ))


def weight_rows(results: dict[str, Any], rows: Rows) -> None:
    """A first visit's bytes and requests."""
    weight = results.get("page_weight")
    if not error_row(rows, "Page weight", weight):
        pages = weight["pages"]
        heaviest = max(pages, key=lambda p: p["transfer_bytes"])
        most = max(pages, key=lambda p: p["requests"])
        lightest = min(pages, key=lambda p: p["transfer_bytes"])
        rows.append((
            f"Page weight, first visit, gzip ({len(pages)} pages): heaviest / lightest",
            f"{kb(heaviest['transfer_bytes'])} ({heaviest['path'] or '(home)'}) / "
            f"{kb(lightest['transfer_bytes'])} ({lightest['path'] or '(home)'})",
            f"≤ {weight['budget_kib']:.0f} KB",
            _met(heaviest["transfer_bytes"] <= weight["budget_kib"] * 1024),
        ))
        rows.append((
            "Requests on a first visit: most",
            f"{most['requests']} ({most['path'] or '(home)'})",
            f"≤ {weight['budget_requests']}",
            _met(most["requests"] <= weight["budget_requests"]),
        ))


def lighthouse_rows(results: dict[str, Any], rows: Rows) -> None:
    """Lighthouse's four scores on every page."""
    lighthouse = results.get("lighthouse")
    if not error_row(rows, "Lighthouse", lighthouse):
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
