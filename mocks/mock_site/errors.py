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

from cpf.messages import ERROR_PAGES, FORM_EXPIRED, FORM_EXPIRED_TITLE


def _page(code: int) -> tuple[str, int]:
    page = ERROR_PAGES.get(code, ERROR_PAGES[500])
    return render_template("errors.html", title=page.title, message=page.message), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> tuple[str, int]:
        return render_template("errors.html", title=FORM_EXPIRED_TITLE, message=FORM_EXPIRED), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        return _page(error.code or 500)
