# The two commands a new machine needs: `make demo` (the main job) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system-deps demo test test-fast lint bench clean

setup: system-deps $(STAMP)

# Native libraries WeasyPrint needs; installs them with apt-get when it can, else says how.
system-deps:
	@sh scripts/system-deps.sh

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The main job: score the examples and write their reports and the trend report to out/.
demo: setup
	@mkdir -p out
	$(BIN)/assess validate questionnaires/*.yaml examples/*.yaml
	$(BIN)/assess score examples/northwind-2026.yaml
	$(BIN)/assess report examples/northwind-2025.yaml --previous examples/northwind-2023.yaml \
		--previous examples/northwind-2024.yaml -o out/northwind-2025.pdf
	$(BIN)/assess report examples/northwind-2026.yaml --previous examples/northwind-2025.yaml \
		-o out/northwind-2026.pdf
	$(BIN)/assess score examples/northwind-2025.yaml --review examples/northwind-2025.review.yaml
	$(BIN)/assess report examples/northwind-2025.yaml --review examples/northwind-2025.review.yaml \
		-o out/northwind-2025-reviewed.pdf
	$(BIN)/assess report examples/harbourline-2025.yaml -o out/harbourline-2025.pdf
	$(BIN)/assess report examples/harbourline-2026.yaml --previous examples/harbourline-2025.yaml \
		-o out/harbourline-2026.pdf
	$(BIN)/assess compare examples/northwind-2023.yaml examples/northwind-2024.yaml \
		examples/northwind-2025.yaml examples/northwind-2026.yaml -o out/northwind-trend.pdf
	@echo "reports written to out/"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: setup lint
	$(BIN)/pytest -n 2 --dist loadgroup -q

# The quick tier while working: no PDF rendering, fresh processes or pseudo-terminals, no lint.
test-fast: $(STAMP)
	$(BIN)/pytest -n 2 -q -m "not slow"

bench: setup
	$(BIN)/python bench/run.py
	$(BIN)/python bench/long_text.py

clean:
	rm -rf $(VENV) out build dist .mypy_cache .pytest_cache .ruff_cache
