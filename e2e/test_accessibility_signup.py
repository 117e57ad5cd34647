"""axe-core on Accueil and each signup step, fresh and with errors shown.

One case per page state: each brings the browser there (and checks the state
is shown, errors included), then axe-core runs on the whole page.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from harness.a11y import assert_no_blocking_violation
from harness.identities import Identity
from harness.portal_test_api import PortalTestApi
from page_objects.accueil import AccueilPage
from page_objects.captcha import CaptchaPage
from page_objects.cgu import CguPage
from page_objects.signup_form import SignupFormPage

pytestmark = pytest.mark.a11y

Show = Callable[[Page, PortalTestApi, Identity], None]


def _accueil(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    AccueilPage(page).open()


def _signup_form(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    test_api.start_signup_at(3)
    SignupFormPage(page).open()


def _signup_form_with_errors(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    test_api.start_signup_at(3)
    form = SignupFormPage(page).open().submit_with_errors()
    expect(form.error_summary.root).to_be_visible()


def _captcha(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    test_api.start_signup_at(4, identity)
    CaptchaPage(page).open()


def _cgu_refused(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    test_api.start_signup_at(5, identity)
    cgu = CguPage(page).open().sign_up_without_accepting()
    expect(cgu.accept_error).to_be_visible()


def _activated(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    test_api.start_signup_at(5, identity)
    activated = CguPage(page).open().accept_and_sign_up()
    expect(activated.heading).to_be_visible()


@pytest.mark.parametrize(
    "show",
    [
        pytest.param(_accueil, id="accueil"),
        pytest.param(_signup_form, id="signup-form", marks=pytest.mark.needs("signup_at_step")),
        pytest.param(
            _signup_form_with_errors,
            id="signup-form-with-errors",
            marks=pytest.mark.needs("signup_at_step"),
        ),
        pytest.param(_captcha, id="captcha", marks=pytest.mark.needs("signup_at_step")),
        pytest.param(_cgu_refused, id="cgu-refused", marks=pytest.mark.needs("signup_at_step")),
        pytest.param(
            _activated, id="activated", marks=pytest.mark.needs("create_accounts", "signup_at_step")
        ),
    ],
)
def test_signup_page_has_no_blocking_accessibility_violation(
    page: Page, test_api: PortalTestApi, identity: Identity, show: Show
) -> None:
    show(page, test_api, identity)
    assert_no_blocking_violation(page)
