"""After activation: Connexion (login), Mes droits formation, Report du DIF, logout."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("account", __name__)

from . import views  # noqa: E402,F401  (attaches the views to bp)
from .auth import login_required, sign_in, sign_out  # noqa: E402,F401  (for other blueprints)
