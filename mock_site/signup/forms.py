"""The signup forms. Every check calls ``cpf.rules``, the rules' one home."""

from __future__ import annotations

from typing import Any

from wtforms import BooleanField, EmailField, HiddenField, IntegerField, PasswordField, StringField
from wtforms.validators import DataRequired, InputRequired, NumberRange, StopValidation

from cpf import rules

from .. import accounts
from ..form_input import PortalForm

NIR_TAKEN = "Un compte existe déjà avec ce numéro de sécurité sociale."
EMAIL_TAKEN = "Un compte existe déjà avec cette adresse électronique."
CGU_REQUIRED = (
    "Vous devez accepter les conditions générales d'utilisation pour vous inscrire."
)


class SignupForm(PortalForm):
    """Step 3. Checks run in ``validate_<field>`` so each field gets its own
    French message; values are kept on error except the passwords
    (``PasswordField`` never renders its value)."""

    nir = StringField(
        "Numéro de sécurité sociale",
        render_kw={
            "autocomplete": "username",
            "spellcheck": "false",
            "autocapitalize": "characters",
        },
    )
    birth_name = StringField("Nom de naissance", render_kw={"autocomplete": "family-name"})
    first_name = StringField("Prénom", render_kw={"autocomplete": "given-name"})
    email = EmailField(
        "Adresse électronique", render_kw={"autocomplete": "email", "spellcheck": "false"}
    )
    password = PasswordField("Mot de passe", render_kw={"autocomplete": "new-password"})
    password_confirmation = PasswordField(
        "Confirmation du mot de passe", render_kw={"autocomplete": "new-password"}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Fields refused because an account already exists: the page adds a Connexion link.
        self.taken_fields: set[str] = set()

    def validate_nir(self, field: StringField) -> None:
        try:
            nir = rules.parse_nir(field.data or "")
        except rules.NirError as error:
            raise StopValidation(str(error)) from error
        if accounts.nir_taken(nir.compact):
            self.taken_fields.add("nir")
            raise StopValidation(NIR_TAKEN)

    def validate_birth_name(self, field: StringField) -> None:
        if message := rules.name_error("birth_name", field.data or ""):
            raise StopValidation(message)

    def validate_first_name(self, field: StringField) -> None:
        if message := rules.name_error("first_name", field.data or ""):
            raise StopValidation(message)

    def validate_email(self, field: EmailField) -> None:
        if message := rules.email_error(field.data or ""):
            raise StopValidation(message)
        if accounts.email_taken(rules.normalize_email(field.data)):
            self.taken_fields.add("email")
            raise StopValidation(EMAIL_TAKEN)

    def validate_password(self, field: PasswordField) -> None:
        if message := rules.password_error(field.data or ""):
            raise StopValidation(message)

    def validate_password_confirmation(self, field: PasswordField) -> None:
        if not field.data:
            raise StopValidation(rules.PASSWORD_CONFIRMATION_EMPTY)
        if field.data != self.password.data:
            raise StopValidation(rules.PASSWORD_CONFIRMATION_MISMATCH)

    def mark_taken(self, field_name: str) -> None:
        """Show a duplicate refusal found after the form was accepted (at step 5)."""
        field = getattr(self, field_name)
        field.errors = [NIR_TAKEN if field_name == "nir" else EMAIL_TAKEN]
        self.taken_fields.add(field_name)

    def flow_data(self) -> dict[str, str]:
        """What the flow keeps: the NIR compact, the e-mail normalized, the password hashed."""
        return {
            "nir": rules.parse_nir(self.nir.data).compact,
            "birth_name": self.birth_name.data.strip(),
            "first_name": self.first_name.data.strip(),
            "email": rules.normalize_email(self.email.data),
            "password_hash": accounts.hash_password(self.password.data),
        }


class CaptchaForm(PortalForm):
    """Step 4: the challenge answered, and the tile clicked (its page-order position)."""

    challenge = HiddenField(validators=[InputRequired()])
    tile = IntegerField(validators=[InputRequired(), NumberRange(min=0)])


class RefreshCaptchaForm(PortalForm):
    """Step 4's `Afficher d'autres images`: only the CSRF token."""


class CguForm(PortalForm):
    accept = BooleanField(
        "J'accepte les conditions générales d'utilisation",
        validators=[DataRequired(CGU_REQUIRED)],
    )
