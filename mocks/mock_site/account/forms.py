"""Forms of the account area: login and the DIF report."""

from __future__ import annotations

import re

from wtforms import Field, PasswordField, StringField
from wtforms.validators import InputRequired, ValidationError

from cpf.messages import DIF_EMPTY, DIF_NOT_A_WHOLE_NUMBER, DIF_OUT_OF_RANGE, LOGIN_PASSWORD_EMPTY
from cpf.rules import NIR_EMPTY

from .. import rights
from ..form_input import PortalForm

_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+", re.ASCII)


class LoginForm(PortalForm):
    nir = StringField(
        "Numéro de sécurité sociale",
        validators=[InputRequired(NIR_EMPTY)],
        render_kw={"autocomplete": "username", "inputmode": "text", "spellcheck": "false"},
    )
    password = PasswordField(
        "Mot de passe",
        validators=[InputRequired(LOGIN_PASSWORD_EMPTY)],
        render_kw={"autocomplete": "current-password"},
    )


def parse_dif_hours(raw: str | None) -> int:
    """The DIF hours typed, as an int from 0 to 120, or ValidationError in French."""
    value = (raw or "").strip()
    if not value:
        raise ValidationError(DIF_EMPTY)
    if not _WHOLE_NUMBER.fullmatch(value):
        raise ValidationError(DIF_NOT_A_WHOLE_NUMBER)
    # A long run of digits is out of range anyway; int() of it would be slow or refused.
    if len(value.lstrip("+-").lstrip("0")) > 4:
        raise ValidationError(DIF_OUT_OF_RANGE)
    hours = int(value)
    if not rights.DIF_MIN_HOURS <= hours <= rights.DIF_MAX_HOURS:
        raise ValidationError(DIF_OUT_OF_RANGE)
    return hours


class DifForm(PortalForm):
    # Text with a numeric keypad rather than type=number: the value typed is
    # kept as typed, and the server says what is wrong with it.
    hours = StringField(
        "Nombre d'heures de DIF",
        render_kw={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"},
    )

    def validate_hours(self, field: Field) -> None:
        parse_dif_hours(field.data)
