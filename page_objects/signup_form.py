"""Step 3, `Remplissez le formulaire`: six labelled fields, the live password
checklist, the error summary, and `Continuer`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from playwright.sync_api import Locator

from cpf.messages import PASSWORD_CHECKLIST_TITLE, SIGNUP_FIELD_LABELS
from harness.identities import Identity

from .portal_page import PortalPage

if TYPE_CHECKING:
    from .captcha import CaptchaPage
    from .connexion import ConnexionPage


class SignupFormPage(PortalPage):
    PATH = "/inscription/formulaire"
    TITLE = "Remplissez le formulaire"
    RUNS_SCRIPTS = True  # the live password checklist: typing and reading it wait for it

    # --- the fields, found by their labels ------------------------------------

    @property
    def nir_field(self) -> Locator:
        return self.field(SIGNUP_FIELD_LABELS["nir"])

    @property
    def birth_name_field(self) -> Locator:
        return self.field(SIGNUP_FIELD_LABELS["birth_name"])

    @property
    def first_name_field(self) -> Locator:
        return self.field(SIGNUP_FIELD_LABELS["first_name"])

    @property
    def email_field(self) -> Locator:
        return self.field(SIGNUP_FIELD_LABELS["email"])

    @property
    def password_field(self) -> Locator:
        return self.field(SIGNUP_FIELD_LABELS["password"])

    @property
    def password_confirmation_field(self) -> Locator:
        return self.field(SIGNUP_FIELD_LABELS["password_confirmation"])

    def field(self, label: str) -> Locator:
        """A field by its label, as the user names it (`Mot de passe`...)."""
        return self.main.get_by_label(label, exact=True)

    @property
    def fields(self) -> dict[str, Locator]:
        """The six fields by their form name (nir, birth_name, ..., password_confirmation)."""
        return {name: self.field(label) for name, label in SIGNUP_FIELD_LABELS.items()}

    @property
    def continue_button(self) -> Locator:
        return self.main.get_by_role("button", name="Continuer", exact=True)

    @property
    def password_rule_note(self) -> Locator:
        """The "Bon à savoir !" box stating the password rule."""
        return self.main.get_by_role("note", name="Bon à savoir !")

    @property
    def _tutorial_link(self) -> Locator:
        return self.main.get_by_role("link", name="tutoriel vidéo", exact=True)

    # --- the live password checklist ------------------------------------------

    @property
    def password_checklist(self) -> Locator:
        """`Votre mot de passe doit contenir :`, the list each rule ticks off as typed."""
        return self.main.get_by_role("list", name=PASSWORD_CHECKLIST_TITLE)

    @property
    def password_checklist_items(self) -> Locator:
        return self.password_checklist.get_by_role("listitem")

    def password_rule(self, rule_id: str) -> Locator:
        """One checklist item, by its rule's id in ``cpf.rules.PASSWORD_RULES``
        (``data-met`` is "true" or "false"; its text is ``rules.checklist_item_text``)."""
        return self.password_checklist.locator(f'[data-rule="{rule_id}"]')

    @property
    def password_announcement(self) -> Locator:
        """The polite live region that speaks the checklist's changes."""
        return self.main.locator("[data-password-checklist] [aria-live]")

    def password_rules_met(self) -> dict[str, bool]:
        """A snapshot of the checklist: rule id -> met. Read it after a settled change
        (``fill`` runs the checklist's input handler before it returns)."""
        self._scripts_ready()
        states = self.password_checklist.locator("[data-rule]").evaluate_all(
            "items => items.map(item => [item.dataset.rule, item.dataset.met === 'true'])"
        )
        return {rule_id: met for rule_id, met in states}

    # --- errors (each field's own: ``field_error(field)``) ----------------------

    def connexion_link_in_error(self, field: Locator) -> Locator:
        """The `Connexion` link a duplicate NIR or e-mail gets inside its error."""
        return self.field_error(field).get_by_role("link", name="Connexion", exact=True)

    # --- verbs ------------------------------------------------------------------

    def fill_identity(self, identity: Identity) -> SignupFormPage:
        """Type the whole form from ``identity``, its password in both password fields."""
        self.input.fill(self.nir_field, identity.nir)
        self.input.fill(self.birth_name_field, identity.birth_name)
        self.input.fill(self.first_name_field, identity.first_name)
        self.input.fill(self.email_field, identity.email)
        return self.fill_password(identity.password)

    def fill_password(self, password: str, confirmation: str | None = None) -> SignupFormPage:
        """The password, and its confirmation (the same unless given). No wait for the
        checklist: when its script starts late it reads the field as it finds it, so its
        state comes right either way (only its spoken announcement needs ``type_password``)."""
        self.input.fill(self.password_field, password)
        confirmation = password if confirmation is None else confirmation
        self.input.fill(self.password_confirmation_field, confirmation)
        return self

    def type_password(self, password: str) -> SignupFormPage:
        """Type the password key by key, as a user does (the checklist follows each key)."""
        self._scripts_ready()
        self.password_field.clear()
        self.password_field.press_sequentially(password)
        return self

    def submit(self) -> None:
        """Press `Continuer` and wait for whatever page the server answers with."""
        self._submit(self.continue_button)

    def continue_to_captcha(self) -> CaptchaPage:
        """Submit a valid form: step 4 opens."""
        from .captcha import CaptchaPage

        self.submit()
        return self._next(CaptchaPage).wait_until_loaded()

    def submit_with_errors(self) -> SignupFormPage:
        """Submit a form the server will refuse: the form comes back with its errors."""
        self.submit()
        return self.wait_until_loaded()

    def go_to_connexion_from_error(self, field: Locator) -> ConnexionPage:
        from .connexion import ConnexionPage

        self.input.activate(self.connexion_link_in_error(field))
        return self._next(ConnexionPage).wait_until_loaded()

    def open_tutorial(self) -> TutorialPage:
        self.input.activate(self._tutorial_link)
        return self._next(TutorialPage).wait_until_loaded()


class TutorialPage(PortalPage):
    """The `tutoriel vidéo` page the form links to."""

    PATH = "/inscription/tutoriel-video"
    TITLE = "Tutoriel vidéo"
