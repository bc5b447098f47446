# sitrep: every target bootstraps its own .venv from the hash-pinned lock files.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DB ?= sitrep.duckdb
SAMPLES := src/sitrep/data/samples
PIP := $(BIN)/pip --disable-pip-version-check

.PHONY: demo test lint eval bench fuzz clean install install-dev

demo: $(VENV)/.runtime ## ingest the bundled sample articles and summarise the store
	$(BIN)/sitrep ingest $(SAMPLES) --db $(DB)
	@echo
	$(BIN)/sitrep stats --db $(DB)
	@echo
	$(BIN)/sitrep docs --db $(DB) --limit 10
	@echo
	$(BIN)/sitrep brief --db $(DB) --story "$$($(BIN)/sitrep stories --db $(DB) --limit 1 | cut -d' ' -f1)"

test: $(VENV)/.dev lint ## lint, type-check, check layers and run the whole test suite
	$(BIN)/pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests eval bench tools
	$(BIN)/mypy
	$(BIN)/lint-imports

eval: $(VENV)/.dev ## precision/recall/F1 per component on the gold set
	$(BIN)/python -m eval.score

bench: $(VENV)/.dev ## throughput and memory beside bare spaCy; writes bench/results.md
	$(BIN)/python bench/run.py

fuzz: $(VENV)/.dev ## a longer coverage-guided fuzz run over the readers (minutes)
	$(BIN)/python -m tests.fuzz.run_fuzz

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.lock pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	npm ci --prefix src/sitrep/web --no-audit --no-fund
	touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.runtime
	$(PIP) install --require-hashes -r requirements-dev.lock
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist src/*.egg-info
