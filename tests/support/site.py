"""Build the real site and serve it the way GitHub Pages does, for the tests and the benchmarks."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import signal
import socket
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from legcramps.handout.cache import CACHE_VARIABLE
from legcramps.model.clinic import CLINIC_VARIABLES
from legcramps.model.config_file import EDITION_VARIABLE
from tools.build_site import build_site

ROOT = Path(__file__).resolve().parents[2]
SUB_PATH = "/leg-cramps/"  # served like a GitHub Pages project site: https://OWNER.github.io/REPO/
# What a copy of the project needs to build (the package itself is installed): every edition's
# config (mkdocs*.yml) and pages folder (docs*), the theme overrides, hooks, data and templates.
PROJECT_FILES = ("overrides", "hooks", "data", "templates")


def project_files(root: Path = ROOT) -> list[str]:
    configs = (path.name for path in root.glob("mkdocs*.yml"))
    pages = (path.name for path in root.glob("docs*") if path.is_dir())
    return sorted({*PROJECT_FILES, *configs, *pages})


@dataclass
class BuildResult:
    returncode: int
    output: str
    site_dir: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


# The test run's own handout cache (tests/conftest.py makes it, one folder for every worker): a test build
# takes a PDF that an earlier build of the run drew from exactly the same inputs (cache.py: the whole HTML,
# templates, fonts, library versions), so the ~60 builds of mostly the same handout draw it a few times,
# not 60. A PDF that made WeasyPrint warn is never kept. Tests about drawing itself pass DRAWN_AFRESH.
TEST_CACHE_VARIABLE = "LEGCRAMPS_TEST_HANDOUT_CACHE"
DRAWN_AFRESH = {CACHE_VARIABLE: ""}  # this build draws every PDF, whatever the run's cache holds


def build_env(**extra: str) -> dict[str, str]:
    """The environment of a test build: the test's own settings, never the machine's (a clinic's
    CLINIC_* or SITE_EDITION variables, CI, a handout cache) unless a test passes them; the run's own
    handout cache unless the test passes DRAWN_AFRESH or a cache of its own."""
    env = dict(os.environ)
    for name in (*CLINIC_VARIABLES.values(), EDITION_VARIABLE):
        env.pop(name, None)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env.setdefault("SOURCE_DATE_EPOCH", "1790000000")
    env.pop("OVERDUE_FAILS", None)  # overdue dates publish with a notice unless a test asks
    env.pop(CACHE_VARIABLE, None)
    if env.get(TEST_CACHE_VARIABLE):
        env[CACHE_VARIABLE] = env[TEST_CACHE_VARIABLE]
    env.pop("CI", None)  # a local build unless a test says otherwise (CI refuses the local site_url)
    env.update(extra)
    return env


def mkdocs_build(project: Path, site_dir: Path, config: str = "mkdocs.yml", **env: str) -> BuildResult:
    """Build every edition of the site `config` with the real `mkdocs build --strict`, then the offline
    copies, exactly as `make build` does (tools/build_site.py)."""
    code, output = build_site(project, site_dir, build_env(**env), config)
    return BuildResult(code, output, site_dir)


def copy_project(destination: Path) -> Path:
    """A throwaway copy of the project that a test may break on purpose."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in project_files():
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, destination / name)
    return destination


def set_clinic(project: Path, block: str) -> None:
    """Give a copy's mkdocs.yml this `clinic:` block (lines indented under `extra:`, or "" for none),
    in place of whatever clinic the project has set: the test's settings, not the project's."""
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    kept, skipping = [], False
    for line in lines:
        if line.startswith("  clinic:"):
            skipping = True
            continue
        if skipping and (line.startswith("    ") or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    text = "".join(kept)
    assert text.count("\nextra:\n") == 1, "mkdocs.yml has no single top-level extra:"
    config.write_text(text.replace("\nextra:\n", "\nextra:\n" + block, 1), encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop `mkdocs serve` as Ctrl+C does: it then deletes its copy of the site in the temporary folder
    (4 MB, left behind when it is terminated); killed only if it has not stopped after 30 s."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serve site/ under SUB_PATH; anything else, or a missing file, gets 404.html with status 404."""

    site_dir: Path

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def handle(self) -> None:
        with contextlib.suppress(ConnectionError):  # the browser left before a file was sent: normal, no traceback
            super().handle()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        if not path.startswith(SUB_PATH):
            return str(self.site_dir / "__missing__")
        relative = path[len(SUB_PATH):]
        target = (self.site_dir / relative).resolve()
        if self.site_dir.resolve() not in target.parents and target != self.site_dir.resolve():
            return str(self.site_dir / "__missing__")
        return str(target)

    def _not_found_page(self) -> Path:
        """The 404 page of the edition the address is in (es/404.html under es/), else the site's."""
        relative = unquote(urlsplit(self.path).path)[len(SUB_PATH):]
        parts = relative.split("/")[:-1]
        for depth in range(len(parts), 0, -1):
            page = self.site_dir.joinpath(*parts[:depth], "404.html")
            if page.is_file():
                return page
        return self.site_dir / "404.html"

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self._not_found_page()
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


class SiteServer:
    """A real HTTP server on 127.0.0.1 in a background thread (the benchmarks pass a gzip handler)."""

    def __init__(
        self,
        site_dir: Path,
        port: int,
        handler_class: type[_PagesHandler] = _PagesHandler,
        server_class: type[http.server.ThreadingHTTPServer] = http.server.ThreadingHTTPServer,
        **handler_attributes: object,
    ) -> None:
        handler = type("Handler", (handler_class,), {"site_dir": site_dir, **handler_attributes})
        handler = functools.partial(handler, directory=str(site_dir))
        self.httpd = server_class(("127.0.0.1", port), handler)
        self.base_url = f"http://127.0.0.1:{port}{SUB_PATH}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
