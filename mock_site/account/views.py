from __future__ import annotations

from flask import render_template

from ..signup import flow as signup_flow
from . import bp
from .forms import LoginForm


@bp.route("/connexion", methods=["GET", "POST"])
def connexion() -> str:
    signup_flow.mark_connexion_seen()
    form = LoginForm()
    return render_template("account/connexion.html", form=form)
