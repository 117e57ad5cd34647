"""Whole journeys through the UI, with the page objects' verbs from start to end.

The only shortcut is the captcha's oracle: the test API tells which tile is
right, as nothing on the page may. The signup journey itself, from Accueil to
logging in with the new password, is a French scenario
(e2e/features/activer_son_compte.feature).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from harness.identities import Identity
from harness.journeys import sign_up_through_the_ui
from harness.portal_test_api import PortalTestApi
from page_objects.connexion import ConnexionPage
from page_objects.input_modes import KEYBOARD
from page_objects.keyboard import tab_to, type_into

pytestmark = [pytest.mark.journey, pytest.mark.needs("captcha_answer")]

# `1 250 €` as the portal writes it: U+202F between thousands, U+00A0 before the €.
EUROS = re.compile(r"^[1-9][0-9\u202f]*(,[0-9]{2})?\u00a0€$")

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

    expect(activated.heading).to_have_text("Votre compte est activé")
    assert test_api.account(identity.nir) is not None
    assert page.evaluate("() => Number(sessionStorage.pointerPresses || 0)") == 0


@pytest.mark.needs("create_accounts")
def test_new_account_droits_show_an_amount_in_euros(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    droits = sign_up_through_the_ui(page, test_api, identity).go_to_droits()
    expect(droits.heading).to_have_text("Mes droits formation")
    expect(droits.balance).to_have_text(EUROS)
