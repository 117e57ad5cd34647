"""The suites on a browser served from elsewhere: a browser server on loopback.

``python -m harness.browser_server`` serves the Chromium this machine has; the
test connects to it as ``--browser-server-url`` does (``browser_type.connect``)
and finishes a signup there, with the page options of this run (device...): the
test API puts that browser's session at the last step (its requests go through
the served browser too), then the CGU page is sent from the served browser. The
walk through every step is the journeys' job (e2e/test_journeys.py); what is
proven here is the connection, so the served browser's launch is most of its time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Playwright, expect

from cpf.messages import ACCOUNT_ACTIVATED
from harness.browser import choose_chromium, system_chromium_path
from harness.browser_server import BrowserServer
from harness.fixtures import TestApiFor
from harness.identities import Identity
from page_objects.cgu import CguPage

pytestmark = [pytest.mark.journey, pytest.mark.needs("account_admin", "signup_at_step")]


@pytest.fixture(scope="module")
def remote_browser(playwright: Playwright) -> Iterator[Browser]:
    """A Chromium reached only through a browser server's WebSocket."""
    own = playwright.chromium.executable_path
    system = system_chromium_path(headless=True)  # served headless: the shell, where there is one
    choice = choose_chromium(own if Path(own).exists() else None, system)
    if choice is None:
        pytest.fail("no Chromium to serve: see `python -m harness.browser`", pytrace=False)
    with BrowserServer(host="127.0.0.1", executable_path=choice.executable_path) as server:
        browser = playwright.chromium.connect(server.ws_endpoint)
        try:
            yield browser
        finally:
            browser.close()


@pytest.mark.needs("create_accounts")
def test_finish_a_signup_through_a_browser_server(
    remote_browser: Browser,
    browser_context_args: dict[str, Any],
    test_api_for: TestApiFor,
    identity: Identity,
) -> None:
    context = remote_browser.new_context(**browser_context_args)
    try:
        page = context.new_page()
        test_api = test_api_for(page)
        test_api.start_signup_at(5, identity)
        activated = CguPage(page).open().accept_and_sign_up()
        expect(activated.heading).to_have_text(ACCOUNT_ACTIVATED)
        assert test_api.account(identity.nir) is not None
        # The signup ran in the served browser, not in a launched one.
        assert remote_browser.contexts == [context]
    finally:
        context.close()
