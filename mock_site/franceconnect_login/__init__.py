"""The portal as a client (relying party) of FranceConnect.

Placeholder until the FranceConnect mock lands: the button leads to a page
saying FranceConnect is not connected yet.
"""

from __future__ import annotations

from flask import Blueprint, Flask, render_template

bp = Blueprint("franceconnect_login", __name__, url_prefix="/franceconnect")


@bp.post("/connexion")
def start() -> tuple[str, int]:
    return render_template(
        "errors.html",
        title="FranceConnect",
        message="La connexion avec FranceConnect n'est pas encore disponible sur cette maquette.",
    ), 503


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
