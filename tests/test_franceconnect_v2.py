"""The FranceConnect mock as FranceConnect v2, point by point, without a browser.

Paths under /api/v2/ (v1's root paths refused), ES256 by default and RS256 on
request, userinfo as a signed JWT, the v2 scopes, the mandatory authorization
parameters and the errors sent back to the callback, GET and POST at authorize,
RFC 6750 answers at userinfo, short token lifetimes, and the registration answer.
"""

from __future__ import annotations

import base64
import secrets
import time
from typing import Any

import pytest
import requests
from authlib.integrations.base_client import InvalidTokenError
from authlib.integrations.requests_client import OAuth2Session
from flask.testing import FlaskClient
from joserfc import jwt
from joserfc.errors import (
    BadSignatureError,
    InvalidKeyIdError,
    SecurityWarning,
    UnsupportedAlgorithmError,
)
from joserfc.jwk import KeySet

from .conftest import StartFranceConnect
from .franceconnect_federation import (
    PORTAL_AUTH,
    PORTAL_CALLBACK,
    PORTAL_CLIENT,
    FranceConnect,
    authorize_url,
    consent_at_franceconnect,
    identity,
    query,
)

SERVICE_CALLBACK = "https://service.exemple.fr/retour"


def _metadata(franceconnect: FranceConnect) -> dict[str, Any]:
    answer = requests.get(franceconnect.api + "/.well-known/openid-configuration", timeout=10)
    assert answer.status_code == 200
    metadata: dict[str, Any] = answer.json()
    return metadata


def _keys(franceconnect: FranceConnect) -> KeySet:
    return KeySet.import_key_set(requests.get(franceconnect.api + "/jwks", timeout=10).json())


def _tokens(
    fc: FlaskClient,
    franceconnect: FranceConnect,
    url: str,
    auth: tuple[str, str] = PORTAL_AUTH,
    redirect_uri: str = PORTAL_CALLBACK,
    who: str = "sophie-durand",
) -> dict[str, Any]:
    back = consent_at_franceconnect(fc, franceconnect, url, identity(who))
    answer = requests.post(
        franceconnect.api + "/token",
        auth=auth,
        data={
            "grant_type": "authorization_code",
            "code": query(back)["code"],
            "redirect_uri": redirect_uri,
        },
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    tokens: dict[str, Any] = answer.json()
    return tokens


def _userinfo(franceconnect: FranceConnect, access_token: str) -> requests.Response:
    return requests.get(
        franceconnect.api + "/userinfo",
        headers={"Authorization": f"Bearer {access_token}"},
        timeout=10,
    )


def _register(franceconnect: FranceConnect, **fields: Any) -> requests.Response:
    registration = {
        "client_id": "service-" + secrets.token_hex(4),
        "client_secret": "secret-du-service",
        "redirect_uris": [SERVICE_CALLBACK],
        "post_logout_redirect_uris": ["https://service.exemple.fr/"],
        **fields,
    }
    return requests.post(franceconnect.issuer + "/__test__/clients", json=registration, timeout=10)


def _service_authorize_url(franceconnect: FranceConnect, client_id: str, **params: str) -> str:
    return authorize_url(
        franceconnect, client_id=client_id, redirect_uri=SERVICE_CALLBACK, **params
    )


# --- paths ----------------------------------------------------------------------------


def test_discovery_names_the_v2_issuer_and_endpoints(franceconnect: FranceConnect) -> None:
    metadata = _metadata(franceconnect)
    assert metadata["issuer"] == franceconnect.issuer + "/api/v2"
    assert metadata["authorization_endpoint"] == franceconnect.issuer + "/api/v2/authorize"
    assert metadata["token_endpoint"] == franceconnect.issuer + "/api/v2/token"
    assert metadata["userinfo_endpoint"] == franceconnect.issuer + "/api/v2/userinfo"
    assert metadata["jwks_uri"] == franceconnect.issuer + "/api/v2/jwks"
    assert metadata["end_session_endpoint"] == franceconnect.issuer + "/api/v2/session/end"
    assert metadata["acr_values_supported"] == ["eidas1"]


@pytest.mark.parametrize(
    "path",
    [
        "/.well-known/openid-configuration",
        "/jwks",
        "/authorize",
        "/token",
        "/userinfo",
        "/session/end",
        "/api/v1/authorize",
        "/api/v1/token",
        "/api/v1/logout",
    ],
)
def test_v1_paths_are_refused_with_a_pointer_to_v2(fc: FlaskClient, path: str) -> None:
    for answer in (fc.get(path), fc.post(path)):
        assert answer.status_code == 404
        assert "/api/v2/.well-known/openid-configuration" in answer.get_data(as_text=True)


def test_a_client_configured_for_v1_paths_fails(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    """Endpoints at the root, as a v1 client has them: nothing gets past the first step."""
    v1 = authorize_url(franceconnect).replace("/api/v2/authorize", "/authorize")
    assert fc.get(franceconnect.path(v1)).status_code == 404
    token = requests.post(
        franceconnect.issuer + "/token",
        auth=PORTAL_AUTH,
        data={"grant_type": "authorization_code", "code": "x", "redirect_uri": PORTAL_CALLBACK},
        timeout=10,
    )
    assert token.status_code == 404


# --- signatures -----------------------------------------------------------------------


def test_id_token_and_userinfo_are_es256_by_default(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    tokens = _tokens(fc, franceconnect, authorize_url(franceconnect))
    id_token = jwt.decode(tokens["id_token"], _keys(franceconnect), algorithms=["ES256"])
    assert id_token.header["alg"] == "ES256"
    userinfo = _userinfo(franceconnect, tokens["access_token"])
    assert userinfo.headers["Content-Type"] == "application/jwt"
    claims = jwt.decode(userinfo.text, _keys(franceconnect), algorithms=["ES256"]).claims
    assert claims["iss"] == franceconnect.api
    assert claims["aud"] == PORTAL_CLIENT["client_id"]
    assert claims["sub"] == id_token.claims["sub"]


def test_a_client_registered_for_rs256_gets_rs256(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    registered = _register(
        franceconnect,
        id_token_signed_response_alg="RS256",
        userinfo_signed_response_alg="RS256",
    ).json()
    client_id = registered["client_id"]
    tokens = _tokens(
        fc,
        franceconnect,
        _service_authorize_url(franceconnect, client_id, scope="openid identite_pivot"),
        auth=(client_id, "secret-du-service"),
        redirect_uri=SERVICE_CALLBACK,
    )
    keys = _keys(franceconnect)
    with pytest.raises(UnsupportedAlgorithmError):  # ES256 only: refused
        jwt.decode(tokens["id_token"], keys, algorithms=["ES256"])
    assert jwt.decode(tokens["id_token"], keys, algorithms=["RS256"]).header["alg"] == "RS256"
    userinfo = _userinfo(franceconnect, tokens["access_token"]).text
    assert jwt.decode(userinfo, keys, algorithms=["RS256"]).claims["aud"] == client_id


# --- registration -------------------------------------------------------------------------


def test_registration_answer_echoes_the_registration_without_the_secret(
    franceconnect: FranceConnect,
) -> None:
    answer = _register(franceconnect, client_id="service-echo", client_name="Service écho")
    assert answer.status_code == 201
    assert answer.json() == {
        "client_id": "service-echo",
        "client_name": "Service écho",
        "redirect_uris": [SERVICE_CALLBACK],
        "post_logout_redirect_uris": ["https://service.exemple.fr/"],
        "id_token_signed_response_alg": "ES256",
        "userinfo_signed_response_alg": "ES256",
    }


@pytest.mark.parametrize("alg", ["HS256", "none", "PS256"])
def test_registration_with_an_algorithm_v2_does_not_offer_is_refused(
    franceconnect: FranceConnect, alg: str
) -> None:
    answer = _register(franceconnect, id_token_signed_response_alg=alg)
    assert answer.status_code == 400
    assert "ES256" in answer.json()["error"]


# --- scopes -----------------------------------------------------------------------------


def test_identite_pivot_releases_the_pivot_identity_without_preferred_username(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    tokens = _tokens(fc, franceconnect, authorize_url(franceconnect, scope="openid identite_pivot"))
    userinfo = _userinfo(franceconnect, tokens["access_token"]).text
    claims = jwt.decode(userinfo, _keys(franceconnect), algorithms=["ES256"]).claims
    assert set(claims) == {
        "iss",
        "aud",
        "sub",
        "given_name",
        "family_name",
        "birthdate",
        "gender",
        "birthplace",
        "birthcountry",
        "birthplace_name",  # the mock's label of the INSEE code
    }
    assert "identite_pivot" in _metadata(franceconnect)["scopes_supported"]


@pytest.mark.parametrize("scope", ["address", "phone"])
def test_scopes_v2_no_longer_offers_are_refused(
    fc: FlaskClient, franceconnect: FranceConnect, scope: str
) -> None:
    assert scope not in _metadata(franceconnect)["scopes_supported"]
    url = authorize_url(franceconnect, scope=f"openid {scope}", state="etat-scope")
    back = query(fc.get(franceconnect.path(url)).headers["Location"])
    assert (back["error"], back["state"]) == ("invalid_scope", "etat-scope")


# --- client authentication at the token endpoint ----------------------------------------


def test_token_request_authenticated_two_ways_is_refused(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    """RFC 6749 2.3: one method per request (Basic and the secret in the body are two);
    5.2 names the error invalid_request. The code is not spent by the refusal."""
    back = consent_at_franceconnect(
        fc, franceconnect, authorize_url(franceconnect), identity("sophie-durand")
    )
    exchange = {
        "grant_type": "authorization_code",
        "code": query(back)["code"],
        "redirect_uri": PORTAL_CALLBACK,
    }
    both = requests.post(
        franceconnect.api + "/token",
        auth=PORTAL_AUTH,
        data={**exchange, "client_id": PORTAL_AUTH[0], "client_secret": PORTAL_AUTH[1]},
        timeout=10,
    )
    assert both.status_code == 400
    assert both.json()["error"] == "invalid_request"
    one = requests.post(franceconnect.api + "/token", auth=PORTAL_AUTH, data=exchange, timeout=10)
    assert one.status_code == 200, one.text


# --- the authorization request ------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"acr_values": None}, "invalid_request"),
        ({"acr_values": "eidas3"}, "invalid_request"),
        ({"nonce": None}, "invalid_request"),
        ({"scope": "identite_pivot"}, "invalid_scope"),
    ],
    ids=["no-acr_values", "unknown-acr", "no-nonce", "no-openid"],
)
def test_a_faulty_request_is_answered_at_the_callback_with_the_error_and_state(
    fc: FlaskClient, franceconnect: FranceConnect, params: dict[str, str | None], error: str
) -> None:
    url = authorize_url(franceconnect, state="etat-erreur", **params)
    answer = fc.get(franceconnect.path(url))
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith(PORTAL_CALLBACK + "?")
    back = query(answer.headers["Location"])
    assert (back["error"], back["state"]) == (error, "etat-erreur")
    assert back["error_description"]
    assert "code" not in back


def test_authorize_without_redirect_uri_is_refused_even_with_one_registered_address(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    """OIDC Core 3.1.2.1: redirect_uri is REQUIRED; the portal's client has one address,
    which must not stand in for it. Unchecked, nowhere to send the error: a page here."""
    assert len(PORTAL_CLIENT["redirect_uris"]) == 1
    answer = fc.get(franceconnect.path(authorize_url(franceconnect, redirect_uri=None)))
    assert answer.status_code == 400
    assert "Location" not in answer.headers
    assert "invalid_request" in answer.get_data(as_text=True)


def test_token_request_without_redirect_uri_is_refused(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    """RFC 6749 4.1.3: the authorization request had one, so the token request needs it."""
    back = consent_at_franceconnect(
        fc, franceconnect, authorize_url(franceconnect), identity("sophie-durand")
    )
    answer = requests.post(
        franceconnect.api + "/token",
        auth=PORTAL_AUTH,
        data={"grant_type": "authorization_code", "code": query(back)["code"]},
        timeout=10,
    )
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"


def test_authorize_accepts_post(fc: FlaskClient, franceconnect: FranceConnect) -> None:
    """OIDC Core 3.1.2.1: GET and POST; the form's parameters are kept like a query's."""
    url = authorize_url(franceconnect, state="etat-post", nonce="nonce-post")
    path, _, params = franceconnect.path(url).partition("?")
    choice = fc.post(path, data=query("?" + params))
    assert choice.status_code == 302
    person = identity("marcel-petit")
    login = fc.post(choice.headers["Location"], data={"provider": person.provider})
    consent = fc.post(
        login.headers["Location"], data={"identifier": person.login, "password": "123"}
    )
    back = query(fc.post(consent.headers["Location"]).headers["Location"])
    assert back["state"] == "etat-post"
    assert back["code"]


# --- userinfo (RFC 6750) ---------------------------------------------------------------------


def test_userinfo_without_a_token_sends_a_bare_bearer_challenge(
    franceconnect: FranceConnect,
) -> None:
    answer = requests.get(franceconnect.api + "/userinfo", timeout=10)
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"  # RFC 6750 3.1: no error code
    assert answer.text == ""


@pytest.mark.parametrize(
    "authorization",
    ["Basic " + base64.b64encode(b"moncompteformation:secret").decode(), "Bearer", "Bearer  "],
    ids=["basic", "bearer-without-token", "bearer-blank"],
)
def test_userinfo_without_a_bearer_token_sends_a_bare_challenge(
    franceconnect: FranceConnect, authorization: str
) -> None:
    """RFC 6750 3.1: an unsupported method carries no error code (and unsupported_token_type
    is token revocation's code, RFC 7009, not a bearer one)."""
    answer = requests.get(
        franceconnect.api + "/userinfo", headers={"Authorization": authorization}, timeout=10
    )
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_userinfo_with_an_unknown_token_answers_invalid_token(
    franceconnect: FranceConnect,
) -> None:
    answer = _userinfo(franceconnect, "jeton-inconnu")
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"].startswith('Bearer error="invalid_token"')
    assert answer.json()["error"] == "invalid_token"


# --- lifetimes ----------------------------------------------------------------------------------


def test_tokens_live_a_minute_by_default(fc: FlaskClient, franceconnect: FranceConnect) -> None:
    tokens = _tokens(fc, franceconnect, authorize_url(franceconnect))
    assert tokens["expires_in"] == 60
    claims = jwt.decode(tokens["id_token"], _keys(franceconnect), algorithms=["ES256"]).claims
    assert claims["exp"] - claims["iat"] == 60


def test_an_expired_access_token_is_refused_at_userinfo(
    start_franceconnect: StartFranceConnect,
) -> None:
    short_lived = start_franceconnect({"ACCESS_TOKEN_TTL_SECONDS": 0, "ID_TOKEN_TTL_SECONDS": 5})
    fc = short_lived.app.test_client()
    tokens = _tokens(fc, short_lived, authorize_url(short_lived))
    claims = jwt.decode(tokens["id_token"], _keys(short_lived), algorithms=["ES256"]).claims
    assert claims["exp"] - claims["iat"] == 5
    answer = _userinfo(short_lived, tokens["access_token"])
    assert answer.status_code == 401
    assert 'error="invalid_token"' in answer.headers["WWW-Authenticate"]


def test_authlib_client_needs_a_leeway_under_the_access_token_lifetime(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    """What a relying party meets with 60-second tokens: Authlib's default leeway (60 s)
    takes a fresh token for expired and will not send it; a shorter one works."""
    tokens = _tokens(fc, franceconnect, authorize_url(franceconnect))
    tokens["expires_at"] = tokens.pop("expires_in") + int(time.time())
    with OAuth2Session(token=tokens) as default_leeway, pytest.raises(InvalidTokenError):
        default_leeway.get(franceconnect.api + "/userinfo")
    with OAuth2Session(token=tokens, leeway=5) as short_leeway:
        assert short_leeway.get(franceconnect.api + "/userinfo").status_code == 200


# --- userinfo signing faults (for relying parties' own checks) ------------------------------


def _break(fc: FlaskClient, fault: str, payload: dict[str, Any]) -> None:
    assert fc.put(f"/__test__/faults/{fault}", json=payload).status_code == 200


def test_userinfo_signed_with_a_foreign_key_fails_the_jwks_check(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    _break(fc, "userinfo_signing", {"foreign_key": True})
    tokens = _tokens(fc, franceconnect, authorize_url(franceconnect))
    jwt.decode(tokens["id_token"], _keys(franceconnect), algorithms=["ES256"])  # untouched
    userinfo = _userinfo(franceconnect, tokens["access_token"]).text
    with pytest.raises(BadSignatureError):
        jwt.decode(userinfo, _keys(franceconnect), algorithms=["ES256"])


def test_userinfo_under_an_unknown_kid_names_no_published_key(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    _break(fc, "userinfo_signing", {"kid": "cle-inconnue"})
    tokens = _tokens(fc, franceconnect, authorize_url(franceconnect))
    with pytest.raises(InvalidKeyIdError):
        jwt.decode(
            _userinfo(franceconnect, tokens["access_token"]).text,
            _keys(franceconnect),
            algorithms=["ES256"],
        )


def test_unsigned_userinfo_is_announced_in_discovery(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    _break(fc, "userinfo_signing", {"alg": "none"})
    metadata = _metadata(franceconnect)
    assert metadata["userinfo_signing_alg_values_supported"] == ["ES256", "RS256", "none"]
    assert metadata["id_token_signing_alg_values_supported"] == ["ES256", "RS256"]
    tokens = _tokens(fc, franceconnect, authorize_url(franceconnect))
    userinfo = _userinfo(franceconnect, tokens["access_token"]).text
    assert userinfo.endswith(".")  # an empty signature
    with pytest.warns(SecurityWarning):  # joserfc's, when told to accept "none"
        claims = jwt.decode(userinfo, None, algorithms=["none"]).claims  # type: ignore[arg-type]
    assert claims["aud"] == PORTAL_CLIENT["client_id"]
