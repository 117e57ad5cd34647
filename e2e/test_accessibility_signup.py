"""axe-core on Accueil and each signup step, fresh and with errors shown."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from harness.a11y import assert_no_blocking_violation
from harness.identities import Identity
from harness.test_api import PortalTestApi
from page_objects.accueil import AccueilPage
from page_objects.captcha import CaptchaPage
from page_objects.cgu import CguPage
from page_objects.signup_form import SignupFormPage

pytestmark = pytest.mark.a11y


def test_accueil_has_no_blocking_accessibility_violation(page: Page) -> None:
    AccueilPage(page).open()
    assert_no_blocking_violation(page)


def test_signup_form_has_no_blocking_accessibility_violation(
    page: Page, test_api: PortalTestApi
) -> None:
    test_api.start_signup_at(3)
    SignupFormPage(page).open()
    assert_no_blocking_violation(page)


def test_signup_form_with_errors_has_no_blocking_accessibility_violation(
    page: Page, test_api: PortalTestApi
) -> None:
    test_api.start_signup_at(3)
    form = SignupFormPage(page).open().submit_with_errors()
    expect(form.error_summary.root).to_be_visible()
    assert_no_blocking_violation(page)


def test_captcha_has_no_blocking_accessibility_violation(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    test_api.start_signup_at(4, identity)
    CaptchaPage(page).open()
    assert_no_blocking_violation(page)


def test_cgu_refused_has_no_blocking_accessibility_violation(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    test_api.start_signup_at(5, identity)
    cgu = CguPage(page).open().sign_up_without_accepting()
    expect(cgu.accept_error).to_be_visible()
    assert_no_blocking_violation(page)


def test_activated_page_has_no_blocking_accessibility_violation(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    test_api.start_signup_at(5, identity)
    activated = CguPage(page).open().accept_and_sign_up()
    expect(activated.heading).to_be_visible()
    assert_no_blocking_violation(page)
