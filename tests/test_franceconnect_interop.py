"""A second, independent OpenID Connect library as the relying party: pyoidc (``oic``).

The mock is built on Authlib and the portal's client too; a mock that only Authlib
understands would prove little. pyoidc reads the v2 discovery document (and checks
its issuer), loads the JWKS, verifies the ID token (signature, iss, aud, nonce,
exp) and the signed userinfo JWT with its own JOSE code (pyjwkest), for a client
registered with ES256 (v2's default) and one registered with RS256.
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from flask.testing import FlaskClient
from jwkest import BadSignature
from oic.exception import CommunicationError
from oic.oic import Client
from oic.oic.message import AuthorizationResponse, OpenIDSchema, RegistrationResponse
from oic.utils.authn.client import CLIENT_AUTHN_METHOD

from .franceconnect_federation import FranceConnect, consent_at_franceconnect, identity

REDIRECT_URI = "https://service.exemple.fr/oidc/retour"


def _register(franceconnect: FranceConnect, alg: str | None) -> dict[str, Any]:
    registration: dict[str, Any] = {
        "client_id": "pyoidc-" + secrets.token_hex(4),
        "client_secret": secrets.token_urlsafe(24),
        "redirect_uris": [REDIRECT_URI],
        "post_logout_redirect_uris": ["https://service.exemple.fr/"],
    }
    if alg is not None:
        registration["id_token_signed_response_alg"] = alg
        registration["userinfo_signed_response_alg"] = alg
    answer = requests.post(
        franceconnect.issuer + "/__test__/clients", json=registration, timeout=10
    )
    assert answer.status_code == 201, answer.text
    return registration


def _pyoidc_client(franceconnect: FranceConnect, registration: dict[str, Any]) -> Client:
    client = Client(client_authn_method=CLIENT_AUTHN_METHOD)
    client.provider_config(franceconnect.api)  # discovery; pyoidc checks the issuer
    client.store_registration_info(RegistrationResponse(**registration))
    client.redirect_uris = [REDIRECT_URI]
    return client


def _log_in(
    client: Client, fc: FlaskClient, franceconnect: FranceConnect, person: str
) -> tuple[str, Any]:
    """pyoidc's authorization request, the user's consent, pyoidc's token request:
    (state, access token response with its verified ID token)."""
    state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    client.state2nonce[state] = nonce  # pyoidc compares the ID token's nonce with it
    request = client.construct_AuthorizationRequest(
        request_args={
            "client_id": client.client_id,
            "response_type": "code",
            "scope": ["openid", "identite_pivot", "email"],
            "redirect_uri": REDIRECT_URI,
            "state": state,
            "nonce": nonce,
            "acr_values": "eidas1",
        }
    )
    url = request.request(client.authorization_endpoint)
    back = consent_at_franceconnect(fc, franceconnect, url, identity(person))
    answer = client.parse_response(
        AuthorizationResponse, info=urlsplit(back).query, sformat="urlencoded"
    )
    assert answer["state"] == state
    token = client.do_access_token_request(
        state=state,
        request_args={"code": answer["code"], "redirect_uri": REDIRECT_URI},
        authn_method="client_secret_basic",
    )
    return state, token


@pytest.mark.parametrize("alg", [None, "ES256", "RS256"], ids=["default", "es256", "rs256"])
def test_pyoidc_logs_in_and_verifies_id_token_and_signed_userinfo(
    fc: FlaskClient, franceconnect: FranceConnect, alg: str | None
) -> None:
    registration = _register(franceconnect, alg)
    client = _pyoidc_client(franceconnect, registration)
    state, token = _log_in(client, fc, franceconnect, "lucas-moreau")

    id_token = token["id_token"]  # verified by pyoidc against the JWKS
    assert id_token.jws_header["alg"] == (alg or "ES256")
    assert id_token["iss"] == franceconnect.api
    assert id_token["aud"] == [registration["client_id"]]
    assert id_token["nonce"] == client.state2nonce[state]

    userinfo = client.do_user_info_request(state=state, method="GET")
    assert isinstance(userinfo, OpenIDSchema)
    assert userinfo.jws_header is not None
    assert userinfo.jws_header["alg"] == (alg or "ES256")  # a JWT, verified by pyjwkest
    assert userinfo["iss"] == franceconnect.api
    assert userinfo["aud"] == registration["client_id"]
    assert userinfo["sub"] == id_token["sub"]
    assert (userinfo["given_name"], userinfo["family_name"]) == ("Lucas", "Moreau")
    assert userinfo["birthcountry"] == "99131"
    assert "preferred_username" not in userinfo  # not in v2's identite_pivot


def test_pyoidc_refuses_an_id_token_signed_with_a_foreign_key(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    """pyoidc really checks the signature: the foreign-key fault fails it."""
    client = _pyoidc_client(franceconnect, _register(franceconnect, "RS256"))
    assert fc.put("/__test__/faults/signing", json={"foreign_key": True}).status_code == 200
    with pytest.raises(BadSignature):
        _log_in(client, fc, franceconnect, "sophie-durand")


def test_pyoidc_discovery_at_a_v1_path_fails(franceconnect: FranceConnect) -> None:
    """A client still set up for v1 (discovery at the root) cannot start."""
    client = Client(client_authn_method=CLIENT_AUTHN_METHOD)
    with pytest.raises(CommunicationError, match="status 404"):
        client.provider_config(franceconnect.issuer)
