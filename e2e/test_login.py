"""Logging in with NIR and password, the lock-out after repeated failures, logging out.

The only suite that logs in through the UI on purpose: the accounts are seeded
through the test API, the login itself is what is tested. The lock-out reached
through the UI (five wrong passwords, then the right one refused) and four wrong
passwords that do not lock are French scenarios (e2e/features/activer_son_compte.feature).
What the server alone decides (the NIR typed with or without spaces, an unknown NIR,
a lock set or expired, the count and its reset, a FranceConnect-only account, each
account page closed to visitors) is tests/test_account_login.py's and
tests/test_account_pages.py's; the browser keeps what it alone sees: the message and
the fields kept, the page asked for, the cookies, two browsers.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from cpf.messages import BAD_CREDENTIALS, GREETING, LOCKED, LOGGED_OUT, LOGIN_REQUIRED
from harness.identities import Identity
from page_objects.account import AccountHomePage, DroitsPage
from page_objects.connexion import ConnexionPage

MAX_FAILURES = 5  # the spec's "repeated failures": the portal locks at the fifth


def _fail_login(connexion: ConnexionPage, identity: Identity, times: int) -> ConnexionPage:
    for attempt in range(times):
        connexion.try_log_in(identity.nir, f"Mauvais{attempt}Passe")
    return connexion


@pytest.mark.smoke
def test_right_password_lands_on_the_account(page: Page, existing_account: Identity) -> None:
    account = ConnexionPage(page).open().log_in(existing_account.nir, existing_account.password)
    expect(account.heading).to_have_text(
        GREETING.format(
            first_name=existing_account.first_name, birth_name=existing_account.birth_name
        )
    )
    expect(account.header.logout_button).to_be_visible()


@pytest.mark.smoke
@pytest.mark.needs("lock_accounts")
def test_wrong_password_is_refused_with_a_message(page: Page, signed_up_account: Identity) -> None:
    connexion = ConnexionPage(page).open().try_log_in(signed_up_account.nir, "Mauvais1Passe")
    expect(connexion.page_errors).to_have_text(BAD_CREDENTIALS)
    expect(connexion.nir_field).to_have_value(signed_up_account.nir)
    expect(connexion.password_field).to_have_value("")
    expect(connexion.header.logout_button).to_have_count(0)


def test_after_signing_in_from_a_redirect_the_user_lands_on_the_page_asked(
    page: Page, signed_up_account: Identity
) -> None:
    page.goto(DroitsPage.PATH)
    connexion = ConnexionPage(page).wait_until_loaded()
    expect(connexion.notices).to_have_text(LOGIN_REQUIRED)
    connexion.try_log_in(signed_up_account.nir, signed_up_account.password)
    droits = DroitsPage(page).wait_until_loaded()
    expect(droits.heading).to_have_text(DroitsPage.TITLE)


@pytest.mark.smoke
def test_logout_button_ends_the_session(page: Page, existing_account: Identity) -> None:
    account = ConnexionPage(page).open().log_in(existing_account.nir, existing_account.password)
    accueil = account.header.log_out()
    expect(accueil.notices).to_have_text(LOGGED_OUT)
    expect(accueil.header.connexion_link).to_be_visible()

    page.goto(AccountHomePage.PATH)
    connexion = ConnexionPage(page).wait_until_loaded()
    expect(connexion.notices).to_have_text(LOGIN_REQUIRED)


def test_session_cookie_from_before_logout_no_longer_signs_in(
    page: Page, signed_up_account: Identity
) -> None:
    # Logging out must end the session on the server, not only clear the browser's cookie:
    # a copy of the cookie (a shared computer, a stolen cookie) must be worth nothing.
    account = ConnexionPage(page).open().log_in(signed_up_account.nir, signed_up_account.password)
    saved_cookies = page.context.cookies()
    account.header.log_out()
    page.context.add_cookies(saved_cookies)  # type: ignore[arg-type]

    page.goto(AccountHomePage.PATH)
    connexion = ConnexionPage(page).wait_until_loaded()
    expect(connexion.notices).to_have_text(LOGIN_REQUIRED)
    expect(connexion.header.logout_button).to_have_count(0)


@pytest.mark.needs("lock_accounts")
def test_failures_from_several_browsers_lock_the_account(
    new_context: Callable[..., BrowserContext], signed_up_account: Identity
) -> None:
    # The count belongs to the account, not to the browser session that made the attempts:
    # neither browser fails five times, together they do.
    first_browser = ConnexionPage(new_context().new_page()).open()
    _fail_login(first_browser, signed_up_account, MAX_FAILURES - 2)
    expect(first_browser.page_errors).to_have_text(BAD_CREDENTIALS)
    second_browser = _fail_login(
        ConnexionPage(new_context().new_page()).open(), signed_up_account, 2
    )

    second_browser.try_log_in(signed_up_account.nir, signed_up_account.password)
    expect(second_browser.page_errors).to_contain_text(LOCKED.format(failures=MAX_FAILURES))
    expect(second_browser.header.logout_button).to_have_count(0)
