"""The federation's forms (Flask-WTF: every one carries its CSRF token)."""

from __future__ import annotations

from mock_site.form_input import PortalForm
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import InputRequired

from cpf.franceconnect import (
    IDENTIFIER_LABEL,
    IDENTIFIER_REQUIRED,
    PASSWORD_LABEL,
    PASSWORD_REQUIRED,
)


class ProviderChoiceForm(PortalForm):
    provider = HiddenField(validators=[InputRequired()])  # set by the button pressed


class ProviderLoginForm(PortalForm):
    identifier = StringField(
        IDENTIFIER_LABEL,
        validators=[InputRequired(IDENTIFIER_REQUIRED)],
        render_kw={"autocomplete": "username", "spellcheck": "false"},
    )
    password = PasswordField(
        PASSWORD_LABEL,
        validators=[InputRequired(PASSWORD_REQUIRED)],
        render_kw={"autocomplete": "current-password"},
    )


class ConfirmForm(PortalForm):
    """Consent and cancel: a button and the CSRF token, nothing to type."""
