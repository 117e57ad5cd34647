"""The first FranceConnect sign-in's form: e-mail (when needed) and the CGU."""

from __future__ import annotations

from wtforms import BooleanField, EmailField
from wtforms.validators import DataRequired

from cpf.messages import FRANCECONNECT_CGU_REQUIRED as CGU_REQUIRED

from ..form_input import PortalForm


class CompleteForm(PortalForm):
    # Checked with rules.email_error in the view (the portal's one e-mail rule).
    email = EmailField(
        "Adresse électronique",
        render_kw={"autocomplete": "email", "spellcheck": "false"},
    )
    accept = BooleanField(
        "J'accepte les conditions générales d'utilisation",
        validators=[DataRequired(CGU_REQUIRED)],
    )
