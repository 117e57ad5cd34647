"""The browser every suite launches: pytest-playwright's, resolved for this machine.

The browser is the one pytest-playwright would launch (so ``--browser``,
``--browser-channel``, ``--headed``, ``--slowmo``, ``--device``,
``--tracing``, ``--video``, ``--screenshot``, ``--output`` all work), except
that when Playwright's own Chromium is not installed a system Chromium is
used, and when there is none the run stops with a message saying how to get
one. With ``--browser-server-url`` (or ``PLAYWRIGHT_BROWSER_SERVER``) the
suites connect to a Playwright browser server instead of launching a browser
(``python -m harness.browser_server`` starts one); every other option keeps
working. What starts the mock portal lives in ``e2e/conftest.py``: the fast
tests in ``tests/`` never start a server.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, cast

import pytest
from playwright.sync_api import BrowserContext, BrowserType
from pytest_playwright.pytest_playwright import CreateContextCallback

from harness.browser import HOW_TO_GET_ONE, OFFLINE_CHROMIUM_ARGS, system_chromium_path
from harness.identities import Identity, new_identity

BROWSER_SERVER_ENV = "PLAYWRIGHT_BROWSER_SERVER"
SELENIUM_GRID_ENV = "SELENIUM_REMOTE_URL"  # Playwright then launches Chromium on the grid


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("playwright").addoption(
        "--browser-server-url",
        default=os.environ.get(BROWSER_SERVER_ENV) or None,
        help=(
            "ws:// endpoint of a Playwright browser server to connect to instead of "
            f"launching a browser (default: ${BROWSER_SERVER_ENV})"
        ),
    )
    parser.getgroup("playwright").addoption(
        "--trace-screencast",
        action="store_true",
        help=(
            "keep the screencast (a picture per frame) in traces; without it a trace "
            "holds every action, the console, and unless --light-traces the DOM before "
            "and after each action and the network"
        ),
    )
    parser.getgroup("playwright").addoption(
        "--light-traces",
        action="store_true",
        help=(
            "traces without the DOM snapshots, which in Playwright also leaves out the "
            "network: each action with its timing, call log and error, and the console; "
            "about 8% less suite time (`make regression`, `test` and `shard` use it, "
            "then record the failed tests again with full traces)"
        ),
    )
    parser.getgroup("aria snapshots").addoption(
        "--update-aria-snapshots",
        action="store_true",
        help="rewrite e2e/aria_snapshots/*.yml from the pages instead of checking them",
    )


@pytest.fixture(scope="session")
def connect_options(pytestconfig: pytest.Config) -> dict[str, Any] | None:
    """pytest-playwright's hook for remote browsers: its ``launch_browser`` connects
    with these options (``browser_type.connect``) instead of launching."""
    endpoint = pytestconfig.getoption("browser_server_url")
    if not endpoint:
        return None
    # The mock listens on this machine's loopback: the served browser reaches it through
    # the connection, wherever that browser runs (another host, a container).
    options: dict[str, Any] = {"endpoint": endpoint, "expose_network": "<loopback>"}
    slowmo = pytestconfig.getoption("--slowmo")
    if slowmo:
        options["slow_mo"] = slowmo  # a served browser takes no launch options from us
    return options


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
    browser_type: BrowserType,
    connect_options: dict[str, Any] | None,
) -> dict[str, Any]:
    """pytest-playwright's launch options, plus a system Chromium when Playwright has none."""
    options = dict(browser_type_launch_args)
    if connect_options or os.environ.get(SELENIUM_GRID_ENV):
        return options  # the browser's machine has its own browser: no local path to send
    if options.get("channel") or options.get("executable_path"):
        return options  # the user chose a browser explicitly
    if browser_type.name == "chromium":
        options["args"] = [*OFFLINE_CHROMIUM_ARGS, *options.get("args", [])]
    if Path(browser_type.executable_path).exists():
        return options
    if browser_type.name != "chromium":
        pytest.fail(
            f"Playwright's {browser_type.name} is not installed: "
            f"run `python -m playwright install {browser_type.name}`.",
            pytrace=False,
        )
    system = system_chromium_path(headless=options.get("headless", True))
    if system is None:
        pytest.fail(HOW_TO_GET_ONE, pytrace=False)
    options["executable_path"] = system
    return options


@pytest.fixture
def new_context(
    new_context: CreateContextCallback, pytestconfig: pytest.Config, request: pytest.FixtureRequest
) -> CreateContextCallback:
    """pytest-playwright's contexts, traced without the screencast unless --trace-screencast,
    and without the DOM snapshots under --light-traces.

    The plugin starts every trace with screenshots, a picture per frame: under
    ``--tracing retain-on-failure`` that was about a fifth of the suite's CPU time,
    for traces that are thrown away when the test passes. The DOM snapshots, which
    show the page before and after each action, are most of what is left: the make
    targets leave them out of the first run (``--light-traces``) and record the
    tests that failed again with them (read from the run's JUnit report, into
    test-results/retraced/)."""
    screencast = pytestconfig.getoption("trace_screencast")
    snapshots = not pytestconfig.getoption("light_traces")
    if pytestconfig.getoption("--tracing") == "off" or (screencast and snapshots):
        return new_context

    def traced(**kwargs: Any) -> BrowserContext:
        context = new_context(**kwargs)
        context.tracing.stop()  # the plugin's trace has recorded nothing yet
        context.tracing.start(
            title=request.node.nodeid, screenshots=screencast, snapshots=snapshots, sources=True
        )
        return context

    return cast(CreateContextCallback, traced)


@pytest.fixture
def identity() -> Identity:
    """A fresh, valid identity nobody has signed up with (for unit and browser tests)."""
    return new_identity()
