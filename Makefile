# Everything a fresh machine needs, then the suites. `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
WORKERS ?= 2
PYTEST_ARGS ?=
SHARD ?= 1
SHARDS ?= 4
RUNS ?= 10
SEED ?=
# pytest-split: least_duration gives every machine the same split whatever the test order;
# the shards of one build share SEED, so tests missing from .test_durations split alike too.
SPLIT := --splitting-algorithm least_duration --durations-path .test_durations
JOURNEY := e2e/test_scenarios.py::test_sinscrire_sur_moncompteformation_puis_se_connecter_avec_son_mot_de_passe
# Failures leave artifacts without slowing the passing tests: light traces (each action with
# its timing, call log and error, the console; no DOM, no network) and a screenshot. When tests
# failed (pytest's status 1), the first RETRACE_MAX failures of the run's JUnit report ($(1)) run
# once more, alone, with full traces (the DOM before and after each action, the network) into
# test-results/retraced/. The first run's status is the verdict, whatever the second run gives;
# the second run leaves pytest's cache (--last-failed) alone.
RETRACE_MAX ?= 10
ARTIFACTS := --tracing=retain-on-failure --light-traces --screenshot=only-on-failure --output=test-results
retrace = status=$$?; if [ $$status -eq 1 ]; then \
	mkdir -p test-results; \
	$(PY) -m harness.junit_reports $(1) --first $(RETRACE_MAX) > test-results/retrace.txt; fi; \
	if [ $$status -eq 1 ] && [ -s test-results/retrace.txt ]; then \
	echo "Recording $$(wc -l < test-results/retrace.txt) failed test(s) again with full traces (test-results/retraced/)..."; \
	if $(PY) -m pytest @test-results/retrace.txt $(PYTEST_ARGS) -n 0 -q -p no:cacheprovider \
		--tracing=retain-on-failure --screenshot=only-on-failure --output=test-results/retraced \
		--junitxml=test-results/retraced/report.xml --html=test-results/retraced/report.html \
		--self-contained-html; then \
		echo "The failed tests passed when run again: they are flaky. The first run's failures stand."; \
	fi; fi; exit $$status

.PHONY: help setup browser regression test without-test-api harness-alone smoke unit lint bench defects serve clean \
	shard durations devices aria-update visual-update record trace flakes steps

help:
	@echo "make regression  set up, then run the headless browser regression suite with an HTML report"
	@echo "make test        set up, then run every test (unit + browser)"
	@echo "make smoke       the smoke subset (under a minute)"
	@echo "make without-test-api  the browser suite against the mock without its test API"
	@echo "make harness-alone  the harness alone in a new venv, a test outside the repo run against the mock"
	@echo "make unit        the fast tests of mock_site only (no browser)"
	@echo "make lint        ruff (checks and formatting) and mypy, tests/ included"
	@echo "make bench       journeys (page objects, Playwright, Selenium, HTTP), suite -n 1/2/auto: ratios into BENCHMARKS.md"
	@echo "make defects     plant each catalogued defect in a copy and check the suites catch it"
	@echo "make serve       the mock portal and FranceConnect in test mode, on 127.0.0.1:5000/5001"
	@echo "make shard SHARD=2 SHARDS=4   one CI shard of the browser suite (split by .test_durations)"
	@echo "make durations   measure the browser suite again and rewrite .test_durations"
	@echo "make devices     the browser suite on phones: iPhone 13, then Pixel 7"
	@echo "make aria-update rewrite e2e/aria_snapshots/*.yml from the pages (after an intended change)"
	@echo "make visual-update  write missing screenshot baselines, rewrite changed ones (after an intended change)"
	@echo "make record      the mock in test mode + Playwright's recorder (codegen, python-pytest)"
	@echo "make trace       record a whole signup journey's trace in test-results/ and summarise it"
	@echo "make flakes RUNS=10   repeat the browser suite, new random order each run; list failures"
	@echo "make steps       the French scenarios' step vocabulary: every phrase, its parameters and needs"
	@echo "Extra pytest options: make test PYTEST_ARGS='--headed -k captcha'"

# Two distributions: the harness (a pytest plugin, the root pyproject) and the mocks it is
# developed against (mocks/pyproject.toml); a QA team installs the first alone.
$(VENV)/.installed: pyproject.toml mocks/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]' -e ./mocks
	touch $@

setup: $(VENV)/.installed browser

# Finds a browser (Playwright's own, else a system Chromium), installing one if none is found.
browser: $(VENV)/.installed
	$(PY) -m harness.browser --install

regression: setup
	rm -f reports/regression.xml  # the failures to record again are this run's
	$(PY) -m pytest e2e -n $(WORKERS) --html=reports/regression.html \
		--self-contained-html --junitxml=reports/regression.xml $(ARTIFACTS) $(PYTEST_ARGS); \
	$(call retrace,reports/regression.xml)

test: setup
	rm -f reports/all-tests.xml
	$(PY) -m pytest -n $(WORKERS) --junitxml=reports/all-tests.xml $(ARTIFACTS) $(PYTEST_ARGS); \
	$(call retrace,reports/all-tests.xml)
	$(MAKE) --no-print-directory without-test-api
	$(MAKE) --no-print-directory harness-alone

# The browser suite against the mock served as in production (no test API), as it runs
# against a deployment: what needs the test API is skipped with its reason, the rest passes.
without-test-api: setup
	$(PY) -m pytest e2e -n $(WORKERS) --mock-test-mode off -q $(PYTEST_ARGS)

# The harness installed alone in a new virtual environment (no Flask, no mocks), a test
# project outside the repository run in it against the mock served from this one.
harness-alone: setup
	$(PY) scripts/harness_alone.py

smoke: setup
	$(PY) -m pytest e2e -m smoke -n $(WORKERS) $(PYTEST_ARGS)

unit: $(VENV)/.installed
	$(PY) -m pytest tests $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

$(VENV)/.bench-installed: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	touch $@

# Speed goals live here, as ratios from one run, never in a test. BENCH_ARGS="--skip-suite" is quicker.
BENCH_ARGS ?=
bench: setup $(VENV)/.bench-installed
	$(PY) -m harness.browser --chromedriver
	$(PY) -m benchmarks $(BENCH_ARGS)

shard: setup
	rm -f reports/shard-$(SHARD).xml
	$(PY) -m pytest e2e --splits $(SHARDS) --group $(SHARD) $(SPLIT) -n $(WORKERS) \
		$(if $(SEED),-p randomly --randomly-seed=$(SEED)) \
		--html=reports/shard-$(SHARD).html --self-contained-html \
		--junitxml=reports/shard-$(SHARD).xml $(ARTIFACTS) $(PYTEST_ARGS); \
	$(call retrace,reports/shard-$(SHARD).xml)

durations: setup
	$(PY) -m pytest e2e -n $(WORKERS) --store-durations --clean-durations \
		--durations-path .test_durations $(PYTEST_ARGS)

# Both phones run even when the first fails; the target fails if either did.
devices: setup
	$(PY) -m pytest e2e -n $(WORKERS) --device "iPhone 13" \
		--junitxml=reports/device-iphone-13.xml $(PYTEST_ARGS); first=$$?; \
	$(PY) -m pytest e2e -n $(WORKERS) --device "Pixel 7" \
		--junitxml=reports/device-pixel-7.xml $(PYTEST_ARGS); second=$$?; \
	test $$first -eq 0 -a $$second -eq 0

aria-update: setup
	$(PY) -m pytest e2e/test_aria_snapshots.py --update-aria-snapshots -p no:randomly $(PYTEST_ARGS)
	-git diff --stat -- e2e/aria_snapshots

# Screenshot baselines: writes the missing ones and rewrites those that changed, for the
# desktop and the phone the visual tests emulate (a --device in PYTEST_ARGS: that device's).
visual-update: setup
	$(PY) -m pytest e2e/test_visual.py --update-snapshots -n $(WORKERS) -p no:randomly $(PYTEST_ARGS)
	-git status --short -- 'e2e/*-snapshots'

record: setup
	$(PY) -m harness.record

trace: setup
	$(PY) -m pytest "$(JOURNEY)" -n 0 -p no:randomly --tracing on --trace-screencast --output test-results $(PYTEST_ARGS)
	$(PY) -m harness.traces test-results

flakes: setup
	$(PY) scripts/flakes.py --runs $(RUNS) --workers 2 -- $(PYTEST_ARGS)

defects: setup
	$(PY) scripts/defects.py --workers $(WORKERS)

# The vocabulary e2e/features/*.feature are written with (e2e/steps.py).
steps: $(VENV)/.installed
	@$(PY) -m e2e.steps

serve: $(VENV)/.installed
	$(PY) -m mock_site --test-mode

clean:
	rm -rf $(VENV) reports test-results .pytest_cache .hypothesis
