# Two commands a new machine needs: `make demo` and `make test` (then `make e2e`).
# Both bootstrap uv (with pip) and the virtualenv with every extra, so a fresh
# clone needs only Python, pip, Node and npm.
SHELL := /bin/bash
PY ?= python3
# uv on PATH, else the module pip installs below (`python3 -m uv` needs no PATH).
UV := $(shell command -v uv 2>/dev/null || echo "$(PY) -m uv")
VENV := .venv
STAMP := $(VENV)/.synced
RUN := $(UV) run --frozen --no-sync

.PHONY: demo demo-tour frontend e2e test test-py test-mypy test-ts typecheck try-editors bench lint venv clean

$(STAMP): pyproject.toml uv.lock
	@$(UV) --version >/dev/null 2>&1 || $(PY) -m pip install --quiet uv \
	  || $(PY) -m pip install --quiet --user --break-system-packages uv
	$(UV) sync --frozen --all-extras --compile-bytecode
	@touch $@

venv: $(STAMP)

# TypeScript test tools (tsc, React types, zod, vitest): re-installed only
# when the lock file changes. `npm install --no-save` follows the lock; `npm ci`
# refuses it here because npm 11 leaves other platforms' optional rollup
# binaries out of the lock.
TS_STAMP := tests/ts/node_modules/.installed
$(TS_STAMP): tests/ts/package-lock.json
	npm install --prefix tests/ts --no-save --no-audit --no-fund --loglevel=error
	@touch $@

# The demo shop's React app (examples/shop/frontend, Vite's react-ts
# template): its npm packages, the generated client in src/api, the build.
FRONTEND := examples/shop/frontend
FRONTEND_STAMP := $(FRONTEND)/node_modules/.installed
$(FRONTEND_STAMP): $(FRONTEND)/package-lock.json
	npm ci --prefix $(FRONTEND) --no-audit --no-fund --loglevel=error
	@touch $@

frontend: $(STAMP) $(FRONTEND_STAMP)
	$(RUN) mizan generate --config $(FRONTEND)/mizan.toml
	npm --prefix $(FRONTEND) run build

# The shop under uvicorn on 127.0.0.1:8000 (PORT=0 takes a free port) until Ctrl-C.
demo: frontend
	$(RUN) python examples/shop/serve.py $(if $(PORT),--port $(PORT))

# The printed walkthrough: registry, requests, static IR, check, generate.
demo-tour: $(STAMP)
	$(RUN) python examples/demo.py

# The browser tests: the built demo in Debian's Chromium (Playwright's own
# browser download does not work here). Screenshots: tests/e2e/artifacts/.
e2e: frontend $(TS_STAMP)
	@test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium; }
	$(RUN) pytest -p no:cacheprovider -q tests/e2e

test: $(STAMP) $(TS_STAMP)
	$(RUN) ruff check mizan_core mizan_django mizan_mypy mizan_lsp tests
	$(MAKE) --no-print-directory typecheck
	$(RUN) pytest -p no:cacheprovider -q --durations=25
	$(MAKE) --no-print-directory test-mypy
	@echo "make test: all suites passed"

# The four packages under mypy, as [tool.mypy] in pyproject.toml says (--strict;
# django-stubs' plugin for mizan_django). `python -m` puts the repository on
# sys.path: the plugin imports tests.django.settings.
typecheck: $(STAMP)
	$(RUN) python -m mypy

# The mypy plugin's YAML cases: their own process, without pytest-lsp (the
# two plugins break each other; `-p no:pytest_lsp` does not block the
# `pytest-lsp` entry point). The main run above leaves the YAML files out.
test-mypy: $(STAMP)
	$(RUN) pytest -p no:cacheprovider -p no:pytest-lsp -q $(wildcard tests/mypy_plugin/test_*.yml)

# A real editor against the language server: Neovim (from Debian's packages),
# headless. Not in `make test`: it needs the system's package manager.
try-editors: $(STAMP)
	@command -v nvim >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq neovim; }
	$(RUN) python tests/editors/try_neovim.py

bench: $(STAMP)
	$(RUN) python -m tests.bench $(AREAS)

# Static IR == runtime IR on generated projects, with the large budget
# (`make test` runs a small fixed one); docs/parity.md has the counts.
.PHONY: test-parity
PARITY_EXAMPLES ?= 200
test-parity: $(STAMP)
	MIZAN_PARITY_EXAMPLES=$(PARITY_EXAMPLES) $(RUN) pytest -p no:cacheprovider -q --timeout=0 --hypothesis-show-statistics tests/parity

# Mutation testing of the call core, authentication, contexts, the cache,
# invalidation and the tokens: [tool.mutmut] in pyproject.toml names the
# modules and the tests; mutants/ holds the run (kept between runs, so a second
# run only retries what changed). Not in `make test`: it takes tens of minutes
# on two cores. docs/testing.md lists the survivors and why each stands.
.PHONY: mutation
mutation: $(STAMP)
	$(RUN) mutmut run --max-children $(or $(JOBS),2)
	$(RUN) mutmut results

lint: $(STAMP)
	$(RUN) ruff check mizan_core mizan_django mizan_mypy mizan_lsp tests

clean:
	rm -rf $(VENV) node_modules tests/ts/node_modules tests/ts/build .mizan_cache \
	  $(FRONTEND)/node_modules $(FRONTEND)/dist $(FRONTEND)/src/api tests/e2e/artifacts
