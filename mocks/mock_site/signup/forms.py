"""The signup forms. What is wrong with step 3's details, and what the flow keeps of
them, is decided by ``details`` (shared with the test API); every rule is in
``cpf.rules``, the rules' one home."""

from __future__ import annotations

from typing import Any

from wtforms import BooleanField, EmailField, HiddenField, IntegerField, PasswordField, StringField
from wtforms.validators import DataRequired, InputRequired, NumberRange

from cpf.messages import CGU_REQUIRED
from cpf.messages import SIGNUP_FIELD_LABELS as LABELS

from ..form_input import PortalForm
from . import details


class SignupForm(PortalForm):
    """Step 3. Each refused field gets its own French message (``details.problems``);
    values are kept on error except the passwords (``PasswordField`` never renders
    its value)."""

    nir = StringField(
        LABELS["nir"],
        render_kw={
            "autocomplete": "username",
            "spellcheck": "false",
            "autocapitalize": "characters",
        },
    )
    birth_name = StringField(LABELS["birth_name"], render_kw={"autocomplete": "family-name"})
    first_name = StringField(LABELS["first_name"], render_kw={"autocomplete": "given-name"})
    email = EmailField(LABELS["email"], render_kw={"autocomplete": "email", "spellcheck": "false"})
    password = PasswordField(LABELS["password"], render_kw={"autocomplete": "new-password"})
    password_confirmation = PasswordField(
        LABELS["password_confirmation"], render_kw={"autocomplete": "new-password"}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Fields refused because an account already exists: the page adds a Connexion link.
        self.taken_fields: set[str] = set()

    def typed(self) -> dict[str, str]:
        return {name: self[name].data or "" for name in details.FIELDS}

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)  # the fields' own checks, and CSRF's
        refused = details.problems(self.typed())
        for name, message in refused.items():
            self[name].errors = [message]
        self.taken_fields = {
            name for name, message in refused.items() if details.TAKEN.get(name) == message
        }
        return valid and not refused

    def mark_taken(self, field_name: str) -> None:
        """Show a duplicate refusal found after the form was accepted (at step 5)."""
        self[field_name].errors = [details.TAKEN[field_name]]
        self.taken_fields.add(field_name)

    def flow_data(self) -> dict[str, str]:
        """What the flow keeps (see ``details.kept``)."""
        return details.kept(self.typed())


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
