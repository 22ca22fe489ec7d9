# Zensical, the successor engine: proven alongside MkDocs, not adopted (handbook/zensical.md). Included
# by the Makefile; its own environment is the hashed site pins plus requirements-zensical.txt (zensical, hashed).
.PHONY: zensical zensical-compare lock-zensical
ZENSICAL_VENV := .venv-zensical
ZENSICAL_BIN := $(ZENSICAL_VENV)/bin
ZENSICAL_CONFIG := mkdocs.zensical.yml
ZENSICAL_GENERATED := .zensical.yml
ZENSICAL_SITE := site-zensical

$(ZENSICAL_BIN)/.deps: requirements-bootstrap.txt requirements.txt requirements-zensical.txt pyproject.toml
	$(INSTALL) $(ZENSICAL_VENV) requirements.txt requirements-zensical.txt
	touch $@

# Zensical runs no checks and ignores hooks: the package checks first, then writes what the hooks
# add to the config (theme words, handout links; ZENSICAL_GENERATED inherits ZENSICAL_CONFIG). Zensical
# empties its site folder on every build, so the handout (from the cache the config step filled) and
# the offline worker go in after it. The English edition only.
zensical: system-build $(ZENSICAL_BIN)/.deps
	$(ZENSICAL_BIN)/python -m legcramps check
	HANDOUT_CACHE_DIR=.cache/handout $(ZENSICAL_BIN)/python -m legcramps.engines.config $(ZENSICAL_CONFIG) -o $(ZENSICAL_GENERATED)
	$(ZENSICAL_BIN)/zensical build -f $(ZENSICAL_GENERATED)
	HANDOUT_CACHE_DIR=.cache/handout $(ZENSICAL_BIN)/python -m legcramps handout -o $(ZENSICAL_SITE)
	$(ZENSICAL_BIN)/python -m legcramps.offline.service_worker $(ZENSICAL_SITE)

# Build both engines afresh, time them and print what differs (exit 1 if pages, text or PDFs do).
zensical-compare: system-build $(ZENSICAL_BIN)/.deps
	$(ZENSICAL_BIN)/python -m bench.engines

# After `make lock`: zensical's own dependencies held to the versions in requirements.txt.
lock-zensical: $(BIN)/.test-deps
	$(UV) pip compile --quiet --generate-hashes --python-version $$(cat .github/python-version) \
		requirements-zensical.in -o requirements-zensical.txt
