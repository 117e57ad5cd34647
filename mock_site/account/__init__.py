"""After activation: Connexion (login), Mes droits formation, Report du DIF, logout."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("account", __name__)

from . import views  # noqa: E402,F401  (attaches the views to bp)


@bp.app_context_processor
def inject_signed_in() -> dict[str, bool]:
    """Every page's header shows `Mon compte` / `Se déconnecter` only to a live session."""
    from ..auth import current_account

    return {"signed_in": current_account() is not None}
