"""The portal as a relying party (OIDC client) of FranceConnect.

FranceConnect v2: ``FRANCECONNECT_ISSUER`` is FranceConnect's base URL and the
issuer is that URL + ``/api/v2``. Authlib's Flask client reads the discovery
document at ``<issuer>/.well-known/openid-configuration``, sends ``acr_values``
(eidas1, mandatory in v2), checks ``state`` and ``nonce`` and the ID token's
signature against the published JWKS, and ``checks.py`` adds what it leaves to
the portal (algorithms, issuer, audience, userinfo's signature and subject). The
identity itself comes from the userinfo endpoint, a JWT signed by FranceConnect.

Endpoints: ``start`` (POST /franceconnect/connexion), ``callback``
(GET /franceconnect/retour), ``complete`` (first sign-in: identity, e-mail if
needed, CGU), ``logout`` (POST /franceconnect/deconnexion: ends the portal
session, then FranceConnect's) and ``logout_callback``
(GET /franceconnect/deconnexion/retour). Every failure ends on the Connexion
page with a French message.
"""

from __future__ import annotations

from typing import Any

from authlib.integrations.flask_client import OAuth
from authlib.integrations.flask_client.apps import FlaskOAuth2App
from flask import Blueprint, Flask, current_app

from .checks import ID_TOKEN_ALGORITHMS

bp = Blueprint("franceconnect_login", __name__, url_prefix="/franceconnect")

# What the portal asks for: the pivot identity, the e-mail, and (mock only) the NIR.
SCOPE = "openid identite_pivot email cpf"
API_PATH = "/api/v2"  # where FranceConnect v2 serves its discovery document and endpoints
ACR_VALUES = "eidas1"
HTTP_TIMEOUT_SECONDS = 10
# FranceConnect's access tokens live 60 s; Authlib's default leeway (60 s) would take
# every one for expired on arrival and refuse to send it to userinfo.
TOKEN_LEEWAY_SECONDS = 5

EXTENSION = "franceconnect_oauth"


class FranceConnectClient(FlaskOAuth2App):
    """Authlib's Flask client, verifying ID tokens with the agreed algorithms only."""

    def load_server_metadata(self) -> dict[str, Any]:
        metadata: dict[str, Any] = super().load_server_metadata()
        # Authlib takes the allowed algorithms from the discovery document, which
        # may list "none" (OIDC Core 3.1.3.7 (7)): the portal's own list wins.
        metadata["id_token_signing_alg_values_supported"] = list(ID_TOKEN_ALGORITHMS)
        return metadata


def issuer_of(base_url: str) -> str:
    """FranceConnect v2's issuer, from its base URL (FRANCECONNECT_ISSUER)."""
    return base_url.rstrip("/") + API_PATH


def client() -> FlaskOAuth2App | None:
    """This app's FranceConnect client, or None when no issuer is configured."""
    oauth: OAuth = current_app.extensions[EXTENSION]
    app: FlaskOAuth2App | None = oauth.create_client("franceconnect")
    return app


def init_app(app: Flask) -> None:
    # One registry per app: tests build several portals, each with its own issuer.
    oauth = OAuth(app)
    app.extensions[EXTENSION] = oauth
    issuer = app.config.get("FRANCECONNECT_ISSUER")
    if issuer:
        # client_id and client_secret come from FRANCECONNECT_CLIENT_ID/_SECRET.
        oauth.register(
            "franceconnect",
            server_metadata_url=issuer_of(issuer) + "/.well-known/openid-configuration",
            client_cls=FranceConnectClient,
            authorize_params={"acr_values": ACR_VALUES},
            client_kwargs={
                "scope": SCOPE,
                "token_endpoint_auth_method": "client_secret_basic",
                "default_timeout": HTTP_TIMEOUT_SECONDS,
                "leeway": TOKEN_LEEWAY_SECONDS,
            },
        )
    from . import views  # noqa: F401  (attaches the views to bp)

    app.register_blueprint(bp)
