"""Turn bench/results.json into Markdown tables: printed by `python -m bench`, and the figures in handbook/performance.md."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bench.lighthouse import lighthouse_table
from bench.rows import Rows, build_rows, edit_loop_rows, handout_rows, kb, lighthouse_rows, scaling_rows, weight_rows
from bench.search import search_rows

README_SECTION = "## Figures"  # the section of handbook/performance.md that `python -m bench --doc` rewrites
NOTES_FILE = Path(__file__).with_name("performance-notes.md")


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


def _rows(results: dict[str, Any]) -> Rows:
    rows: Rows = []
    for part in (build_rows, scaling_rows, handout_rows, edit_loop_rows, weight_rows, lighthouse_rows):
        part(results, rows)
    return rows + search_rows(results)


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
            f"| {page['path'] or '(home)'} | {kb(page['html_bytes'])} | {kb(page['html_gzip'])} | "
            f"{kb(kinds.get('theme', 0))} | {kb(kinds.get('search index', 0))} | {kb(other)} | "
            f"{kb(page['transfer_bytes'])} | {page['requests']} |"
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
