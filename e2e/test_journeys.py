"""Whole journeys through the UI, with the page objects' verbs from start to end.

The only shortcut is the captcha's oracle: the test API tells which tile is
right, as nothing on the page may. The signup journey itself, from Accueil to
logging in with the new password, is a French scenario
(e2e/features/activer_son_compte.feature); a new account's droits in euros are
tests/test_account_droits.py::test_new_account_droits_show_an_amount_in_euros.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from cpf.messages import ACCOUNT_ACTIVATED
from harness.identities import Identity
from harness.portal_test_api import PortalTestApi
from page_objects.connexion import ConnexionPage
from page_objects.input_modes import KEYBOARD
from page_objects.keyboard import tab_to, type_into

pytestmark = [pytest.mark.journey, pytest.mark.needs("captcha_answer")]

# Counts pointer presses in this tab, across page loads (sessionStorage survives them).
COUNT_POINTER_PRESSES = """
addEventListener('pointerdown', () => {
  sessionStorage.pointerPresses = String(Number(sessionStorage.pointerPresses || 0) + 1);
}, true);
"""


@pytest.mark.desktop_only(
    reason="Tab and Shift+Tab need a hardware keyboard: a phone's user taps the screen"
)
@pytest.mark.needs("account_admin", "create_accounts")
def test_sign_up_with_the_keyboard_only(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    page.add_init_script(COUNT_POINTER_PRESSES)
    # Every verb below works with the keyboard alone; the fields are typed here, to
    # check where the focus goes.
    connexion = ConnexionPage(page, input_mode=KEYBOARD).open()

    form = connexion.sign_up()
    tab_to(page, form.nir_field)  # from the top of the page: skip link, header, ...
    expect(form.nir_field).to_be_focused()
    page.keyboard.type(identity.nir)
    for field, text in (
        (form.birth_name_field, identity.birth_name),
        (form.first_name_field, identity.first_name),
        (form.email_field, identity.email),
        (form.password_field, identity.password),
        (form.password_confirmation_field, identity.password),
    ):
        type_into(page, field, text)
        expect(field).to_be_focused()
    # Back one field with Shift+Tab: the password typed is there, and the form still works.
    tab_to(page, form.password_field, backwards=True)
    expect(form.password_field).to_be_focused()
    expect(form.password_field).to_have_value(identity.password)

    captcha = form.continue_to_captcha()
    cgu = captcha.pass_with(test_api.right_captcha_tile())
    activated = cgu.accept_and_sign_up()

    expect(activated.heading).to_have_text(ACCOUNT_ACTIVATED)
    assert test_api.account(identity.nir) is not None
    assert page.evaluate("() => Number(sessionStorage.pointerPresses || 0)") == 0
