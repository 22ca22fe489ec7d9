"""A site config for an engine that runs no hooks (Zensical): a base config plus what the hooks add.

Under MkDocs, `hooks/site_hooks.py` puts three things into `config.extra` while building: the theme's
words (`words`, from this edition's words file), the handout links with their real sizes
(`handout`, from the rendered PDFs) and the web app's id (`app_id`, the edition's path). The theme
templates in overrides/ read them. Zensical ignores hooks, so `make zensical` writes them into a small
config that inherits the committed one:

    python -m legcramps.engines.config mkdocs.zensical.yml -o .zensical.yml

The handout is rendered here for its sizes; with HANDOUT_CACHE_DIR set (as `make zensical` does),
`python -m legcramps handout` then takes the same PDFs from the cache instead of rendering again.
The output is JSON, which every YAML reader also reads.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from legcramps.errors import ContentProblems
from legcramps.handout.content import HandoutError
from legcramps.handout.worker import build_handout
from legcramps.model.project import Project
from legcramps.model.settings import load_settings
from legcramps.session import start_build


def hook_extra(project: Project, handout_links: dict[str, Any]) -> dict[str, Any]:
    """The `config.extra` entries the MkDocs hooks set, for the same templates. `app_id`: the edition's own
    path on its host (the web app manifest's id, which browsers resolve against the host alone), so each
    edition installs as its own app."""
    app_id = urlsplit(project.settings.site_url).path or "./"
    return {"words": project.words.site, "handout": handout_links, "app_id": app_id}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m legcramps.engines.config", description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, help="the config to inherit, e.g. mkdocs.zensical.yml")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the config to write, beside the base")
    args = parser.parse_args(argv)
    try:
        project = start_build(load_settings(args.base)).project
        links = build_handout(project).links
    except ContentProblems as problems:
        print("\n".join(map(str, problems.problems)), file=sys.stderr)
        return 1
    except HandoutError as error:
        print(error, file=sys.stderr)
        return 1
    config = {"INHERIT": args.base.name, "extra": hook_extra(project, links)}
    args.output.write_text(json.dumps(config, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.output} (inherits {args.base.name}; adds extra.words and extra.handout)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
