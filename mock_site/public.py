"""Pages anyone can read: Accueil (step 1), the CGU, what FranceConnect is."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("public", __name__)


@bp.get("/")
def accueil() -> str:
    return render_template("public/accueil.html")


@bp.get("/conditions-generales-utilisation")
def cgu() -> str:
    return render_template("public/cgu.html")


@bp.get("/qu-est-ce-que-franceconnect")
def franceconnect_info() -> str:
    return render_template("public/franceconnect.html")
