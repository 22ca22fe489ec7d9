"""The few site settings the core needs, read from MkDocs' config, Zensical's, or mkdocs.yml itself."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from legcramps.errors import ContentProblems
from legcramps.model.config_file import config_problems
from legcramps.model.nav_sections import written_nav
from legcramps.model.yaml_text import SafeLoader

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
SITE_URL_FIX = "set SITE_URL to the published address, e.g. SITE_URL=https://OWNER.github.io/REPO/ make build"


def edition_site_url(site_url: str, edition: Mapping[str, Any]) -> str:
    """An edition lives under the site's address plus its path, e.g. https://example.org/guide/es/."""
    path = str(edition.get("path") or "").strip("/")
    return f"{site_url.rstrip('/')}/{path}/" if path and site_url else site_url


def is_deploy_build() -> bool:
    """CI (and any build for deploy) must not publish the local preview address in the PDF and links."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false") or bool(os.environ.get("DEPLOY"))


def local_site_url_problem(site_url: str) -> str | None:
    """Why this site_url must not be published, or None. A local build only gets a notice."""
    if site_url.rstrip("/") != DEFAULT_SITE_URL.rstrip("/"):
        return None
    return (
        f"site_url is the local preview address {DEFAULT_SITE_URL}, so the handout's QR code and address "
        f"would point there: {SITE_URL_FIX}"
    )


class _ConfigLoader(SafeLoader):
    """mkdocs.yml without MkDocs: `!ENV` is read from the environment, other tags are ignored."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    value = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    *names, default = value if len(value) > 1 else [*value, None]
    for name in names:
        if os.environ.get(str(name)):
            return os.environ[str(name)]
    return default


def _ignored_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("!", _ignored_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignored_tag)


@dataclass(frozen=True)
class Settings:
    root: Path  # the folder that holds mkdocs.yml, data/ and templates/
    docs_dir: Path
    nav: Any  # the raw `nav` list
    extra: Mapping[str, Any]
    site_url: str
    site_name: str
    language: str  # theme.language: en, es (the words and safety data in data/<language>/)
    edition: Mapping[str, Any]  # extra.edition: locale, path, translated_from
    config_name: str = "mkdocs.yml"  # the edition's config file, for messages

    @property
    def locale(self) -> str:
        """The edition's locale (en-US, en-GB, es-US, es-ES), from theme.language (en-us, ...): dates,
        spelling, the handout's language; Material's <html lang> comes from the same setting."""
        language, _, region = self.language.replace("_", "-").partition("-")
        return f"{language.lower()}-{region.upper()}" if region else language.lower()

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def words_dir(self) -> Path:
        """Reader-facing words and shared safety content of this edition's language."""
        return self.data_dir / self.language.split("-")[0].split("_")[0].lower()


def _get(conf: Any, name: str, default: Any = None) -> Any:
    try:
        value = conf[name]
    except (KeyError, TypeError):
        return default
    return default if value is None else value


def settings_from_config(conf: Any, root: Path) -> Settings:
    """From a loaded config (MkDocs' MkDocsConfig or Zensical's dict): only plain lookups."""
    theme = _get(conf, "theme", {})
    docs_dir = Path(str(_get(conf, "docs_dir", "docs")))
    return Settings(
        root=root,
        docs_dir=docs_dir if docs_dir.is_absolute() else root / docs_dir,
        nav=written_nav(_get(conf, "nav", [])),
        extra=_get(conf, "extra", {}),
        site_url=str(_get(conf, "site_url", "") or ""),
        site_name=str(_get(conf, "site_name", "")),
        language=str(_get(theme, "language", "en") or "en"),
        edition=_get(_get(conf, "extra", {}), "edition", {}),
        config_name=Path(str(_get(conf, "config_file_path", "mkdocs.yml"))).name,
    )


def load_settings(config_file: Path) -> Settings:
    """Read mkdocs.yml directly, for the command line (no site engine involved). A YAML mistake in it (or in
    what it INHERITs) raises ContentProblems with one line each: file, line, fix."""
    problems = config_problems(config_file)
    if problems:
        raise ContentProblems(problems)
    with config_file.open(encoding="utf-8") as stream:
        conf = yaml.load(stream, Loader=_ConfigLoader) or {}  # noqa: S506 - a SafeLoader subclass
    parent = conf.pop("INHERIT", None)
    if parent:
        base = load_settings(config_file.parent / str(parent))
        return _with_edition_url(Settings(
            root=config_file.parent.resolve(),
            docs_dir=(config_file.parent / conf["docs_dir"]).resolve() if "docs_dir" in conf else base.docs_dir,
            nav=conf.get("nav", base.nav),
            extra={**base.extra, **conf.get("extra", {})},
            site_url=str(conf.get("site_url", base.site_url) or ""),
            site_name=str(conf.get("site_name", base.site_name)),
            language=str((conf.get("theme") or {}).get("language", base.language)),
            edition={**base.edition, **(conf.get("extra", {}).get("edition") or {})},
            config_name=config_file.name,
        ))
    settings = replace(settings_from_config(conf, config_file.parent.resolve()), config_name=config_file.name)
    return _with_edition_url(settings)


@dataclass(frozen=True)
class Edition:
    config: str  # e.g. mkdocs.es.yml
    path: str  # "" for the original edition, "es/" for the Spanish one


def site_editions(config_file: Path) -> list[Edition]:
    """The editions a site publishes (`extra.editions`, as MkDocs merges an INHERIT), the original first; just
    this config if it lists none. `make build`, `python -m legcramps check` and the tests all read them here."""
    listed = load_settings(config_file).extra.get("editions") or [{"config": config_file.name, "path": ""}]
    return [Edition(str(item["config"]), str(item.get("path") or "")) for item in listed]


def config_value(config_file: Path, name: str) -> Any:
    """One top-level setting of a config file, or of the file it INHERITs (as MkDocs reads it); None if unset."""
    with config_file.open(encoding="utf-8") as stream:
        conf = yaml.load(stream, Loader=_ConfigLoader) or {}  # noqa: S506 - a SafeLoader subclass
    if name in conf:
        return conf[name]
    return config_value(config_file.parent / str(conf["INHERIT"]), name) if conf.get("INHERIT") else None


def _with_edition_url(settings: Settings) -> Settings:
    return replace(settings, site_url=edition_site_url(settings.site_url, settings.edition))
