"""Step 3, `Remplissez le formulaire`: six labelled fields, the live password
checklist, the error summary, and `Continuer`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.sync_api import Locator

from harness.identities import Identity

from .base import BasePage

if TYPE_CHECKING:
    from .captcha import CaptchaPage
    from .connexion import ConnexionPage

# The rule ids of ``cpf.rules.PASSWORD_RULES``, in checklist order.
PASSWORD_RULE_IDS = ("length", "uppercase", "lowercase", "digit")



class SignupFormPage(BasePage):
    PATH = "/inscription/formulaire"
    TITLE = "Remplissez le formulaire"

    # --- the fields, found by their labels ------------------------------------

    @property
    def nir_field(self) -> Locator:
        return self.main.get_by_label("Numéro de sécurité sociale", exact=True)

    @property
    def birth_name_field(self) -> Locator:
        return self.main.get_by_label("Nom de naissance", exact=True)

    @property
    def first_name_field(self) -> Locator:
        return self.main.get_by_label("Prénom", exact=True)

    @property
    def email_field(self) -> Locator:
        return self.main.get_by_label("Adresse électronique", exact=True)

    @property
    def password_field(self) -> Locator:
        return self.main.get_by_label("Mot de passe", exact=True)

    @property
    def password_confirmation_field(self) -> Locator:
        return self.main.get_by_label("Confirmation du mot de passe", exact=True)

    @property
    def fields(self) -> dict[str, Locator]:
        """The six fields by their form name (nir, birth_name, ..., password_confirmation)."""
        return {
            "nir": self.nir_field,
            "birth_name": self.birth_name_field,
            "first_name": self.first_name_field,
            "email": self.email_field,
            "password": self.password_field,
            "password_confirmation": self.password_confirmation_field,
        }

    @property
    def continue_button(self) -> Locator:
        return self.main.get_by_role("button", name="Continuer", exact=True)

    @property
    def password_rule_note(self) -> Locator:
        """The "Bon à savoir !" box stating the password rule."""
        return self.main.get_by_role("note", name="Bon à savoir !")

    @property
    def tutorial_link(self) -> Locator:
        return self.main.get_by_role("link", name="tutoriel vidéo", exact=True)

    # --- the live password checklist ------------------------------------------

    @property
    def password_checklist(self) -> Locator:
        return self.main.get_by_role("list", name="Votre mot de passe doit contenir :")

    @property
    def password_checklist_items(self) -> Locator:
        return self.password_checklist.get_by_role("listitem")

    def password_rule(self, rule_id: str) -> Locator:
        """One checklist item (``data-met`` is "true" or "false"; its text ends with
        " : respecté" or " : non respecté" for screen readers)."""
        return self.password_checklist.locator(f'[data-rule="{rule_id}"]')

    @property
    def password_announcement(self) -> Locator:
        """The polite live region that speaks the checklist's changes."""
        return self.main.locator("[data-password-checklist] [aria-live]")

    def password_rules_met(self) -> dict[str, bool]:
        """A snapshot of the checklist: rule id -> met. Read it after a settled change
        (``fill`` runs the checklist's input handler before it returns)."""
        states = self.password_checklist.locator("[data-rule]").evaluate_all(
            "items => items.map(item => [item.dataset.rule, item.dataset.met === 'true'])"
        )
        return {rule_id: met for rule_id, met in states}

    # --- errors -----------------------------------------------------------------

    def error_for(self, field: Locator) -> Locator:
        """The error message tied to ``field`` by its aria-describedby (matches nothing
        when the field describes no error). Read after the page has loaded."""
        described = (field.get_attribute("aria-describedby") or "").split()
        if not described:
            return self.page.locator("[data-no-such-error]")
        by_id = ", ".join(f'[id="{element_id}"]' for element_id in described)
        return self.page.locator(by_id).and_(self.page.locator(".field__error"))

    def connexion_link_in_error(self, field: Locator) -> Locator:
        """The `Connexion` link a duplicate NIR or e-mail gets inside its error."""
        return self.error_for(field).get_by_role("link", name="Connexion", exact=True)

    # --- verbs ------------------------------------------------------------------

    def fill_identity(self, identity: Identity) -> SignupFormPage:
        """Type the whole form from ``identity``, its password in both password fields."""
        self.nir_field.fill(identity.nir)
        self.birth_name_field.fill(identity.birth_name)
        self.first_name_field.fill(identity.first_name)
        self.email_field.fill(identity.email)
        return self.fill_password(identity.password)

    def fill_password(self, password: str, confirmation: str | None = None) -> SignupFormPage:
        """The password, and its confirmation (the same unless given)."""
        self.password_field.fill(password)
        self.password_confirmation_field.fill(password if confirmation is None else confirmation)
        return self

    def type_password(self, password: str) -> SignupFormPage:
        """Type the password key by key, as a user does (the checklist follows each key)."""
        self.password_field.clear()
        self.password_field.press_sequentially(password)
        return self

    def submit(self, *, using_keyboard: bool = False) -> None:
        """Press `Continuer` (or Enter in the last field) and wait for whatever page
        the server answers with."""
        if using_keyboard:
            self._submit(self.password_confirmation_field, key="Enter")
        else:
            self._submit(self.continue_button)

    def continue_to_captcha(self, *, using_keyboard: bool = False) -> CaptchaPage:
        """Submit a valid form: step 4 opens."""
        from .captcha import CaptchaPage

        self.submit(using_keyboard=using_keyboard)
        return CaptchaPage(self.page).wait_until_loaded()

    def submit_with_errors(self) -> SignupFormPage:
        """Submit a form the server will refuse: the form comes back with its errors."""
        self.submit()
        return self.wait_until_loaded()

    def go_to_connexion_from_error(self, field: Locator) -> ConnexionPage:
        from .connexion import ConnexionPage

        self.connexion_link_in_error(field).click()
        return ConnexionPage(self.page).wait_until_loaded()

    def open_tutorial(self) -> TutorialPage:
        self.tutorial_link.click()
        return TutorialPage(self.page).wait_until_loaded()


class TutorialPage(BasePage):
    """The `tutoriel vidéo` page the form links to."""

    PATH = "/inscription/tutoriel-video"
    TITLE = "Tutoriel vidéo"
