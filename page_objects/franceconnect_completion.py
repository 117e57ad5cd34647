"""The portal's page after a first FranceConnect sign-in: `Activer mon compte avec FranceConnect`.

The identity FranceConnect gave is shown read-only; the e-mail is asked only
when FranceConnect gave none; the CGU must be accepted. No password, no captcha.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.sync_api import Locator

from .cgu import ACCEPT_LABEL
from .franceconnect import described_value
from .portal_page import PortalPage

if TYPE_CHECKING:
    from .account import AccountHomePage


class FranceConnectCompletionPage(PortalPage):
    PATH = "/franceconnect/activation"
    TITLE = "Activer mon compte avec FranceConnect"

    @property
    def _identity(self) -> Locator:
        """The `Votre identité transmise par FranceConnect` box."""
        return self.main.get_by_role("region", name="Votre identité transmise par FranceConnect")

    def identity_value(self, label: str) -> Locator:
        """The value shown under ``label`` (`Nom de naissance`, `Prénom(s)`...)."""
        return described_value(self._identity, label)

    @property
    def editable_fields(self) -> Locator:
        """Every text field of the page: only the e-mail, and only when it is asked."""
        return self.main.get_by_role("textbox")

    @property
    def email_field(self) -> Locator:
        return self.main.get_by_label("Adresse électronique", exact=True)

    @property
    def email_error(self) -> Locator:
        return self.field_error(self.email_field)

    @property
    def accept_checkbox(self) -> Locator:
        return self.main.get_by_role("checkbox", name=ACCEPT_LABEL, exact=True)

    @property
    def accept_error(self) -> Locator:
        """The refusal shown next to the checkbox."""
        return self.field_error(self.accept_checkbox)

    @property
    def sign_up_button(self) -> Locator:
        return self.main.get_by_role("button", name="S'inscrire", exact=True)

    # --- verbs --------------------------------------------------------------

    def fill_email(self, email: str) -> FranceConnectCompletionPage:
        self.input.fill(self.email_field, email)
        return self

    def accept_cgu(self) -> FranceConnectCompletionPage:
        self.input.check(self.accept_checkbox)
        return self

    def sign_up(self) -> AccountHomePage:
        """`S'inscrire`: the account is activated and the user signed in."""
        from .account import AccountHomePage

        self._submit(self.sign_up_button)
        return self._next(AccountHomePage).wait_until_loaded()

    def try_sign_up(self) -> FranceConnectCompletionPage:
        """`S'inscrire` when something is missing or wrong: the page comes back."""
        self._submit(self.sign_up_button)
        return self.wait_until_loaded()

    def accept_cgu_and_sign_up(self) -> AccountHomePage:
        return self.accept_cgu().sign_up()
