"""Lighthouse (npm, pinned in bench/lighthouse/package-lock.json) against the site served with gzip.

`npm ci` installs it into bench/lighthouse/node_modules the first time (gitignored). Lighthouse 12:
13.x needs Node >= 22.19 and the machine has Node 20. Default settings: mobile form factor, simulated
throttling. Each page is audited `runs` times and each category's median score is reported, with
the audits that cost points.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from bench.common import median, tail

HERE = Path(__file__).resolve().parent / "lighthouse"
BINARY = HERE / "node_modules" / ".bin" / "lighthouse"
QUICK_PAGES = ("", "cramp-right-now/", "strategies/stretching/")  # --quick; a full run audits every page
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
Log = Callable[[str], None]


def ensure_lighthouse(log: Log) -> str:
    """Install the locked Lighthouse with `npm ci` unless it is there; return its version."""
    lock = HERE / "package-lock.json"
    installed = HERE / "node_modules" / ".package-lock.json"
    if not BINARY.exists() or not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is not installed: Lighthouse needs Node.js and npm")
        log("  installing Lighthouse with npm ci (bench/lighthouse/node_modules)")
        result = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, capture_output=True, text=True
        )
        if result.returncode != 0:
            raise RuntimeError(f"npm ci failed:\n{tail(result.stdout + result.stderr)}")
    result = subprocess.run([str(BINARY), "--version"], capture_output=True, text=True)
    return result.stdout.strip()


def audit(url: str, chrome: str, out: Path) -> dict[str, Any]:
    """One Lighthouse run; the report's category scores (0-100) and the audits that lost points."""
    args = [
        str(BINARY), url,
        "--output=json", f"--output-path={out}", "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    result = subprocess.run(args, env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True)
    if result.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse failed on {url}:\n{tail(result.stdout + result.stderr)}")
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    lost: dict[str, dict[str, float]] = {}
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            found = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and found.get("score") is not None and found["score"] < 1:
                lost.setdefault(name, {})[ref["id"]] = found["score"]
    # What Lighthouse says would save load time (render-blocking CSS and JS, unused code, ...).
    opportunities = {
        key: found["details"]["overallSavingsMs"]
        for key, found in report["audits"].items()
        if (found.get("details") or {}).get("type") == "opportunity"
        and (found["details"].get("overallSavingsMs") or 0) > 0
    }
    metrics = {
        key: report["audits"][key].get("numericValue")
        for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
        if key in report["audits"]
    }
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {report['runtimeError']}")
    return {"scores": scores, "lost": lost, "metrics": metrics, "opportunities": opportunities}


def lighthouse(base_url: str, runs: int, log: Log, pages_to_audit: list[str] | None = None) -> dict[str, Any]:
    """Every page given (every page of every edition in a full run), `runs` times each."""
    from tests.support.browser import find_browser

    version = ensure_lighthouse(log)
    chrome = find_browser() or "/usr/bin/chromium"
    pages: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        for path in pages_to_audit if pages_to_audit is not None else QUICK_PAGES:
            results = [audit(urljoin(base_url, path), chrome, Path(tmp) / f"report-{index}.json") for index in range(runs)]
            scores = {name: median(r["scores"][name] for r in results) for name in CATEGORIES}
            lost: dict[str, dict[str, float]] = {}  # audit -> its worst score over the runs
            for r in results:
                for name, audits in r["lost"].items():
                    for key, score in audits.items():
                        lost.setdefault(name, {})[key] = min(score, lost.get(name, {}).get(key, 1.0))
            opportunities: dict[str, float] = {}
            for r in results:
                for key, saving in r["opportunities"].items():
                    opportunities[key] = max(saving, opportunities.get(key, 0))
            metrics = {key: median(r["metrics"][key] for r in results) for key in results[0]["metrics"]}
            pages[path or "(home)"] = {
                "scores": scores,
                "all_scores": [r["scores"] for r in results],
                "metrics_ms": metrics,
                "lost_points": lost,
                "opportunities_ms": opportunities,
            }
            log(f"  {path or '(home)'}: " + " / ".join(f"{scores[name]:.0f}" for name in CATEGORIES))
    return {
        "version": version,
        "runs": runs,
        "settings": f"mobile (default), simulated throttling, CHROME_PATH={chrome}, --chrome-flags=\"{CHROME_FLAGS}\"; "
        "site served under /leg-cramps/ with gzip (bench/serve.py), as GitHub Pages serves it",
        "categories": list(CATEGORIES),
        "pages": pages,
        "goal": 100,
    }


def lighthouse_table(results: dict[str, Any]) -> str:
    """The pages below 100 in a category: their median scores and what cost the points."""
    lighthouse = results.get("lighthouse")
    if not isinstance(lighthouse, dict) or "pages" not in lighthouse:
        return ""
    categories = lighthouse["categories"]
    short = {path: page for path, page in lighthouse["pages"].items() if any(page["scores"][c] < 100 for c in categories)}
    if not short:
        return ""
    lines = ["| Page | Scores | FCP / LCP / TBT / CLS (median) | Audits that lost points |", "|---|---|---|---|"]
    for path, page in short.items():
        metrics = page.get("metrics_ms", {})
        timing = " / ".join(f"{metrics.get(key, 0):.0f}" for key in ("first-contentful-paint", "largest-contentful-paint",
                                                                       "total-blocking-time"))
        lost = ", ".join(sorted({audit for audits in page.get("lost_points", {}).values() for audit in audits}))
        scores = " / ".join(f"{page['scores'][c]:.0f}" for c in categories)
        lines.append(f"| {path} | {scores} | {timing} ms / "
                     f"{metrics.get('cumulative-layout-shift', 0):.3f} | {lost} |")
    return "\n".join(lines)

