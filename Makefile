# The two commands a new machine needs: `make demo` (the main job) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system-deps demo test test-fast lint bench catalog clean

setup: system-deps $(STAMP)

# Native libraries and fonts (DejaVu, Noto CJK) WeasyPrint needs; installs them with apt-get when it can, else says how.
system-deps:
	@sh scripts/system-deps.sh

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The main job: score the examples and write their reports and the trend report to out/:
# the Haichuan bank's in Chinese, Northwind's in English and bilingually (Chinese first).
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
	$(BIN)/assess report examples/haichuan-bank-2025.yaml --previous examples/haichuan-bank-2024.yaml \
		--lang zh-CN -o out/haichuan-bank-2025.zh-CN.pdf
	$(BIN)/assess report examples/northwind-2025.yaml --previous examples/northwind-2023.yaml \
		--previous examples/northwind-2024.yaml --lang zh-CN+en -o out/northwind-2025.zh-CN+en.pdf
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

# assess's own words: extract them, merge them into each language's catalog (new ones come out
# untranslated, and the catalog test fails until they are translated), compile the .mo files.
# The compiled catalogs are committed, so a fresh clone needs no step of its own.
catalog: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k tr --no-location --sort-output -w 100 \
		-o assess/locale/assess.pot .
	$(BIN)/pybabel update -i assess/locale/assess.pot -d assess/locale -D assess \
		--ignore-obsolete --no-fuzzy-matching -w 100
	$(BIN)/pybabel compile -d assess/locale -D assess --statistics
	rm assess/locale/assess.pot

clean:
	rm -rf $(VENV) out build dist .mypy_cache .pytest_cache .ruff_cache
