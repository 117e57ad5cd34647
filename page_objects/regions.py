"""Regions many pages share: the site header and the error summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.sync_api import Locator, Page

from .input_modes import InputMode

if TYPE_CHECKING:
    from .account import AccountHomePage
    from .accueil import AccueilPage
    from .connexion import ConnexionPage


class Header:
    """The site header: `Connexion` signed out; `Mon compte`, `Se déconnecter` signed in."""

    def __init__(self, page: Page, input_mode: InputMode) -> None:
        self._page = page
        self._input = input_mode
        self._banner = page.get_by_role("banner")

    @property
    def connexion_link(self) -> Locator:
        return self._banner.get_by_role("link", name="Connexion", exact=True)

    @property
    def logout_button(self) -> Locator:
        return self._banner.get_by_role("button", name="Se déconnecter", exact=True)

    @property
    def _account_link(self) -> Locator:
        return self._banner.get_by_role("link", name="Mon compte", exact=True)

    def go_to_connexion(self) -> ConnexionPage:
        from .connexion import ConnexionPage

        self._input.activate(self.connexion_link)
        return ConnexionPage(self._page, input_mode=self._input).wait_until_loaded()

    def log_out(self) -> AccueilPage:
        from .accueil import AccueilPage

        self._input.activate(self.logout_button)
        return AccueilPage(self._page, input_mode=self._input).wait_until_loaded()

    def go_to_account(self) -> AccountHomePage:
        from .account import AccountHomePage

        self._input.activate(self._account_link)
        return AccountHomePage(self._page, input_mode=self._input).wait_until_loaded()


class ErrorSummary:
    """The box at the top of a form listing its errors, each a link to its field: the
    page error that is a list (``PageObject.page_errors``)."""

    def __init__(self, page_errors: Locator) -> None:
        self.root = page_errors.filter(has=page_errors.page.get_by_role("list"))

    @property
    def items(self) -> Locator:
        return self.root.get_by_role("listitem")
