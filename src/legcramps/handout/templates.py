"""The printable documents' HTML, from their Jinja templates in `templates/handout/`.

A mistake in a template stops the build with one line naming the file and line where it is: the
document's own template or `parts.html`, the pieces every handout imports. Jinja names the template it
was asked to render, and WeasyPrint the document it draws; neither knows which imported part the
mistake is in, so both are traced back here (Jinja's errors by their traceback, a missing alt text by
reading the template files before anything is drawn). With `HANDOUT_CACHE_DIR` set, the compiled
templates are kept there between builds, as the theme's are (engines/theme_cache.py).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import jinja2

from legcramps.handout.cache import bytecode_cache
from legcramps.handout.content import HandoutContent, HandoutError
from legcramps.model.project import rel_path

FOLDER = "handout-templates"  # the templates' compiled code, in the handout cache's folder
_IMAGE = re.compile(r"<img\b[^>]*>")
_ALT = re.compile(r"\salt\s*=")
_UNDEFINED = re.compile(r"'(\w+)' is undefined|has no attribute '(\w+)'")
_IMPORT = re.compile(r"""\{%-?\s*(?:import|include|from)\s+["']([^"']+)["']""")
_NO_ALT = ('an image without alt text: give it alt="{{ ... }}" with words from the edition\'s data that say '
           "what it shows (screen readers read them out; a PDF/UA file must have them)")


def rel(path: Path) -> str:
    """A path as an editor knows it: relative to the project root (the working directory)."""
    return rel_path(Path.cwd(), path)


def render_html(template_dir: Path, template: str, context: dict[str, Any], content: HandoutContent) -> str:
    """One of the templates, rendered with the edition's spelling; any template mistake is one line."""
    where = rel(template_dir / template)
    if not content.site_url.startswith(("http://", "https://")):
        raise HandoutError(f"mkdocs.yml: site_url is needed for the handout's address and QR code, got {content.site_url!r}")
    _check_images(template_dir, template)
    environment = _environment(template_dir.resolve())
    environment.bytecode_cache = bytecode_cache(FOLDER)
    try:
        return content.spelling.html(environment.get_template(template).render(context))
    except jinja2.TemplateSyntaxError as error:
        named = rel(Path(error.filename)) if error.filename else where
        raise HandoutError(f"{named}:{error.lineno}: template syntax error: {error.message}") from None
    except jinja2.TemplateNotFound as error:
        raise HandoutError(f"{where}: template not found ({error.name})") from None
    except jinja2.TemplateError as error:
        raise HandoutError(f"{_where_in_templates(error, template_dir) or where}: template error: {error}") from None


@functools.cache
def _environment(template_dir: Path) -> jinja2.Environment:
    """One environment per template folder, so each template (parts.html for every document) is compiled
    once per process; Jinja compiles it again when its file has changed (`make serve`)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _where_in_templates(error: BaseException, template_dir: Path) -> str | None:
    """'file:line' of the template line with the mistake, from the error's traceback (Jinja gives each
    template frame the template's file name and line), e.g. a name misspelt in parts.html while
    handout.html is rendered. The innermost template frame, unless the error names an undefined name and
    an outer frame's line holds it: a misspelt name passed to a macro fails only where the macro uses it."""
    frames: list[tuple[Path, int]] = []
    trace = error.__traceback__
    while trace is not None:
        name = Path(trace.tb_frame.f_code.co_filename)
        if name.suffix == ".html" and name.parent.resolve() == template_dir.resolve():
            frames.append((name, trace.tb_lineno))
        trace = trace.tb_next
    found = _UNDEFINED.search(str(error)) if isinstance(error, jinja2.UndefinedError) else None
    undefined = re.compile(rf"\b{re.escape(found.group(1) or found.group(2))}\b") if found else None
    if undefined is not None:
        for path, line in reversed(frames):
            lines = path.read_text(encoding="utf-8").splitlines()
            if 0 < line <= len(lines) and undefined.search(lines[line - 1]):
                return f"{rel(path)}:{line}"
    return f"{rel(frames[-1][0])}:{frames[-1][1]}" if frames else None


def _template_files(template_dir: Path, template: str) -> list[Path]:
    """The template and every template it imports or includes, each once."""
    files: list[Path] = []
    waiting = [template]
    while waiting:
        path = template_dir / waiting.pop(0)
        if path in files or not path.is_file():
            continue  # a missing one is Jinja's "template not found", with its name
        files.append(path)
        waiting.extend(_IMPORT.findall(path.read_text(encoding="utf-8")))
    return files


def _check_images(template_dir: Path, template: str) -> None:
    """Every <img> in the template and its parts has alt text (PDF/UA), named at its own file and line."""
    for path in _template_files(template_dir, template):
        text = path.read_text(encoding="utf-8")
        for image in _IMAGE.finditer(text):
            if not _ALT.search(image.group(0)):
                raise HandoutError(f"{rel(path)}:{text.count(chr(10), 0, image.start()) + 1}: {_NO_ALT}")
