"""Failures injected through the test API: the user gets a French page, never a stack trace,
and a slow answer is waited for. Which page each fault gives, and that it stays on its
step and goes once cleared, is in tests/test_step_faults.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from cpf.messages import ERROR_PAGES
from harness.identities import Identity
from harness.portal_test_api import PortalTestApi
from page_objects.captcha import CaptchaPage
from page_objects.signup_form import SignupFormPage

pytestmark = pytest.mark.needs("signup_at_step", "step_faults")


def test_failing_captcha_step_shows_a_french_error_page(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    test_api.start_signup_at(4, identity)
    test_api.fail_step("controle", status=503)
    response = page.goto(CaptchaPage.PATH)
    assert response is not None
    assert response.status == 503
    expect(page.get_by_role("heading", level=1)).to_have_text(ERROR_PAGES[503].title)
    expect(page.locator("body")).not_to_contain_text("Traceback")


def test_slow_form_step_is_waited_for_until_the_captcha_step_shows(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    """A slow server answer: the page objects wait on the next page's state."""
    test_api.start_signup_at(3)
    form = SignupFormPage(page).open()
    test_api.fail_step("formulaire", delay_ms=1000)  # the form's answer only, not its opening
    captcha = form.fill_identity(identity).continue_to_captcha()
    expect(captcha.heading).to_have_text(CaptchaPage.TITLE)
    expect(captcha.tiles.first).to_be_visible()
