"""The FranceConnect mock: an OpenID Connect identity federation, its own Flask app.

``create_app(config)`` builds it. Config keys:

- ``ISSUER``: its own base URL; as FranceConnect v2, the OpenID issuer is
  ISSUER/api/v2 (discovery document at ISSUER/api/v2/.well-known/openid-configuration);
- ``PORTAL_CLIENT``: {client_id, client_secret, redirect_uris, post_logout_redirect_uris,
  client_name?, id_token_signed_response_alg?, userinfo_signed_response_alg?}, the
  portal's registration (clients.json holds the others);
- ``TEST_MODE``: mounts /__test__/ (see testing.py);
- ``CODE_TTL_SECONDS``, ``ACCESS_TOKEN_TTL_SECONDS``, ``ID_TOKEN_TTL_SECONDS``: how
  long authorization codes, access tokens and ID tokens live (default 60 each: short,
  as the real service's, so a client that keeps an old token fails here too);
- ``SESSION_TTL_SECONDS``: how long the user's FranceConnect session lasts, from the
  authorization request to the consent (default 1800); past it the pages say the
  request has expired.

Every lifetime is read from FranceConnect's clock (clock.py), which a test stops
and moves for one client through the test API.

Any standard OIDC client can use it as it uses FranceConnect v2: authorization code
flow (GET or POST at authorize), ``state``, ``nonce`` and ``acr_values=eidas1``
required, client_secret_basic or client_secret_post, ID tokens and userinfo
(``application/jwt``) signed ES256 by default or RS256 for a client registered so,
with keys generated at start-up and published at /api/v2/jwks. Test identities:
see identities.py.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError, CSRFProtect
from mock_site import form_input, security_headers
from werkzeug.exceptions import HTTPException

from cpf import franceconnect as wording

from .clock import Clock
from .identities import load_identities, load_providers
from .models import Client, Store, load_configured_clients
from .oidc import API_PREFIX
from .server import Federation, Lifetimes

PORTAL_CLIENT_NAME = wording.SERVICE_NAME


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY=secrets.token_hex(32),
        # Same host as the portal, another port: cookies ignore ports, names must differ.
        SESSION_COOKIE_NAME="fc_session",
        SESSION_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
        SEND_FILE_MAX_AGE_DEFAULT=3600,  # its stylesheet once per visit, as the portal's
        TEST_MODE=False,
        ISSUER="http://127.0.0.1:5001",
        PORTAL_CLIENT=None,
        CODE_TTL_SECONDS=60,
        ACCESS_TOKEN_TTL_SECONDS=60,
        ID_TOKEN_TTL_SECONDS=60,
        SESSION_TTL_SECONDS=1800,
    )
    app.config.from_mapping(config or {})
    app.config["ISSUER"] = str(app.config["ISSUER"]).rstrip("/")

    clients = load_configured_clients()
    if app.config["PORTAL_CLIENT"]:
        portal = dict(app.config["PORTAL_CLIENT"])
        portal.setdefault("client_name", PORTAL_CLIENT_NAME)
        clients.append(Client.from_dict(portal))
    store = Store(clients, load_identities(), Clock())
    lifetimes = Lifetimes(
        code=int(app.config["CODE_TTL_SECONDS"]),
        access_token=int(app.config["ACCESS_TOKEN_TTL_SECONDS"]),
        id_token=int(app.config["ID_TOKEN_TTL_SECONDS"]),
        session=int(app.config["SESSION_TTL_SECONDS"]),
    )
    app.extensions["franceconnect"] = Federation(
        app.config["ISSUER"], API_PREFIX, store, load_providers(), lifetimes
    )

    form_input.init_app(app)
    csrf = CSRFProtect(app)  # its own: the portal's instance belongs to the portal
    # No form-action: the consent and cancel forms end in redirects to whichever
    # relying party asked, and clients can be registered at run time (test API).
    security_headers.init_app(app, security_headers.content_security_policy(None))
    from . import oidc, pages

    csrf.exempt(oidc.bp)  # called by clients' back ends, or by a redirect or a form post
    csrf.exempt(oidc.v1)
    app.register_blueprint(oidc.bp)
    app.register_blueprint(oidc.v1)
    app.register_blueprint(pages.bp)
    if app.config["TEST_MODE"]:
        from . import testing

        csrf.exempt(testing.bp)
        app.register_blueprint(testing.bp)
    _register_error_pages(app)

    @app.context_processor
    def franceconnect_wording() -> dict[str, Any]:
        # The templates' words come from cpf/franceconnect.py, as the tests' do.
        return {"wording": wording}

    return app


def _register_error_pages(app: Flask) -> None:
    """French pages, FranceConnect-styled; never a stack trace.

    An unexpected exception has no handler of its own, as in the portal
    (mock_site/errors.py): Flask logs it with its traceback and answers it as an
    ``InternalServerError``, rendered below as the French 500 page; under
    ``TESTING`` Flask propagates it, so the test client gets the traceback.
    """

    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError) -> tuple[str, int]:
        return render_template("franceconnect/error.html", error=wording.FORM_EXPIRED), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        code = error.code or 500
        if code == 500:
            return render_template("franceconnect/error.html", error=wording.SERVICE_ERROR), 500
        page = wording.HTTP_ERRORS.get(code, wording.OTHER_HTTP_ERROR)
        return render_template("franceconnect/error.html", error=page), code
