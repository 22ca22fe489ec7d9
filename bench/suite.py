"""`python -m bench.suite`: how long the test suite takes, one process against one worker per core.

    python -m bench.suite                 the unit tests, then the whole suite, each both ways (about 30 min)
    python -m bench.suite --only unit     the unit tests only (about a minute)

Wall time is what a developer waits for; CPU time (the children's user + system) shows how much work
there is, which a busy machine does not change much. Each selection runs serially (`pytest`) and with
pytest-xdist (`pytest -n auto --dist loadscope`, what `make test` runs), back to back, so both see the
same machine. Printed side by side, never asserted: a timed test would fail on a busy machine.
"""

from __future__ import annotations

import argparse
import os
import sys

from bench.common import ROOT, run_child

SELECTIONS = {"unit": ["-m", "unit"], "all": []}
WAYS = {"one process": [], "xdist": ["-n", "auto", "--dist", "loadscope"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.suite", description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(SELECTIONS), help="one selection instead of both")
    args = parser.parse_args(argv)
    selections = [args.only] if args.only else list(SELECTIONS)
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start")
    print(f"{'selection':10} {'way':12} {'wall s':>8} {'CPU s':>8}  result")
    failed = False
    for selection in selections:
        for way, options in WAYS.items():
            command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SELECTIONS[selection], *options]
            run = run_child(command, ROOT)
            summary = run.output.strip().splitlines()[-1] if run.output.strip() else f"exit {run.returncode}"
            print(f"{selection:10} {way:12} {run.seconds:8.1f} {run.cpu_seconds:8.1f}  {summary}", flush=True)
            failed = failed or not run.ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
