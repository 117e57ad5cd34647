"""Fixtures and helpers for the FranceConnect tests (no tests in this module).

The federation is served for real by werkzeug on a free loopback port, in a
thread: the portal's Authlib client and any standard OIDC client reach its
discovery document, token and userinfo endpoints over HTTP, as in production.
The *browser* side (the user's redirects and forms) goes through Flask test
clients, one per app, each with its own cookies.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from flask import Flask
from flask.testing import FlaskClient
from franceconnect_mock import create_app as create_franceconnect_app
from franceconnect_mock.identities import Identity, load_identities
from mock_site import accounts, create_app
from werkzeug.serving import make_server
from werkzeug.test import TestResponse

from harness.franceconnect_faults import BrokenAnswer

from .portal_client import ACCOUNT_URL, LOGIN_URL

# The Flask test client's own origin: what url_for(_external=True) gives the portal.
PORTAL_ORIGIN = "http://localhost"
PORTAL_CALLBACK = PORTAL_ORIGIN + "/franceconnect/retour"
PORTAL_LOGOUT_CALLBACK = PORTAL_ORIGIN + "/franceconnect/deconnexion/retour"
PORTAL_CLIENT: dict[str, Any] = {
    "client_id": "moncompteformation",
    "client_secret": "secret-du-portail-cpf",
    "redirect_uris": [PORTAL_CALLBACK],
    "post_logout_redirect_uris": [PORTAL_LOGOUT_CALLBACK],
}
# HTTP basic credentials of the portal's client at the token endpoint.
PORTAL_AUTH = (PORTAL_CLIENT["client_id"], PORTAL_CLIENT["client_secret"])

IDENTITIES = {identity.id: identity for identity in load_identities()}


def identity(identity_id: str) -> Identity:
    return IDENTITIES[identity_id]


class _LateApp:
    app: Flask

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        return self.app(environ, start_response)


API = "/api/v2"  # FranceConnect v2's discovery document and endpoints


@dataclass
class FranceConnect:
    app: Flask
    issuer: str  # the server's base URL (the portal's FRANCECONNECT_ISSUER)

    @property
    def api(self) -> str:
        """The OpenID issuer, under which v2 serves discovery, JWKS and endpoints."""
        return self.issuer + API

    def path(self, url: str) -> str:
        """An absolute FranceConnect URL as the test client's path and query."""
        parts = urlsplit(url)
        assert url.startswith(self.issuer), f"not a FranceConnect URL: {url}"
        return parts.path + (f"?{parts.query}" if parts.query else "")


@contextmanager
def serve_franceconnect(config: dict[str, Any] | None = None) -> Iterator[FranceConnect]:
    """FranceConnect served on a free loopback port until the block ends; the fixtures
    ``franceconnect`` and ``start_franceconnect`` (tests/conftest.py) are how tests get it."""
    late = _LateApp()
    server = make_server("127.0.0.1", 0, late, threaded=True)
    issuer = f"http://127.0.0.1:{server.server_port}"
    late.app = create_franceconnect_app(
        {
            "TESTING": True,
            "TEST_MODE": True,
            "ISSUER": issuer,
            "PORTAL_CLIENT": PORTAL_CLIENT,
            "WTF_CSRF_ENABLED": False,
            **(config or {}),
        }
    )
    # A short poll interval: shutdown() waits for the loop to notice it.
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield FranceConnect(late.app, issuer)
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


def build_portal(database: Path, franceconnect: FranceConnect) -> Flask:
    return create_app(
        {
            "TESTING": True,
            "DATABASE": str(database),
            "TEST_MODE": True,
            "WTF_CSRF_ENABLED": False,
            "SECRET_KEY": "tests",
            "FRANCECONNECT_ISSUER": franceconnect.issuer,
        }
    )


def authorize_url(franceconnect: FranceConnect, **params: str | None) -> str:
    """An authorization request from the portal's client; None drops a parameter."""
    values: dict[str, str | None] = {
        "response_type": "code",
        "client_id": PORTAL_CLIENT["client_id"],
        "redirect_uri": PORTAL_CALLBACK,
        "scope": "openid identite_pivot email cpf",
        "state": "etat-" + secrets.token_hex(4),
        "nonce": "nonce-" + secrets.token_hex(4),
        "acr_values": "eidas1",
    }
    values.update(params)
    kept = {key: value for key, value in values.items() if value is not None}
    return f"{franceconnect.api}/authorize?{urlencode(kept)}"


def consent_at_franceconnect(
    fc: FlaskClient, franceconnect: FranceConnect, url: str, who: Identity
) -> str:
    """Choose the provider, sign in, consent: the URL FranceConnect sends back to."""
    choice = fc.get(franceconnect.path(url))
    assert choice.status_code == 302, choice.get_data(as_text=True)
    login = fc.post(choice.headers["Location"], data={"provider": who.provider})
    assert login.status_code == 302, login.get_data(as_text=True)
    consent = fc.post(
        login.headers["Location"], data={"identifier": who.login, "password": who.password}
    )
    assert consent.status_code == 302, consent.get_data(as_text=True)
    back = fc.post(consent.headers["Location"])
    assert back.status_code == 302, back.get_data(as_text=True)
    return str(back.headers["Location"])


def query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class UserAgent:
    """One user's browser, simulated: cookies for the portal and for FranceConnect."""

    def __init__(self, portal: Flask, franceconnect: FranceConnect) -> None:
        self.portal = portal.test_client()
        self.fc: FlaskClient = franceconnect.app.test_client()
        self.franceconnect = franceconnect

    # --- portal ---------------------------------------------------------------

    def start(self) -> str:
        """Press "S'identifier avec FranceConnect": the authorize URL it sends us to."""
        response = self.portal.post("/franceconnect/connexion")
        assert response.status_code == 302, response.get_data(as_text=True)
        location = response.headers["Location"]
        assert location.startswith(self.franceconnect.api + "/authorize?")
        return location

    def back_to_portal(self, url: str) -> TestResponse:
        assert url.startswith(PORTAL_ORIGIN + "/"), url
        return self.portal.get(local(url))

    # --- FranceConnect --------------------------------------------------------

    def consent_at_franceconnect(self, authorize_url: str, who: Identity) -> str:
        return consent_at_franceconnect(self.fc, self.franceconnect, authorize_url, who)

    def sign_in(self, who: Identity) -> TestResponse:
        """The whole round trip: portal, FranceConnect, portal's callback."""
        return self.back_to_portal(self.consent_at_franceconnect(self.start(), who))


# --- FranceConnect broken on purpose, and what the portal makes of it -------------------


def break_franceconnect(user_agent: UserAgent, fault: str, payload: dict[str, Any]) -> TestResponse:
    return user_agent.portal.put(f"/__test__/franceconnect/faults/{fault}", json=payload)


def back_at_callback(user_agent: UserAgent, case: BrokenAnswer, who: Identity) -> TestResponse:
    """From the portal's FranceConnect button to its callback's answer."""
    authorize = user_agent.start()
    if case.at_authorize:
        back = user_agent.fc.get(user_agent.franceconnect.path(authorize)).headers["Location"]
        assert back.startswith(PORTAL_CALLBACK + "?"), back
    else:
        back = user_agent.consent_at_franceconnect(authorize, who)
    return user_agent.back_to_portal(back)


def flashes(user_agent: UserAgent) -> list[str]:
    with user_agent.portal.session_transaction() as session:
        return [message for _category, message in session.get("_flashes", [])]


def signed_in_nobody(user_agent: UserAgent, portal: Flask, who: Identity) -> None:
    with portal.app_context():
        assert accounts.by_nir(who.nir) is None
        assert accounts.by_franceconnect_sub(who.sub_for(PORTAL_CLIENT["client_id"])) is None
    with user_agent.portal.session_transaction() as session:
        assert "account_id" not in session
        assert "franceconnect_pending" not in session  # no first sign-in to complete
    assert user_agent.portal.get(ACCOUNT_URL).headers["Location"].startswith(LOGIN_URL)
