"""The command line: the same checks and handout as the site build, with no site engine.

    python -m legcramps check [-f mkdocs.yml] [--no-pdf]  every content rule, every edition; exit 1 on any mistake
    python -m legcramps handout [-f mkdocs.yml] [-o DIR]  write both PDFs and the preview image
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from legcramps.errors import ContentProblems, MachineProblem
from legcramps.model.settings import is_deploy_build, load_settings, local_site_url_problem
from legcramps.session import Build, start_build


def _start(config: Path) -> Build | None:
    try:
        return start_build(load_settings(config))
    except ContentProblems as problems:
        for problem in problems.problems:
            print(problem, file=sys.stderr)
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m legcramps", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("check", "handout"))
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-o", "--output", type=Path, default=Path("site"), help="folder for the handout files")
    parser.add_argument("--no-pdf", action="store_true",
                        help="check: do not draw the handout and diary to count their pages (the build still does)")
    args = parser.parse_args(argv)
    if not args.config_file.is_file():
        print(f"{args.config_file}: file not found (run this in the project folder)", file=sys.stderr)
        return 2
    if args.command == "check":
        return _check(args.config_file, draw=not args.no_pdf)
    build = _start(args.config_file)
    if build is None:
        return 1
    from legcramps.handout.content import HandoutError  # the PDF's code (and its QR code library): not for `check`
    from legcramps.handout.pdf import LOGGER_NAME
    from legcramps.handout.worker import build_handout

    local = local_site_url_problem(build.project.settings.site_url)
    if local and is_deploy_build():
        print(f"{args.config_file}: {local}", file=sys.stderr)
        return 1

    logging.basicConfig(format="%(levelname)s %(message)s", level=logging.WARNING)
    logging.getLogger(LOGGER_NAME).setLevel(logging.INFO)  # machine notices are INFO: show them
    handler = _CountWarnings()
    logging.getLogger(LOGGER_NAME).addHandler(handler)
    try:
        handout = build_handout(build.project)
    except HandoutError as error:
        print(error, file=sys.stderr)
        return 1
    for output in handout.files:
        target = args.output / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(output.content)
        print(f"wrote {target} ({len(output.content) // 1024} KB)")
    return 1 if handler.count else 0


def _check(config_file: Path, draw: bool) -> int:
    from legcramps.content_check.command import check_site

    try:
        result = check_site(config_file, draw=draw)
    except MachineProblem as missing:  # this computer's, never the page's: no file:line
        print(f"Cannot check on this computer: {missing}", file=sys.stderr)
        return 2
    except ContentProblems as broken:  # a config file that does not read: nothing else can be checked
        for problem in broken.problems:
            print(problem, file=sys.stderr)
        return 1
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.problems:
        return 1
    for reminder in result.reminders:
        print(f"reminder: {reminder}")  # never fatal: see CONTRIBUTING, "Keeping sources current"
    for note in result.notes:
        print(f"note: {note}")  # never fatal: see CONTRIBUTING, "Search"
    print(f"{len(result.editions)} editions ({', '.join(result.editions)}), {result.pages} pages, "
          f"{result.sources} sources: no problems found")
    return 0


class _CountWarnings(logging.Handler):
    """A content warning from WeasyPrint fails the command, as it fails the strict site build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
