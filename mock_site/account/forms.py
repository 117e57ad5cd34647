from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired


class LoginForm(FlaskForm):
    nir = StringField(
        "Numéro de sécurité sociale",
        validators=[InputRequired("Saisissez votre numéro de sécurité sociale.")],
        render_kw={"autocomplete": "username", "inputmode": "text", "spellcheck": "false"},
    )
    password = PasswordField(
        "Mot de passe",
        validators=[InputRequired("Saisissez votre mot de passe.")],
        render_kw={"autocomplete": "current-password"},
    )
