"""What the browser suites need: the mock portal and its FranceConnect, and test data.

The mock is started once per pytest-xdist worker, in test mode, on free
loopback ports, with its own database; ``--base-url`` points the suites at a
portal that is already running instead (it must be in test mode).
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from harness.aria_snapshots import AriaSnapshots
from harness.csp import CspViolations
from harness.identities import Identity
from harness.servers import MockSite, MockSiteProcess
from harness.test_api import PortalTestApi
from page_objects.page import PAGE_WAIT_TIMEOUT_MS

# One budget for every wait: an ``expect`` and a page object's page wait fail alike.
expect.set_options(timeout=PAGE_WAIT_TIMEOUT_MS)

SERVER_LOG_KEY = pytest.StashKey[Path]()
ARIA_SNAPSHOTS = Path(__file__).parent / "aria_snapshots"


@pytest.fixture(scope="session")
def mock_site(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[MockSite]:
    """The portal and its FranceConnect mock: started here, or given by --base-url."""
    given = pytestconfig.getoption("base_url")
    if given:
        yield _already_running(given)
        return
    folder = tmp_path_factory.mktemp("mock_site")
    log = folder / "mock_site.log"
    pytestconfig.stash[SERVER_LOG_KEY] = log
    process = MockSiteProcess(database=folder / "portal.sqlite3", log_path=log)
    site = process.start()
    try:
        yield site
    finally:
        process.stop()


def _already_running(portal_url: str) -> MockSite:
    config_url = portal_url.rstrip("/") + "/__test__/config"
    try:
        with urllib.request.urlopen(config_url, timeout=10) as response:
            config = json.load(response)
    except OSError as error:
        pytest.fail(
            f"--base-url {portal_url}: {config_url} does not answer ({error}). "
            "Start the portal with `python -m mock_site --test-mode`.",
            pytrace=False,
        )
    return MockSite(portal_url.rstrip("/"), str(config["franceconnect_issuer"]).rstrip("/"))


@pytest.fixture(scope="session")
def base_url(mock_site: MockSite) -> str:
    """Overrides pytest-base-url's: the mock we started, unless --base-url was given."""
    return mock_site.portal_url


@pytest.fixture(scope="session")
def franceconnect_url(mock_site: MockSite) -> str:
    return mock_site.franceconnect_url


@pytest.fixture
def csp_violations(page: Page) -> CspViolations:
    """What the page's Content-Security-Policy refused, as the browser reported it."""
    return CspViolations(page)


@pytest.fixture(autouse=True)
def no_csp_violation(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every browser test also checks that no page it opened broke the CSP.

    Tests about framing expect violations: they mark themselves ``csp_violation_expected``."""
    if "page" not in request.fixturenames or request.node.get_closest_marker(
        "csp_violation_expected"
    ):
        yield
        return
    violations: CspViolations = request.getfixturevalue("csp_violations")
    yield
    assert not violations.reported, "CSP violations:\n" + "\n".join(violations.reported)


@pytest.fixture
def test_api(page: Page, base_url: str) -> PortalTestApi:
    """The test API, in the same browser session as ``page``."""
    return PortalTestApi(page.request, base_url)


@pytest.fixture
def franceconnect_faults(test_api: PortalTestApi) -> Iterator[PortalTestApi]:
    """The test API, with every FranceConnect fault reset after the test, pass or fail.

    FranceConnect's faults are global to this worker's FranceConnect server."""
    try:
        yield test_api
    finally:
        test_api.reset_franceconnect_faults()


@pytest.fixture
def signed_up_account(test_api: PortalTestApi, identity: Identity) -> Identity:
    """An activated account with a password, created through the test API."""
    test_api.create_account(identity)
    return identity


@pytest.fixture(autouse=True)
def _desktop_only_skipped_on_phones(request: pytest.FixtureRequest) -> None:
    """``@pytest.mark.desktop_only(reason)`` tests are skipped, with their reason,
    under a touch device (``--device "iPhone 13"``, ``--device "Pixel 7"``)."""
    marker = request.node.get_closest_marker("desktop_only")
    if marker is None:
        return
    context_args = request.getfixturevalue("browser_context_args")
    if context_args.get("has_touch") or context_args.get("is_mobile"):
        reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
        pytest.skip(f"desktop only under --device: {reason}")


@pytest.fixture(scope="session")
def aria_snapshots(pytestconfig: pytest.Config) -> AriaSnapshots:
    """The stored ARIA snapshots (e2e/aria_snapshots/*.yml); rewritten with
    --update-aria-snapshots."""
    return AriaSnapshots(ARIA_SNAPSHOTS, update=pytestconfig.getoption("update_aria_snapshots"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, None]:
    """On a failure, append the end of the mock server's log to the report."""
    outcome = yield
    report = outcome.get_result()
    log = item.config.stash.get(SERVER_LOG_KEY, None)
    if report.failed and log is not None and log.exists():
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-40:]
        report.sections.append(("mock_site log (last 40 lines)", "\n".join(tail)))
