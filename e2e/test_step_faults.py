"""Failures injected through the test API: the user gets a French page, never a stack trace."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from harness.identities import Identity
from harness.portal_test_api import PortalTestApi
from page_objects.captcha import CaptchaPage
from page_objects.signup_form import SignupFormPage

pytestmark = pytest.mark.needs("signup_at_step", "step_faults")


@pytest.mark.parametrize(
    ("status", "title"),
    [(500, "Erreur du service"), (503, "Service momentanément indisponible")],
)
def test_failing_captcha_step_shows_a_french_error_page(
    page: Page, test_api: PortalTestApi, identity: Identity, status: int, title: str
) -> None:
    test_api.start_signup_at(4, identity)
    test_api.fail_step("controle", status=status)
    response = page.goto(CaptchaPage.PATH)
    assert response is not None
    assert response.status == status
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("body")).not_to_contain_text("Traceback")


def test_step_works_again_once_the_fault_is_cleared(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    test_api.start_signup_at(4, identity)
    test_api.fail_step("controle", status=503)
    test_api.clear_faults()
    captcha = CaptchaPage(page).open()
    expect(captcha.tiles.first).to_be_visible()


def test_fault_on_one_step_leaves_the_others_alone(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    test_api.start_signup_at(3)
    test_api.fail_step("controle", status=503)
    form = SignupFormPage(page).open()
    expect(form.continue_button).to_be_enabled()


def test_slow_form_step_is_waited_for_until_the_captcha_step_shows(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    """A slow server answer: the page objects wait on the next page's state."""
    test_api.start_signup_at(3)
    form = SignupFormPage(page).open()
    test_api.fail_step("formulaire", delay_ms=1000)  # the form's answer only, not its opening
    captcha = form.fill_identity(identity).continue_to_captcha()
    expect(captcha.heading).to_have_text("Passez le contrôle de sécurité")
    expect(captcha.tiles.first).to_be_visible()
