"""The mocks as the harness's embedded portal (entry point ``pytest11: cpf_mock_portal``).

A run that names no target and no ``--base-url`` gets the mock portal and its
FranceConnect, started once per pytest-xdist worker on free loopback ports with
a database of their own; ``--mock-test-mode off`` serves them as in production
(no test API), to run the suites as they run against a real deployment. A
failing test's report ends with the mock's log.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest

from harness.hooks import EmbeddedPortal

from .process import MockSiteProcess

SERVER_LOG = pytest.StashKey[Any]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("cpf-harness").addoption(
        "--mock-test-mode",
        choices=("on", "off"),
        default="on",
        help="the embedded mock with its test API (on, the default) or as in production (off)",
    )


@pytest.hookimpl(optionalhook=True)
def pytest_cpf_harness_embedded_portal(request: pytest.FixtureRequest) -> EmbeddedPortal:
    factory: pytest.TempPathFactory = request.getfixturevalue("tmp_path_factory")
    folder = factory.mktemp("mock_site")
    log = folder / "mock_site.log"
    request.config.stash[SERVER_LOG] = log
    process = MockSiteProcess(
        database=folder / "portal.sqlite3",
        log_path=log,
        test_mode=request.config.getoption("mock_test_mode") == "on",
    )
    site = process.start()
    request.addfinalizer(process.stop)
    return EmbeddedPortal(site.portal_url, site.franceconnect_url)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    """On a failure, append the end of the mock server's log to the report."""
    outcome = yield
    report = outcome.get_result()
    log = item.config.stash.get(SERVER_LOG, None)
    if report.failed and log is not None and log.exists():
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-40:]
        report.sections.append(("mock_site log (last 40 lines)", "\n".join(tail)))
