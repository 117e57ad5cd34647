from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.sync_api import Locator

from .portal_page import PortalPage

if TYPE_CHECKING:
    from .account import AccountHomePage
    from .franceconnect import ProviderChoicePage
    from .signup_form import SignupFormPage


class ConnexionPage(PortalPage):
    """Step 2: FranceConnect or `S'inscrire`; and login for account holders."""

    PATH = "/connexion"
    TITLE = "Connexion"

    @property
    def franceconnect_button(self) -> Locator:
        return self.main.get_by_role("button", name="S'identifier avec FranceConnect", exact=True)

    @property
    def what_is_franceconnect_link(self) -> Locator:
        return self.main.get_by_role("link", name="Qu'est-ce que FranceConnect ?", exact=True)

    @property
    def sign_up_link(self) -> Locator:
        return self.main.get_by_role("link", name="S'inscrire", exact=True)

    @property
    def no_account_text(self) -> Locator:
        return self.main.get_by_text("Vous n'avez pas de compte ?", exact=True)

    @property
    def nir_field(self) -> Locator:
        return self.main.get_by_label("Numéro de sécurité sociale", exact=True)

    @property
    def password_field(self) -> Locator:
        return self.main.get_by_label("Mot de passe", exact=True)

    @property
    def login_button(self) -> Locator:
        return self.main.get_by_role("button", name="Se connecter", exact=True)

    def sign_up(self) -> SignupFormPage:
        from .signup_form import SignupFormPage

        self.input.activate(self.sign_up_link)
        return self._next(SignupFormPage).wait_until_loaded()

    def sign_in_with_franceconnect(self) -> ProviderChoicePage:
        from .franceconnect import ProviderChoicePage

        self.input.activate(self.franceconnect_button)
        return self._next(ProviderChoicePage).wait_until_loaded()

    def try_sign_in_with_franceconnect(self) -> ConnexionPage:
        """FranceConnect answers the sign-in request with an error at once: back on
        Connexion, the same page, with the portal's message."""
        self._submit(self.franceconnect_button)
        return self.wait_until_loaded()

    def fill_login(self, nir: str, password: str) -> None:
        self.input.fill(self.nir_field, nir)
        self.input.fill(self.password_field, password)

    def log_in(self, nir: str, password: str) -> AccountHomePage:
        """Log in and land on the account; use ``try_log_in`` when it should fail."""
        from .account import AccountHomePage

        self.try_log_in(nir, password)
        return self._next(AccountHomePage).wait_until_loaded()

    def try_log_in(self, nir: str, password: str) -> ConnexionPage:
        self.fill_login(nir, password)
        self._submit(self.login_button)
        return self
