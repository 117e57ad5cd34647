"""Step 5, `Clôturez votre inscription`: read and accept the CGU, then `S'inscrire`.

Also the CGU text itself (a public page the step links to).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.sync_api import Locator

from .base import BasePage
from .keyboard import follow_with_keyboard, tab_to

if TYPE_CHECKING:
    from .activated import ActivatedPage
    from .signup_form import SignupFormPage

ACCEPT_LABEL = "J'accepte les conditions générales d'utilisation"


class CguPage(BasePage):
    PATH = "/inscription/cloture"
    TITLE = "Clôturez votre inscription"

    @property
    def cgu_link(self) -> Locator:
        return self.main.get_by_role("link", name="conditions générales d'utilisation", exact=True)

    @property
    def accept_checkbox(self) -> Locator:
        return self.main.get_by_role("checkbox", name=ACCEPT_LABEL, exact=True)

    @property
    def sign_up_button(self) -> Locator:
        return self.main.get_by_role("button", name="S'inscrire", exact=True)

    @property
    def accept_error(self) -> Locator:
        """The refusal shown next to the checkbox (in its field)."""
        # ``has`` is searched inside each field, so the checkbox is found from there, not from main.
        checkbox = self.page.get_by_role("checkbox", name=ACCEPT_LABEL)
        return self.main.locator(".field", has=checkbox).locator(".field__error")

    # --- verbs --------------------------------------------------------------

    def accept(self, *, using_keyboard: bool = False) -> CguPage:
        if using_keyboard:
            tab_to(self.page, self.accept_checkbox)
            self.page.keyboard.press("Space")
        else:
            self.accept_checkbox.check()
        return self

    def accept_and_sign_up(self, *, using_keyboard: bool = False) -> ActivatedPage:
        from .activated import ActivatedPage

        self.accept(using_keyboard=using_keyboard)
        self._press_sign_up(using_keyboard=using_keyboard)
        return ActivatedPage(self.page).wait_until_loaded()

    def accept_and_sign_up_after_someone_else(self) -> SignupFormPage:
        """Accept and `S'inscrire` when the NIR or e-mail got an account since step 3:
        the form comes back, the duplicate said next to its field."""
        from .signup_form import SignupFormPage

        self.accept()
        self._press_sign_up(using_keyboard=False)
        return SignupFormPage(self.page).wait_until_loaded()

    def sign_up_without_accepting(self) -> CguPage:
        """`S'inscrire` with the box left unticked: the step is shown again, refused."""
        self._press_sign_up(using_keyboard=False)
        return CguPage(self.page).wait_until_loaded()

    def _press_sign_up(self, *, using_keyboard: bool) -> None:
        if using_keyboard:
            follow_with_keyboard(self.page, self.sign_up_button)
        else:
            self._submit(self.sign_up_button)

    def read_cgu(self) -> CguTextPage:
        """Follow the link to the CGU text (it opens in the same tab)."""
        self.cgu_link.click()
        return CguTextPage(self.page).wait_until_loaded()


class CguTextPage(BasePage):
    """The `Conditions générales d'utilisation` themselves."""

    PATH = "/conditions-generales-utilisation"
    TITLE = "Conditions générales d'utilisation"
