"""The harness's fixtures (registered by ``harness.plugin``); override any in a conftest.py.

The portal:
    ``portal_under_test``    where the portal is and what it offers (session)
    ``base_url``             its address (pytest-base-url's fixture, which Playwright uses)
    ``franceconnect_url``    FranceConnect's address (needs ``franceconnect``)
Data and seeding:
    ``identity``             a fresh, valid identity nobody has signed up with
    ``seeder``               create an account, start a signup at a step, the captcha's
                             answer, set today (the test API, or the target's own seeder)
    ``test_api``             the whole test API: faults, account admin, FranceConnect's
    ``signed_up_account``    a fresh activated account (needs ``seed_accounts``)
    ``existing_account``     an account to log in with: the target's pre-provisioned one,
                             else a fresh seeded one (needs ``provisioned_account``)
    ``franceconnect_faults`` the test API, FranceConnect's faults reset after the test
The browser (pytest-playwright's, adjusted):
    ``browser_type_launch_args``  a system Chromium when Playwright has none
    ``connect_options``      a browser server (--browser-server-url)
    ``new_context``          traces without the screencast (--trace-screencast brings it back)
Checks:
    ``csp_violations``, ``aria_snapshots``; every browser test also fails on a CSP violation
    (``no_csp_violation``) unless marked ``csp_violation_expected``.
    ``expect_screenshot``    a page or locator against its baseline PNG beside the test
                             (``screenshot_device`` names the emulated device in it)
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import pytest
from playwright.sync_api import BrowserContext, BrowserType, Page
from pytest_playwright.pytest_playwright import CreateContextCallback

from page_objects.connexion import ConnexionPage
from page_objects.signup_form import SignupFormPage

from .aria_snapshots import AriaSnapshots
from .browser import HOW_TO_GET_ONE, OFFLINE_CHROMIUM_ARGS, system_chromium_path
from .capabilities import split_names
from .csp import CspViolations
from .identities import Identity, new_identity
from .needs import CAPABILITIES, Gated, declared, require
from .portal import PortalUnderTest, PortalUnreachable, discover
from .portal_test_api import NEEDS, PortalTestApi
from .screenshots import MISMATCHES, ExpectScreenshot, snapshot_folder, snapshot_suffix
from .seeding import Routed, Seeder, SeederContext, load_factory
from .targets import EMBEDDED, TARGET, Target

SELENIUM_GRID_ENV = "SELENIUM_REMOTE_URL"  # Playwright then launches Chromium on the grid

NO_PORTAL = """\
No portal to test. Name one:
  - pytest --target NAME        a target of [tool.cpf-harness.targets.NAME] (pyproject.toml)
  - pytest --base-url URL       a portal at URL (its test API, if any, is found by itself)
or install the mock portal beside the harness (pip install ./mocks) to test it."""


# --- the portal under test ------------------------------------------------------------


def _target(config: pytest.Config) -> Target:
    name = config.getoption("target")
    given_url = config.getoption("base_url")
    if name:
        target = config.stash[TARGET]
        # --base-url wins over the target's address, as pytest-base-url's users expect.
        return replace(target, portal_url=given_url.rstrip("/")) if given_url else target
    if given_url:
        return Target(name=given_url.rstrip("/"), portal_url=given_url.rstrip("/"))
    return EMBEDDED


@pytest.fixture(scope="session")
def portal_under_test(request: pytest.FixtureRequest) -> PortalUnderTest:
    """The portal under test: the target's, --base-url's, or the embedded mock; what it
    offers found out once per run (per pytest-xdist worker)."""
    config = request.config
    target = _target(config)
    portal_url = target.portal_url
    franceconnect_url = config.getoption("franceconnect_url")
    if portal_url is None:
        embedded = config.hook.pytest_cpf_harness_embedded_portal(request=request)
        if embedded is None:
            pytest.fail(NO_PORTAL, pytrace=False)
        portal_url = embedded.portal_url
        franceconnect_url = franceconnect_url or embedded.franceconnect_url
    narrow = config.getoption("capabilities")
    try:
        found = discover(
            target,
            portal_url,
            franceconnect_url=franceconnect_url,
            narrow_to=None if narrow is None else frozenset(split_names(narrow)),
            read_only=config.getoption("read_only"),
        )
    except (PortalUnreachable, ValueError) as error:
        pytest.fail(f"{target.name}: {error}", pytrace=False)
    config.stash[CAPABILITIES] = found.capabilities
    return found


@pytest.fixture(scope="session")
def _verify_url() -> None:
    """pytest-base-url's check of --base-url, which asked for ``base_url`` in every
    session: replaced by the harness's own question to the portal, asked only when
    a test needs the portal."""


@pytest.fixture(scope="session")
def base_url(portal_under_test: PortalUnderTest) -> str:
    """Overrides pytest-base-url's: the portal under test, wherever it comes from."""
    return portal_under_test.portal_url


@pytest.fixture
def franceconnect_url(request: pytest.FixtureRequest, portal_under_test: PortalUnderTest) -> str:
    require(request, "franceconnect")
    assert portal_under_test.franceconnect_url is not None
    return portal_under_test.franceconnect_url


@pytest.fixture(autouse=True)
def _needs_checked(request: pytest.FixtureRequest) -> None:
    """``@pytest.mark.needs(...)``: skipped, with the reason, when the portal lacks one."""
    needed = declared(request.node)
    if not needed:
        return
    request.getfixturevalue("portal_under_test")
    reason = request.config.stash[CAPABILITIES].skip_reason(needed)
    if reason:
        pytest.skip(reason)


# --- data and seeding -----------------------------------------------------------------


@pytest.fixture
def identity() -> Identity:
    """A fresh, valid identity nobody has signed up with (for unit and browser tests)."""
    return new_identity()


TestApiFor = Callable[[Page], PortalTestApi]


@pytest.fixture
def test_api_for(request: pytest.FixtureRequest, portal_under_test: PortalUnderTest) -> TestApiFor:
    """``test_api`` for another page (a second browser context of the same test)."""

    def for_page(page: Page) -> PortalTestApi:
        api: Any = PortalTestApi(page.request, portal_under_test.portal_url)
        if portal_under_test.target.seeder:
            factory = load_factory(portal_under_test.target.seeder)
            api = Routed(
                factory(
                    SeederContext(page, portal_under_test.portal_url, portal_under_test.target)
                ),
                api,
            )
        return cast(PortalTestApi, Gated(api, NEEDS, request.node))

    return for_page


@pytest.fixture
def test_api(page: Page, test_api_for: TestApiFor) -> PortalTestApi:
    """The portal's test API, in the same browser session as ``page``. Its seeding calls
    (``harness.seeding.OPERATIONS``) go to the target's own seeder when it names one.
    Each call is checked against what the test declared (``harness.portal_test_api.NEEDS``)."""
    return test_api_for(page)


@pytest.fixture
def seeder(test_api: PortalTestApi) -> Seeder:
    """The four seeding calls alone (``harness.seeding.Seeder``): create an account, start
    a signup at a step, the captcha's answer, set today."""
    return test_api


SignupFormIn = Callable[[Page], SignupFormPage]


@pytest.fixture
def signup_form_in(request: pytest.FixtureRequest) -> SignupFormIn:
    """``signup_form`` in another page of the test (one without JavaScript, a second
    browser): through the test API when the portal offers ``signup_at_step`` (one page
    load), else as a user reaches it (Connexion, S'inscrire)."""

    def open_in(page: Page) -> SignupFormPage:
        request.getfixturevalue("portal_under_test")
        if "signup_at_step" in request.config.stash[CAPABILITIES]:
            declared(request.node).add("signup_at_step")
            test_api_for: TestApiFor = request.getfixturevalue("test_api_for")
            test_api_for(page).start_signup_at(3)
            return SignupFormPage(page).open()
        return ConnexionPage(page).open().sign_up()

    return open_in


@pytest.fixture
def signup_form(page: Page, signup_form_in: SignupFormIn) -> SignupFormPage:
    """Step 3, `Remplissez le formulaire`, open in ``page``, the earlier steps done."""
    return signup_form_in(page)


@pytest.fixture
def signed_up_account(
    request: pytest.FixtureRequest, test_api: PortalTestApi, identity: Identity
) -> Identity:
    """A fresh activated account with a password, seeded (no UI)."""
    require(request, "seed_accounts")
    test_api.create_account(identity)
    return identity


@pytest.fixture
def existing_account(
    request: pytest.FixtureRequest, portal_under_test: PortalUnderTest, identity: Identity
) -> Identity:
    """An account to log in with: the target's pre-provisioned one when it names one
    (its secrets from the environment), else a fresh one seeded for this test."""
    require(request, "provisioned_account")
    account = portal_under_test.target.account
    if account is not None and not account.missing_variables():
        return account.identity()
    require(request, "seed_accounts")
    test_api: PortalTestApi = request.getfixturevalue("test_api")
    test_api.create_account(identity)
    return identity


@pytest.fixture
def franceconnect_faults(
    request: pytest.FixtureRequest, test_api: PortalTestApi
) -> Iterator[PortalTestApi]:
    """The test API, with every FranceConnect fault reset after the test, pass or fail.

    FranceConnect's faults are global to the FranceConnect server (one per worker
    for the embedded mock)."""
    require(request, "franceconnect_faults")
    try:
        yield test_api
    finally:
        test_api.reset_franceconnect_faults()


# --- the browser ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def connect_options(pytestconfig: pytest.Config) -> dict[str, Any] | None:
    """pytest-playwright's hook for remote browsers: its ``launch_browser`` connects
    with these options (``browser_type.connect``) instead of launching."""
    endpoint = pytestconfig.getoption("browser_server_url")
    if not endpoint:
        return None
    # A portal on this machine's loopback: the served browser reaches it through the
    # connection, wherever that browser runs (another host, a container).
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


# --- checks ---------------------------------------------------------------------------


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
def aria_snapshots(request: pytest.FixtureRequest) -> AriaSnapshots:
    """The stored ARIA snapshots beside the test (``aria_snapshots/*.yml``); rewritten
    with --update-aria-snapshots."""
    return AriaSnapshots(
        request.path.parent / "aria_snapshots",
        update=request.config.getoption("update_aria_snapshots"),
    )


@pytest.fixture
def screenshot_device(device: str | None) -> str | None:
    """The device whose screen the screenshots show, in their baselines' names:
    pytest-playwright's ``--device``. A test module that emulates devices itself (a
    context per device) overrides it."""
    return device


@pytest.fixture
def expect_screenshot(
    request: pytest.FixtureRequest,
    browser_name: str,
    screenshot_device: str | None,
    output_path: str,
) -> ExpectScreenshot:
    """``expect_screenshot(page_or_locator, "name", mask=[...])``: fails unless it looks
    like ``<test file>-snapshots/<name>-<browser>[-<device>]-<platform>.png``; a mismatch
    leaves expected, actual and diff in the test's output folder and the HTML report.
    ``--update-snapshots`` writes missing baselines and rewrites changed ones."""
    return ExpectScreenshot(
        folder=snapshot_folder(request.path),
        suffix=snapshot_suffix(browser_name, screenshot_device),
        output_dir=Path(output_path),
        update=request.config.getoption("update_snapshots"),
        on_mismatch=request.node.stash.setdefault(MISMATCHES, []).append,
    )
