# The two commands a new machine needs: `make demo` (the main job) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system-deps demo test lint bench clean

setup: system-deps $(STAMP)

# Native libraries WeasyPrint needs; installs them with apt-get when it can, else says how.
system-deps:
	@sh scripts/system-deps.sh

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: setup
	$(BIN)/assess list
	$(BIN)/assess validate questionnaires/*.yaml

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: setup lint
	$(BIN)/pytest -n 2 -q

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) out build dist .mypy_cache .pytest_cache .ruff_cache
