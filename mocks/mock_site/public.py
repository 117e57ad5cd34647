"""Pages anyone can read: Accueil (step 1), the CGU, what FranceConnect is."""

from __future__ import annotations

from flask import Blueprint, Flask, render_template

bp = Blueprint("public", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


@bp.get("/")
def accueil() -> str:
    return render_template("public/accueil.html")


@bp.get("/conditions-generales-utilisation")
def cgu() -> str:
    return render_template("public/cgu.html")


@bp.get("/qu-est-ce-que-franceconnect")
def franceconnect_info() -> str:
    return render_template("public/franceconnect.html")
