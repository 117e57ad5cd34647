"""The CPF harness as a pytest plugin (entry point ``pytest11: cpf_harness``).

Installed alone, it tests any deployment of the portal: ``--target NAME`` (a
table of the project's configuration, see ``harness.targets``) or
``--base-url URL``. With neither, it asks the plugins that provide a portal
(``pytest_cpf_harness_embedded_portal``: the mocks' distribution does) to start
one. What the portal offers is found out once per run (``harness.portal``);
each test's ``@pytest.mark.needs(...)`` is checked against it before the test
runs, so a test whose need is absent is skipped with a reason that names it.

Its fixtures live in ``harness.fixtures``, registered from ``pytest_configure``:
after every installed plugin, so that those of them that override
pytest-playwright's (``browser_type_launch_args``, ``new_context``,
``connect_options``) and pytest-base-url's (``base_url``) win, while a user's
``conftest.py`` can still override any of them.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Generator
from typing import Any

import pytest
from playwright.sync_api import expect

from page_objects.page import PAGE_WAIT_TIMEOUT_MS

from . import fixtures, hooks
from .capabilities import CAPABILITIES, check_names, split_names
from .needs import MARKER, declared_by_marker
from .screenshots import MISMATCHES, report_extras
from .targets import TARGET, load_target

BROWSER_SERVER_ENV = "PLAYWRIGHT_BROWSER_SERVER"
CAPABILITIES_ENV = "CPF_HARNESS_CAPABILITIES"

MARKERS = (
    f"{MARKER}(*capabilities): what the test needs of the portal beyond its public pages "
    f"({', '.join(sorted(CAPABILITIES))}); skipped with the reason when the portal lacks one",
    "smoke: a fast subset (under a minute) that touches every step once",
    "franceconnect: goes through FranceConnect (and so needs its address: the franceconnect "
    "capability)",
    "a11y: accessibility checks with axe-core",
    "journey: walks a whole user journey through the UI",
    "desktop_only(reason): needs what only a desktop browser has; skipped under --device "
    "with a touch screen",
    "csp_violation_expected: the test provokes CSP violations on purpose (framing)",
)


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hooks)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("cpf-harness", "CPF harness: the portal under test")
    group.addoption(
        "--target",
        default=os.environ.get("CPF_HARNESS_TARGET") or None,
        help=(
            "the portal to test: a target of [tool.cpf-harness.targets.NAME] in pyproject.toml "
            "or [targets.NAME] in cpf-harness.toml (default: $CPF_HARNESS_TARGET; without "
            "it and without --base-url, the embedded mock)"
        ),
    )
    group.addoption(
        "--franceconnect-url",
        default=os.environ.get("CPF_HARNESS_FRANCECONNECT_URL") or None,
        help="FranceConnect's address, with --base-url (default: what the test API says)",
    )
    group.addoption(
        "--capabilities",
        default=os.environ.get(CAPABILITIES_ENV) or None,
        help=(
            "comma-separated: use only these of what the portal offers (default: "
            f"${CAPABILITIES_ENV}, else all of them)"
        ),
    )
    group.addoption(
        "--read-only",
        action="store_true",
        help="the read-only profile: create no account, lock none, send no e-mail",
    )
    playwright = parser.getgroup("playwright")
    playwright.addoption(
        "--browser-server-url",
        default=os.environ.get(BROWSER_SERVER_ENV) or None,
        help=(
            "ws:// endpoint of a Playwright browser server to connect to instead of "
            f"launching a browser (default: ${BROWSER_SERVER_ENV})"
        ),
    )
    playwright.addoption(
        "--trace-screencast",
        action="store_true",
        help=(
            "keep the screencast (a picture per frame) in traces; without it a trace "
            "holds every action, the console, and unless --light-traces the DOM before "
            "and after each action and the network"
        ),
    )
    playwright.addoption(
        "--light-traces",
        action="store_true",
        help=(
            "traces without the DOM snapshots, which in Playwright also leaves out the "
            "network: each action with its timing, call log and error, and the console; "
            "about 8% less suite time (`make regression`, `test` and `shard` use it, "
            "then record the failed tests again with full traces)"
        ),
    )
    parser.getgroup("screenshots").addoption(
        "--update-snapshots",
        action="store_true",
        help="write the missing screenshot baselines (<test file>-snapshots/*.png) and "
        "rewrite those that no longer match, instead of failing (make visual-update)",
    )
    parser.getgroup("aria snapshots").addoption(
        "--update-aria-snapshots",
        action="store_true",
        help="rewrite the aria_snapshots/*.yml beside the tests from the pages instead of "
        "checking them",
    )


def pytest_configure(config: pytest.Config) -> None:
    for line in MARKERS:
        config.addinivalue_line("markers", line)
    narrow = config.getoption("capabilities")
    name = config.getoption("target")
    try:
        if narrow:
            check_names(split_names(narrow), "--capabilities")
        if name:  # a wrong target stops the run here, not in every test of every worker
            config.stash[TARGET] = load_target(name, config.rootpath)
    except ValueError as error:
        raise pytest.UsageError(str(error)) from error
    # One budget for every wait: an ``expect`` and a page object's page wait fail alike.
    expect.set_options(timeout=PAGE_WAIT_TIMEOUT_MS)
    if not config.pluginmanager.has_plugin("cpf_harness.fixtures"):
        config.pluginmanager.register(fixtures, "cpf_harness.fixtures")
    # French scenarios: only where pytest-bdd is installed (the repository's dev extra).
    if importlib.util.find_spec("pytest_bdd") and not config.pluginmanager.has_plugin(
        "cpf_harness.scenarios"
    ):
        from . import scenarios

        config.pluginmanager.register(scenarios, "cpf_harness.scenarios")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """An unknown capability in a marker is a typo: stop before anything runs."""
    for item in items:
        try:
            declared_by_marker(item)
        except ValueError as error:
            raise pytest.UsageError(str(error)) from error


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Generator[None, Any, None]:
    """A screenshot that did not match shows in the HTML report: expected, actual
    and diff side by side (``harness.screenshots``)."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        mismatches = item.stash.get(MISMATCHES, [])
        extras = report_extras(item.config, mismatches)
        if extras:
            report.extras = [*getattr(report, "extras", []), *extras]
