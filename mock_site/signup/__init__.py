"""The five signup steps: the form, the security check (captcha), the CGU."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("signup", __name__, url_prefix="/inscription")

from . import views  # noqa: E402,F401  (attaches the views to bp)
