"""The suites on a browser served from elsewhere: a browser server on loopback.

``python -m harness.browser_server`` serves the Chromium this machine has; the
test connects to it as ``--browser-server-url`` does (``browser_type.connect``)
and walks the whole signup there, with the page options of this run (device...).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Playwright, expect

from e2e.journeys import sign_up_through_the_ui
from harness.browser import choose_chromium, system_chromium_path
from harness.browser_server import BrowserServer
from harness.identities import Identity
from harness.test_api import PortalTestApi

pytestmark = pytest.mark.journey


@pytest.fixture(scope="module")
def remote_browser(playwright: Playwright) -> Iterator[Browser]:
    """A Chromium reached only through a browser server's WebSocket."""
    own = playwright.chromium.executable_path
    choice = choose_chromium(own if Path(own).exists() else None, system_chromium_path())
    if choice is None:
        pytest.fail("no Chromium to serve: see `python -m harness.browser`", pytrace=False)
    with BrowserServer(host="127.0.0.1", executable_path=choice.executable_path) as server:
        browser = playwright.chromium.connect(server.ws_endpoint)
        try:
            yield browser
        finally:
            browser.close()


def test_sign_up_through_a_browser_server(
    remote_browser: Browser,
    browser_context_args: dict[str, Any],
    base_url: str,
    identity: Identity,
) -> None:
    context = remote_browser.new_context(**browser_context_args)
    try:
        page = context.new_page()
        activated = sign_up_through_the_ui(page, PortalTestApi(page.request, base_url), identity)
        expect(activated.heading).to_have_text("Votre compte est activé")
        # The journey ran in the served browser, not in a launched one.
        assert remote_browser.contexts == [context]
    finally:
        context.close()
