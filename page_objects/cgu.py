"""Step 5, `Clôturez votre inscription`: read and accept the CGU, then `S'inscrire`.

Also the CGU text itself (a public page the step links to).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.sync_api import Locator

from .portal_page import PortalPage

if TYPE_CHECKING:
    from .activated import ActivatedPage
    from .signup_form import SignupFormPage

ACCEPT_LABEL = "J'accepte les conditions générales d'utilisation"


class CguPage(PortalPage):
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
        """The refusal shown next to the checkbox."""
        return self.field_error(self.accept_checkbox)

    # --- verbs --------------------------------------------------------------

    def accept(self) -> CguPage:
        self.input.check(self.accept_checkbox)
        return self

    def accept_and_sign_up(self) -> ActivatedPage:
        from .activated import ActivatedPage

        self.accept()
        self._submit(self.sign_up_button)
        return self._next(ActivatedPage).wait_until_loaded()

    def accept_and_sign_up_after_someone_else(self) -> SignupFormPage:
        """Accept and `S'inscrire` when the NIR or e-mail got an account since step 3:
        the form comes back, the duplicate said next to its field."""
        from .signup_form import SignupFormPage

        self.accept()
        self._submit(self.sign_up_button)
        return self._next(SignupFormPage).wait_until_loaded()

    def sign_up_without_accepting(self) -> CguPage:
        """`S'inscrire` with the box left unticked: the step is shown again, refused."""
        self._submit(self.sign_up_button)
        return self._next(CguPage).wait_until_loaded()

    def read_cgu(self) -> CguTextPage:
        """Follow the link to the CGU text (it opens in the same tab)."""
        self.input.activate(self.cgu_link)
        return self._next(CguTextPage).wait_until_loaded()


class CguTextPage(PortalPage):
    """The `Conditions générales d'utilisation` themselves."""

    PATH = "/conditions-generales-utilisation"
    TITLE = "Conditions générales d'utilisation"
