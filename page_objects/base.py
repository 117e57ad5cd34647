"""What every portal page shares: the header, flashed notices, the error summary.

Page objects wrap Playwright's ``Page`` (they do not subclass it), find
elements as a user does (role, label, text), expose verbs that return the
next page object and states that tests check with ``expect``. They never
assert and never sleep.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar

from playwright.sync_api import Locator, Page

if TYPE_CHECKING:
    from .account import AccountHomePage
    from .accueil import AccueilPage
    from .connexion import ConnexionPage

PageT = TypeVar("PageT", bound="BasePage")

ERROR_TITLE_PREFIX = "Erreur : "  # the portal's <title> for a form re-shown with errors


class Header:
    """The site header: `Connexion` signed out; `Mon compte`, `Se déconnecter` signed in."""

    def __init__(self, page: Page) -> None:
        self._page = page
        self._banner = page.get_by_role("banner")

    @property
    def connexion_link(self) -> Locator:
        return self._banner.get_by_role("link", name="Connexion", exact=True)

    @property
    def logout_button(self) -> Locator:
        return self._banner.get_by_role("button", name="Se déconnecter", exact=True)

    @property
    def account_link(self) -> Locator:
        return self._banner.get_by_role("link", name="Mon compte", exact=True)

    def go_to_connexion(self) -> ConnexionPage:
        from .connexion import ConnexionPage

        self.connexion_link.click()
        return ConnexionPage(self._page).wait_until_loaded()

    def log_out(self) -> AccueilPage:
        from .accueil import AccueilPage

        self.logout_button.click()
        return AccueilPage(self._page).wait_until_loaded()

    def go_to_account(self) -> AccountHomePage:
        from .account import AccountHomePage

        self.account_link.click()
        return AccountHomePage(self._page).wait_until_loaded()


class ErrorSummary:
    """The box at the top of a form listing its errors, each a link to its field."""

    def __init__(self, page: Page) -> None:
        self.root = page.locator(".error-summary")

    @property
    def items(self) -> Locator:
        return self.root.get_by_role("listitem")


class BasePage:
    """A page of the portal. Subclasses set ``PATH`` and ``TITLE`` (the <title> start)."""

    PATH: ClassVar[str] = "/"
    TITLE: ClassVar[str] = ""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.header = Header(page)
        self.error_summary = ErrorSummary(page)

    @property
    def heading(self) -> Locator:
        return self.page.get_by_role("heading", level=1)

    @property
    def notices(self) -> Locator:
        """Flashed messages (info, success, error) shown above the content."""
        return self.page.locator(".notices .notice")

    @property
    def main(self) -> Locator:
        return self.page.get_by_role("main")

    def open(self: PageT) -> PageT:
        """Navigate straight to this page (relative to --base-url)."""
        self.page.goto(self.PATH)
        return self.wait_until_loaded()

    def wait_until_loaded(self: PageT) -> PageT:
        """Wait until the browser shows this page (its <title>), not the one before.

        A form re-shown with its errors has the same title behind "Erreur : ".
        """
        if self.TITLE:
            self.page.wait_for_function(
                "([title, prefix]) => document.title.startsWith(title)"
                " || document.title.startsWith(prefix + title)",
                arg=[self.TITLE, ERROR_TITLE_PREFIX],
            )
        return self

    def _submit(self, control: Locator, *, keyboard_key: str | None = None) -> None:
        """Click ``control`` (or press a key on it) and wait for the page it loads.

        Waiting for the navigation matters: a form re-shown with its errors
        looks like the page before it until the new document arrives.
        """
        with self.page.expect_navigation():
            if keyboard_key:
                control.press(keyboard_key)
            else:
                control.click()

    def field_error(self, field: Locator) -> Locator:
        """The error message tied to ``field`` through aria-describedby."""
        return field.locator("xpath=..").locator(".field__error")
