"""After activation: Connexion (login), Mes droits formation, Report du DIF, logout."""

from __future__ import annotations

from flask import Blueprint, Flask

from ..auth import current_account

bp = Blueprint("account", __name__)


def init_app(app: Flask) -> None:
    from . import views  # noqa: F401  (attaches the views to bp)

    app.register_blueprint(bp)


@bp.app_context_processor
def inject_signed_in() -> dict[str, bool]:
    """Every page's header shows `Mon compte` / `Se déconnecter` only to a live session."""
    return {"signed_in": current_account() is not None}
