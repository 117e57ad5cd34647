from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from werkzeug.wrappers import Response

from . import bp
from . import flow as signup_flow


@bp.get("/")
def start() -> Response:
    """The `S'inscrire` link: opens step 3 for a session that has seen Connexion."""
    if not signup_flow.connexion_seen():
        flash(signup_flow.START_FROM_CONNEXION, "info")
        return redirect(url_for("account.connexion"))
    current = signup_flow.current_flow()
    if current is None:
        signup_flow.start_flow(signup_flow.Step.FORMULAIRE)
    return redirect(url_for("signup.form"))


@bp.get("/tutoriel-video")
def tutorial() -> str:
    return render_template("signup/tutorial.html")
