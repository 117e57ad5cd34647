"""When the browser is not where a page object's verb leads, the wait says so, fast.

A page wait gives up after ``PAGE_WAIT_TIMEOUT_MS`` (the suites' ``expect``
timeout) and names the page expected and the page shown, title and URL. The
tests shorten the timeout so that they do not spend it.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from harness.identities import Identity
from harness.portal_test_api import PortalTestApi
from page_objects import page as page_module
from page_objects.account import AccountHomePage
from page_objects.cgu import CguPage
from page_objects.connexion import ConnexionPage
from page_objects.page import PageNotShown


def shorten_page_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on in this test (its set-up had the usual budget)."""
    monkeypatch.setattr(page_module, "PAGE_WAIT_TIMEOUT_MS", 300)


def test_waiting_for_a_page_not_shown_names_both_pages(
    page: Page, base_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ConnexionPage(page).open()
    shorten_page_waits(monkeypatch)
    with pytest.raises(PageNotShown) as refusal:
        AccountHomePage(page).wait_until_loaded()
    message = str(refusal.value)
    assert "AccountHomePage" in message
    assert "'Mon compte'" in message
    assert "after 0.3 s" in message
    assert re.search(r"shows 'Connexion - Mon Compte Formation' at .*/connexion\b", message)
    assert f"{base_url}/connexion" in message


@pytest.mark.needs("signup_at_step")
def test_a_control_that_loads_no_page_is_named(
    page: Page, test_api: PortalTestApi, identity: Identity, monkeypatch: pytest.MonkeyPatch
) -> None:
    test_api.start_signup_at(5, identity)
    cgu = CguPage(page).open()
    shorten_page_waits(monkeypatch)
    with pytest.raises(PageNotShown, match=r"loaded no new page within 0\.3 s.*Clôturez"):
        cgu._submit(cgu.accept_checkbox)  # ticking a box loads nothing
