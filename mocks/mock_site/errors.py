"""Error pages in French: a user never sees a stack trace or Werkzeug's English.

An unexpected exception has no handler of its own: Flask logs it with its
traceback, then answers it as an ``InternalServerError``, which the HTTP handler
below renders as the French 500 page. Under test (``TESTING``, where Flask
propagates exceptions) the test client therefore gets the traceback, not a page.
"""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from cpf.messages import FORM_EXPIRED as CSRF_MESSAGE

MESSAGES = {
    400: ("Requête invalide", "La demande n'a pas pu être traitée. Veuillez réessayer."),
    403: ("Accès refusé", "Vous n'avez pas accès à cette page."),
    404: ("Page introuvable", "La page demandée n'existe pas ou a été déplacée."),
    405: ("Action impossible", "Cette action n'est pas possible sur cette page."),
    413: (
        "Requête trop volumineuse",
        "Les données envoyées sont trop volumineuses. Vérifiez votre saisie et recommencez.",
    ),
    500: (
        "Erreur du service",
        "Une erreur est survenue de notre côté. Veuillez réessayer dans quelques instants.",
    ),
    502: ("Service indisponible", "Un service partenaire ne répond pas. Veuillez réessayer."),
    503: (
        "Service momentanément indisponible",
        "Le service est momentanément indisponible. Veuillez réessayer dans quelques instants.",
    ),
}


def _page(code: int) -> tuple[str, int]:
    title, message = MESSAGES.get(code, MESSAGES[500])
    return render_template("errors.html", title=title, message=message), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> tuple[str, int]:
        title = "Formulaire expiré"
        return render_template("errors.html", title=title, message=CSRF_MESSAGE), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        return _page(error.code or 500)
