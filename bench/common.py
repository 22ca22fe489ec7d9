"""Shared helpers: timed child processes with their peak memory, medians, gzip sizes, the machine."""

from __future__ import annotations

import gzip
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from tests.support.site import build_env

ROOT = Path(__file__).resolve().parents[1]

# Resources a static host (GitHub Pages, Netlify, nginx with gzip on) sends compressed.
COMPRESSED_SUFFIXES = {".html", ".htm", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map"}


@dataclass
class ChildRun:
    seconds: float
    max_rss_mib: float  # peak resident memory of the child (ru_maxrss from wait4)
    returncode: int
    output: str
    cpu_seconds: float = 0.0  # the child's user + system CPU time: steadier than wall time on a busy machine

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_child(args: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> ChildRun:
    """Run a command; wall time from spawn to exit, and the child's own ru_maxrss via os.wait4."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    return ChildRun(seconds, usage.ru_maxrss / 1024, process.returncode, output, usage.ru_utime + usage.ru_stime)


def mkdocs_build_args(config: str, site_dir: Path, strict: bool = True) -> list[str]:
    args = [sys.executable, "-m", "mkdocs", "build", "-f", config, "-d", str(site_dir)]
    return args + (["--strict"] if strict else [])


def bench_env(**extra: str) -> dict[str, str]:
    """The environment of the tests' builds (tests/support/site.py), quiet and reproducible."""
    return build_env(**extra)


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def gzip_size(data: bytes) -> int:
    """Bytes on the wire for a static host's gzip (level 6, like nginx and most CDNs default to)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def wire_size(path: Path) -> int:
    data = path.read_bytes()
    return gzip_size(data) if path.suffix.lower() in COMPRESSED_SUFFIXES else len(data)


def tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


# ------------------------------------------------------------------------------------ machine


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float | None:
    try:
        match = re.search(r"^MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)
    except OSError:
        return None
    return round(int(match.group(1)) / 1024 / 1024, 1) if match else None


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _chromium_version() -> str | None:
    from tests.support.browser import find_browser

    browser = find_browser()
    if not browser:
        return None
    try:
        result = subprocess.run([browser, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() or None


def machine() -> dict[str, object]:
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gib": _ram_gib(),
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "packages": {
            name: _version(name)
            for name in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "weasyprint", "playwright")
        },
        "chromium": _chromium_version(),
    }
