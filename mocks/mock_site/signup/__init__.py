"""The five signup steps: the form, the security check (captcha), the CGU."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("signup", __name__, url_prefix="/inscription")


def init_app(app: Flask) -> None:
    from . import views  # noqa: F401  (attaches the views to bp)

    app.register_blueprint(bp)
