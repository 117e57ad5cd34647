# Everything a fresh machine needs, then the suites. `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
WORKERS ?= 2
PYTEST_ARGS ?=

.PHONY: help setup browser regression test smoke unit lint bench defects serve clean

help:
	@echo "make regression  set up, then run the headless browser regression suite with an HTML report"
	@echo "make test        set up, then run every test (unit + browser)"
	@echo "make smoke       the smoke subset (under a minute)"
	@echo "make unit        the fast tests of mock_site only (no browser)"
	@echo "make lint        ruff and mypy"
	@echo "make bench       time the smoke subset with 1 and 2 workers (ratios, not thresholds)"
	@echo "make defects     plant each catalogued defect in a copy and check the browser suites catch it"
	@echo "make serve       the mock portal and FranceConnect in test mode, on 127.0.0.1:5000/5001"
	@echo "Extra pytest options: make test PYTEST_ARGS='--headed -k captcha'"

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed browser

# Finds a browser (Playwright's own, else a system Chromium), installing one if none is found.
browser: $(VENV)/.installed
	$(PY) -m harness.browser --install

regression: setup
	$(PY) -m pytest e2e -n $(WORKERS) --html=reports/regression.html \
		--self-contained-html --junitxml=reports/regression.xml \
		--tracing=retain-on-failure --screenshot=only-on-failure --output=test-results $(PYTEST_ARGS)

test: setup
	$(PY) -m pytest -n $(WORKERS) --junitxml=reports/all-tests.xml \
		--tracing=retain-on-failure --screenshot=only-on-failure --output=test-results $(PYTEST_ARGS)

smoke: setup
	$(PY) -m pytest e2e -m smoke -n $(WORKERS) $(PYTEST_ARGS)

unit: $(VENV)/.installed
	$(PY) -m pytest tests $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m mypy

bench: setup
	$(PY) scripts/benchmark.py

defects: setup
	$(PY) scripts/defects.py --workers $(WORKERS)

serve: $(VENV)/.installed
	$(PY) -m mock_site --test-mode

clean:
	rm -rf $(VENV) reports test-results .pytest_cache .hypothesis
