"""The federation's forms (Flask-WTF: every one carries its CSRF token)."""

from __future__ import annotations

from mock_site.form_input import PortalForm
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import InputRequired


class ProviderChoiceForm(PortalForm):
    provider = HiddenField(validators=[InputRequired()])  # set by the button pressed


class ProviderLoginForm(PortalForm):
    identifier = StringField(
        "Identifiant",
        validators=[InputRequired("Saisissez votre identifiant.")],
        render_kw={"autocomplete": "username", "spellcheck": "false"},
    )
    password = PasswordField(
        "Mot de passe",
        validators=[InputRequired("Saisissez votre mot de passe.")],
        render_kw={"autocomplete": "current-password"},
    )


class ConfirmForm(PortalForm):
    """Consent and cancel: a button and the CSRF token, nothing to type."""
