"""Build every edition of the site into one folder, as `make build`, the tests and CI do.

    python -m tools.build_site OUT [CONFIG]      # CONFIG: mkdocs.yml, or another site such as mkdocs.en-gb.yml

Editions are listed once, in the site's config (`extra.editions`: config file and path). The original
edition is built first into OUT (MkDocs empties its folder), then each other edition into its path
under OUT, then each edition gets its own offline copy (service worker) scoped to its own folder; last, every
page's inline scripts are checked against its Content-Security-Policy (one line per page that disagrees).
Each step is the real `mkdocs build --strict`; the first failure stops everything with its output. A
config file that YAML cannot read, or that writes a key twice, stops it first with one line (file, line,
fix). With SITE_EDITION set (us, uk) and CONFIG left at mkdocs.yml, that edition's config is built.
With HANDOUT_CACHE_DIR set, the editions take unchanged handouts from that folder; after a good
build, the entries none of them used are deleted, so a folder kept between CI runs does not grow.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from legcramps.errors import ContentError
from legcramps.handout.cache import CACHE_VARIABLE, file_clock, prune
from legcramps.model.config_file import config_problems, edition_config
from legcramps.model.settings import Edition, site_editions
from legcramps.offline.service_worker import EXCLUDE, write_service_worker
from legcramps.render.page_policy import policy_problems


def editions(project: Path, config_name: str = "mkdocs.yml") -> list[Edition]:
    return site_editions(project / config_name)


def worker_exclude(all_editions: list[Edition], edition: Edition) -> tuple[str, ...]:
    """Each edition's worker keeps its own folder; the one at the site's root leaves the others' folders out."""
    if edition.path:
        return EXCLUDE
    return (*EXCLUDE, *(f"{other.path.rstrip('/')}/*" for other in all_editions if other.path))


def build_site(project: Path, out: Path, env: dict[str, str] | None = None, config: str = "mkdocs.yml") -> tuple[int, str]:
    """(exit code, combined output). Builds every edition of the site, then writes their service workers."""
    output = []
    env = env or dict(os.environ)
    try:
        config = edition_config(env, config) if config == "mkdocs.yml" else config  # SITE_EDITION: uk, ...
    except ContentError as error:
        return 1, f"{error.where}: {error.message}\n"
    broken = config_problems(project / config)
    all_editions = [] if broken else editions(project, config)
    broken += [problem for edition in all_editions for problem in config_problems(project / edition.config)]
    if broken:  # MkDocs would print a traceback, or keep the last of two keys of one name without a word
        return 1, "".join(f"ERROR   -  {problem}\n" for problem in dict.fromkeys(map(str, broken)))
    cache = project / env[CACHE_VARIABLE] if env.get(CACHE_VARIABLE) else None
    started = file_clock(cache) if cache else 0  # a handout these builds use is touched at or after this
    for edition in all_editions:
        target = out / edition.path if edition.path else out
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", edition.config, "-d", str(target)]
        # One stream, in the order MkDocs wrote it: its log lines (stderr) before the "Aborted" it prints last (stdout).
        result = subprocess.run(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output.append(result.stdout)
        if result.returncode != 0:
            return result.returncode, "".join(output)
    for edition in all_editions:
        folder = out / edition.path if edition.path else out
        output.append(write_service_worker(folder, worker_exclude(all_editions, edition)).summary() + "\n")
    # Every page as shipped, 404 pages included: its inline scripts and its Content-Security-Policy agree.
    problems = policy_problems(out)
    if problems:
        return 1, "".join(output) + "".join(f"{line}\n" for line in problems)
    if cache:
        removed = prune(cache, started)
        output.append(f"{env[CACHE_VARIABLE]}: handout files reused or made by this build kept, {len(removed)} others deleted\n")
    return 0, "".join(output)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: python -m tools.build_site OUT [CONFIG]")
    code, text = build_site(Path.cwd(), Path(sys.argv[1]), config=sys.argv[2] if len(sys.argv) == 3 else "mkdocs.yml")
    print(text, end="", file=sys.stderr if code else sys.stdout)
    sys.exit(code)
