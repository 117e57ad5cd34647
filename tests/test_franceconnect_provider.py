"""The FranceConnect mock as an OpenID provider, seen by clients and by the user."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
import requests
from authlib.integrations.requests_client import OAuth2Session
from flask import Flask
from flask.testing import FlaskClient
from franceconnect_mock import create_app as create_franceconnect_app
from franceconnect_mock.identities import load_providers
from franceconnect_mock.server import LOGIN_KEY
from joserfc import jwt
from joserfc.errors import BadSignatureError, InvalidKeyIdError, SecurityWarning
from joserfc.jwk import KeySet

from cpf import franceconnect as fc_wording
from cpf import rules
from cpf.franceconnect import INVALID_REQUEST, WRONG_CREDENTIALS

from .conftest import StartFranceConnect
from .franceconnect_federation import (
    IDENTITIES,
    PORTAL_AUTH,
    PORTAL_CALLBACK,
    PORTAL_CLIENT,
    PORTAL_LOGOUT_CALLBACK,
    FranceConnect,
    authorize_url,
    consent_at_franceconnect,
    identity,
    query,
)


def _code(
    fc: FlaskClient, franceconnect: FranceConnect, who: str = "sophie-durand", **params: str
) -> str:
    back = consent_at_franceconnect(
        fc, franceconnect, authorize_url(franceconnect, **params), identity(who)
    )
    return query(back)["code"]


def _exchange(
    franceconnect: FranceConnect, code: str, redirect_uri: str = PORTAL_CALLBACK
) -> requests.Response:
    return requests.post(
        franceconnect.api + "/token",
        auth=PORTAL_AUTH,
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri},
        timeout=10,
    )


# --- discovery and keys -------------------------------------------------------


def test_discovery_document_lists_every_endpoint(franceconnect: FranceConnect) -> None:
    metadata = requests.get(
        franceconnect.api + "/.well-known/openid-configuration", timeout=10
    ).json()
    assert metadata["issuer"] == franceconnect.api
    for endpoint in ("authorize", "token", "userinfo", "jwks", "session/end"):
        assert franceconnect.api + "/" + endpoint in metadata.values()
    assert metadata["id_token_signing_alg_values_supported"] == ["ES256", "RS256"]
    assert metadata["userinfo_signing_alg_values_supported"] == ["ES256", "RS256"]
    assert set(metadata["token_endpoint_auth_methods_supported"]) == {
        "client_secret_basic",
        "client_secret_post",
    }


def test_jwks_publishes_the_public_signing_key_only(franceconnect: FranceConnect) -> None:
    keys = requests.get(franceconnect.api + "/jwks", timeout=10).json()["keys"]
    assert {(key["kty"], key["alg"]) for key in keys} == {("EC", "ES256"), ("RSA", "RS256")}
    assert all(key["kid"] and key["use"] == "sig" for key in keys)
    assert not any("d" in key for key in keys)


# --- authorization requests ---------------------------------------------------


def test_authorize_without_state_is_refused(fc: FlaskClient, franceconnect: FranceConnect) -> None:
    response = fc.get(franceconnect.path(authorize_url(franceconnect, state=None)))
    assert response.status_code == 302
    assert query(response.headers["Location"])["error"] == "invalid_request"
    assert "code" not in query(response.headers["Location"])


def test_authorize_without_nonce_is_refused(fc: FlaskClient, franceconnect: FranceConnect) -> None:
    response = fc.get(franceconnect.path(authorize_url(franceconnect, nonce=None, state="s1")))
    assert response.status_code == 302
    assert query(response.headers["Location"]) == {
        "error": "invalid_request",
        "error_description": "Missing 'nonce' in request.",
        "state": "s1",
    }


def test_authorize_without_openid_scope_is_refused(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    response = fc.get(franceconnect.path(authorize_url(franceconnect, scope="profile")))
    assert query(response.headers["Location"])["error"] == "invalid_scope"


def test_authorize_with_an_unregistered_redirect_uri_stays_at_franceconnect(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    response = fc.get(
        franceconnect.path(authorize_url(franceconnect, redirect_uri=PORTAL_CALLBACK + "/autre"))
    )
    assert response.status_code == 400
    assert "Location" not in response.headers  # not even an error sent to that URI
    page = " ".join(response.get_data(as_text=True).split())
    assert INVALID_REQUEST.title in page
    assert INVALID_REQUEST.message in page


def test_authorize_for_an_unknown_client_stays_at_franceconnect(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    response = fc.get(franceconnect.path(authorize_url(franceconnect, client_id="inconnu")))
    assert response.status_code == 400


# --- the user's pages -----------------------------------------------------------


def test_provider_choice_lists_the_five_identity_providers(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    response = fc.get(fc.get(franceconnect.path(authorize_url(franceconnect))).headers["Location"])
    page = response.get_data(as_text=True)
    assert f"<h1>{fc_wording.PROVIDER_CHOICE_HEADING}</h1>" in page
    for name in (
        "impots.gouv.fr",
        "ameli.fr",
        "L&#39;Identité Numérique La Poste",
        "MSA",
        "Mobile Connect et moi",
    ):
        assert f">{name}</button>" in page
    assert ">FranceConnect</span>" in page
    assert fc_wording.BACK_TO_SERVICE.format(service=fc_wording.SERVICE_NAME) in page


def _login_page(fc: FlaskClient, franceconnect: FranceConnect, provider: str) -> str:
    choice = fc.get(franceconnect.path(authorize_url(franceconnect))).headers["Location"]
    return str(fc.post(choice, data={"provider": provider}).headers["Location"])


def test_wrong_password_is_refused_and_the_identifier_kept(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    login = _login_page(fc, franceconnect, "ameli")
    response = fc.post(login, data={"identifier": "288093306315472", "password": "faux"})
    page = response.get_data(as_text=True)
    assert response.status_code == 401
    assert WRONG_CREDENTIALS in page
    assert 'value="288093306315472"' in page
    assert 'aria-invalid="true"' in page


def test_unknown_identifier_gets_the_same_message_as_a_wrong_password(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    login = _login_page(fc, franceconnect, "impots")
    response = fc.post(login, data={"identifier": "3000000000000", "password": "123"})
    assert response.status_code == 401
    assert WRONG_CREDENTIALS in response.get_data(as_text=True)


def test_identity_of_another_provider_is_refused(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    login = _login_page(fc, franceconnect, "impots")
    response = fc.post(login, data={"identifier": "288093306315472", "password": "123"})
    assert response.status_code == 401


def test_empty_login_form_asks_for_each_field(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    page = fc.post(_login_page(fc, franceconnect, "msa"), data={}).get_data(as_text=True)
    assert fc_wording.IDENTIFIER_REQUIRED in page
    assert fc_wording.PASSWORD_REQUIRED in page


def _consent_page(fc: FlaskClient, franceconnect: FranceConnect, who: str) -> str:
    person = identity(who)
    login = _login_page(fc, franceconnect, person.provider)
    consent = fc.post(login, data={"identifier": person.login, "password": person.password})
    return fc.get(consent.headers["Location"]).get_data(as_text=True)


def test_consent_lists_the_data_passed_on(fc: FlaskClient, franceconnect: FranceConnect) -> None:
    page = _consent_page(fc, franceconnect, "helene-lefevre-noel")
    for label, value in (
        ("Nom de naissance", "Lefèvre-Noël"),
        ("Prénom(s)", "Hélène"),
        ("Date de naissance", "21/03/1979"),
        ("Sexe", "Femme"),
        ("Lieu de naissance", "Lyon"),
        ("Adresse électronique", "helene.lefevre-noel@exemple.fr"),
    ):
        assert f"<dt>{label}</dt>\n          <dd>{value}</dd>" in page
    assert fc_wording.CONTINUE_TO_SERVICE.format(service=fc_wording.SERVICE_NAME) in page


def test_consent_without_email_at_the_provider_lists_no_email(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    page = _consent_page(fc, franceconnect, "marcel-petit")
    assert "<dt>Nom de naissance</dt>" in page
    assert "Adresse électronique" not in page


def test_cancel_returns_to_the_client_with_access_denied_and_the_state(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    choice = fc.get(franceconnect.path(authorize_url(franceconnect, state="etat-annule"))).headers[
        "Location"
    ]
    response = fc.post(choice.replace("/choix", "/annuler"))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(PORTAL_CALLBACK + "?")
    back = query(response.headers["Location"])
    assert (back["error"], back["state"]) == ("access_denied", "etat-annule")
    assert "code" not in back


def test_unavailable_provider_returns_temporarily_unavailable(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    requests.put(
        franceconnect.issuer + "/__test__/providers/msa", json={"available": False}, timeout=10
    )
    choice = fc.get(franceconnect.path(authorize_url(franceconnect, state="etat-msa"))).headers[
        "Location"
    ]
    assert fc_wording.PROVIDER_UNAVAILABLE in fc.get(choice).get_data(as_text=True)
    response = fc.post(choice, data={"provider": "msa"})
    back = query(response.headers["Location"])
    assert back["error"] == "temporarily_unavailable"
    assert back["state"] == "etat-msa"


def test_provider_made_available_again_works(fc: FlaskClient, franceconnect: FranceConnect) -> None:
    requests.put(
        franceconnect.issuer + "/__test__/providers/msa", json={"available": False}, timeout=10
    )
    requests.delete(franceconnect.issuer + "/__test__/faults", timeout=10)
    assert _code(fc, franceconnect, "marcel-petit")


# --- codes and tokens -------------------------------------------------------------


def test_code_gives_a_signed_id_token_with_the_nonce(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    token = _exchange(franceconnect, _code(fc, franceconnect, nonce="mon-nonce")).json()
    keys = KeySet.import_key_set(requests.get(franceconnect.api + "/jwks", timeout=10).json())
    decoded = jwt.decode(token["id_token"], keys, algorithms=["ES256"])
    claims = decoded.claims
    assert decoded.header["alg"] == "ES256"  # v2's default
    assert claims["nonce"] == "mon-nonce"
    assert claims["iss"] == franceconnect.api
    assert claims["aud"] == PORTAL_CLIENT["client_id"]
    assert claims["sub"] == identity("sophie-durand").sub_for(PORTAL_CLIENT["client_id"])


def test_code_is_single_use_and_a_replay_revokes_its_token(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    code = _code(fc, franceconnect)
    first = _exchange(franceconnect, code)
    assert first.status_code == 200
    replay = _exchange(franceconnect, code)
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"
    userinfo = requests.get(
        franceconnect.api + "/userinfo",
        headers={"Authorization": f"Bearer {first.json()['access_token']}"},
        timeout=10,
    )
    assert userinfo.status_code == 401


def test_code_with_another_redirect_uri_is_refused(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    response = _exchange(
        franceconnect, _code(fc, franceconnect), redirect_uri=PORTAL_CALLBACK + "?x=1"
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_expired_code_is_refused(fc: FlaskClient, franceconnect: FranceConnect) -> None:
    code = _code(fc, franceconnect)
    assert requests.post(f"{franceconnect.issuer}/__test__/codes/{code}/expire", timeout=10).ok
    assert _exchange(franceconnect, code).json()["error"] == "invalid_grant"


def test_code_older_than_its_lifetime_is_refused(
    start_franceconnect: StartFranceConnect,
) -> None:
    short_lived = start_franceconnect({"CODE_TTL_SECONDS": 0})
    fc = short_lived.app.test_client()
    assert _exchange(short_lived, _code(fc, short_lived)).json()["error"] == "invalid_grant"


def test_wrong_client_secret_is_refused(fc: FlaskClient, franceconnect: FranceConnect) -> None:
    response = requests.post(
        franceconnect.api + "/token",
        auth=(PORTAL_CLIENT["client_id"], "mauvais-secret"),
        data={
            "grant_type": "authorization_code",
            "code": _code(fc, franceconnect),
            "redirect_uri": PORTAL_CALLBACK,
        },
        timeout=10,
    )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_client_secret_post_is_accepted(fc: FlaskClient, franceconnect: FranceConnect) -> None:
    response = requests.post(
        franceconnect.api + "/token",
        data={
            "grant_type": "authorization_code",
            "code": _code(fc, franceconnect),
            "redirect_uri": PORTAL_CALLBACK,
            "client_id": PORTAL_CLIENT["client_id"],
            "client_secret": PORTAL_CLIENT["client_secret"],
        },
        timeout=10,
    )
    assert response.status_code == 200
    assert "id_token" in response.json()


def test_userinfo_releases_only_the_scopes_asked(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    token = _exchange(franceconnect, _code(fc, franceconnect, scope="openid given_name")).json()
    userinfo = _userinfo(franceconnect, token["access_token"])
    assert set(userinfo) == {"iss", "aud", "sub", "given_name"}


def test_nir_is_released_with_the_cpf_scope(fc: FlaskClient, franceconnect: FranceConnect) -> None:
    token = _exchange(franceconnect, _code(fc, franceconnect, "paul-marie-santoni")).json()
    userinfo = _userinfo(franceconnect, token["access_token"])
    assert userinfo["nir"] == "184072A00401254"
    assert userinfo["birthplace"] == "2A004"


# --- a client that is not the portal --------------------------------------------------


def test_standard_oidc_client_logs_in_from_the_discovery_document(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    redirect_uri = "https://service.exemple.fr/oidc/callback"
    client_id = "service-" + secrets.token_hex(4)
    registered = requests.post(
        franceconnect.issuer + "/__test__/clients",
        json={"client_id": client_id, "client_secret": "s3cret", "redirect_uris": [redirect_uri]},
        timeout=10,
    )
    assert registered.status_code == 201
    metadata = requests.get(
        franceconnect.api + "/.well-known/openid-configuration", timeout=10
    ).json()
    nonce = secrets.token_urlsafe(12)
    with OAuth2Session(
        client_id,
        "s3cret",
        scope="openid profile birth email",
        redirect_uri=redirect_uri,
        token_endpoint_auth_method="client_secret_post",
        leeway=5,  # access tokens live 60 s: Authlib's default 60 s would call them expired
    ) as oidc_client:
        url, state = oidc_client.create_authorization_url(
            metadata["authorization_endpoint"], nonce=nonce, acr_values="eidas1"
        )
        back = consent_at_franceconnect(fc, franceconnect, url, identity("lucas-moreau"))
        token = oidc_client.fetch_token(
            metadata["token_endpoint"], authorization_response=back, state=state
        )
        keys = KeySet.import_key_set(requests.get(metadata["jwks_uri"], timeout=10).json())
        id_token = jwt.decode(
            token["id_token"], keys, algorithms=metadata["id_token_signing_alg_values_supported"]
        )
        answer = oidc_client.get(metadata["userinfo_endpoint"])
        assert answer.headers["Content-Type"] == "application/jwt"
        userinfo = jwt.decode(answer.text, keys, algorithms=["ES256"]).claims
    assert id_token.claims["nonce"] == nonce
    assert id_token.claims["aud"] == client_id
    assert userinfo["sub"] == id_token.claims["sub"]
    assert userinfo["family_name"] == "Moreau"
    assert userinfo["birthcountry"] == "99131"
    assert "nir" not in userinfo  # not asked for


def test_each_client_gets_its_own_sub() -> None:
    person = identity("nadia-benali")
    assert person.sub_for("client-a") != person.sub_for("client-b")


# --- end session ------------------------------------------------------------------------


def test_end_session_goes_back_to_a_registered_uri_with_the_state(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    id_token = _exchange(franceconnect, _code(fc, franceconnect)).json()["id_token"]
    with fc.session_transaction() as session:  # a provider sign-in under way
        session[LOGIN_KEY] = {"tx": "en-cours", "identity_id": "sophie-durand"}
    response = fc.get(
        "/api/v2/session/end",
        query_string={
            "id_token_hint": id_token,
            "post_logout_redirect_uri": PORTAL_LOGOUT_CALLBACK,
            "state": "fin",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == PORTAL_LOGOUT_CALLBACK + "?state=fin"
    with fc.session_transaction() as session:
        assert LOGIN_KEY not in session


def test_end_session_never_goes_to_an_unregistered_uri(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    id_token = _exchange(franceconnect, _code(fc, franceconnect)).json()["id_token"]
    response = fc.get(
        "/api/v2/session/end",
        query_string={
            "id_token_hint": id_token,
            "post_logout_redirect_uri": "https://ailleurs.exemple/",
        },
    )
    assert response.status_code == 200
    assert fc_wording.LOGGED_OUT_HEADING in response.get_data(as_text=True)


# --- test-mode faults: each answer wrong in one way only ---------------------------------


def _break(fc: FlaskClient, fault: str, payload: dict[str, Any]) -> None:
    assert fc.put(f"/__test__/faults/{fault}", json=payload).status_code == 200


def _published_keys(franceconnect: FranceConnect) -> KeySet:
    return KeySet.import_key_set(requests.get(franceconnect.api + "/jwks", timeout=10).json())


def _userinfo(franceconnect: FranceConnect, access_token: str) -> dict[str, Any]:
    answer = requests.get(
        franceconnect.api + "/userinfo",
        headers={"Authorization": f"Bearer {access_token}"},
        timeout=10,
    )
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "application/jwt"
    claims: dict[str, Any] = jwt.decode(
        answer.text, _published_keys(franceconnect), algorithms=["ES256"]
    ).claims
    return claims


def test_id_token_fault_changes_only_the_claims_it_names(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    _break(
        fc,
        "id_token",
        {
            "claims": {"iss": "https://ailleurs.exemple"},
            "without": ["nonce"],
            "seconds_from_now": {"exp": -600},
        },
    )
    token = _exchange(franceconnect, _code(fc, franceconnect)).json()
    claims = jwt.decode(token["id_token"], _published_keys(franceconnect), ["ES256"]).claims
    assert claims["iss"] == "https://ailleurs.exemple"
    assert "nonce" not in claims
    assert claims["exp"] < claims["iat"]  # iat untouched: now
    assert claims["aud"] == PORTAL_CLIENT["client_id"]
    assert claims["sub"] == identity("sophie-durand").sub_for(PORTAL_CLIENT["client_id"])


def test_id_token_signed_with_a_foreign_key_fails_the_jwks_check(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    """The fault the portal's checks are proven with is real: no published key verifies it."""
    _break(fc, "signing", {"foreign_key": True})
    token = _exchange(franceconnect, _code(fc, franceconnect))
    assert token.status_code == 200
    with pytest.raises(BadSignatureError):
        jwt.decode(token.json()["id_token"], _published_keys(franceconnect), algorithms=["ES256"])


def test_unsigned_id_tokens_are_announced_in_discovery(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    _break(fc, "signing", {"alg": "none"})
    metadata = requests.get(
        franceconnect.api + "/.well-known/openid-configuration", timeout=10
    ).json()
    assert metadata["id_token_signing_alg_values_supported"] == ["ES256", "RS256", "none"]
    token = _exchange(franceconnect, _code(fc, franceconnect, nonce="mon-nonce")).json()
    assert token["id_token"].endswith(".")  # an empty signature
    with pytest.warns(SecurityWarning):  # joserfc's, when told to accept "none"
        unsigned = jwt.decode(token["id_token"], None, algorithms=["none"])  # type: ignore[arg-type]
    assert unsigned.header["alg"] == "none"
    assert unsigned.claims["nonce"] == "mon-nonce"
    assert "at_hash" not in unsigned.claims  # no hash without an algorithm


def test_unknown_kid_names_no_published_key_but_the_published_key_signed(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    _break(fc, "signing", {"kid": "cle-inconnue"})
    id_token = _exchange(franceconnect, _code(fc, franceconnect)).json()["id_token"]
    keys = _published_keys(franceconnect)
    with pytest.raises(InvalidKeyIdError):
        jwt.decode(id_token, keys, algorithms=["ES256"])
    es256_key = next(key for key in keys.keys if key.alg == "ES256")
    assert jwt.decode(id_token, es256_key, algorithms=["ES256"]).header["kid"] == "cle-inconnue"


def test_token_answer_fault_leaves_the_id_token_out(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    _break(fc, "token", {"without": ["id_token"]})
    token = _exchange(franceconnect, _code(fc, franceconnect)).json()
    assert "id_token" not in token
    assert token["access_token"]


def test_userinfo_fault_replaces_and_leaves_out_claims(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    _break(fc, "userinfo", {"claims": {"nir": "288093306315400"}, "without": ["sub"]})
    token = _exchange(franceconnect, _code(fc, franceconnect)).json()
    claims = _userinfo(franceconnect, token["access_token"])
    assert claims["nir"] == "288093306315400"
    assert "sub" not in claims
    assert claims["family_name"] == "Durand"


def test_authorize_fault_answers_the_client_with_the_error_and_its_state(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    _break(fc, "authorize", {"error": "login_required"})
    response = fc.get(franceconnect.path(authorize_url(franceconnect, state="s2")))
    assert response.status_code == 302
    assert response.headers["Location"].startswith(PORTAL_CALLBACK + "?")
    assert query(response.headers["Location"]) == {"error": "login_required", "state": "s2"}


def test_authorize_fault_never_answers_an_unregistered_redirect_uri(
    fc: FlaskClient, franceconnect: FranceConnect
) -> None:
    _break(fc, "authorize", {"error": "login_required"})
    elsewhere = authorize_url(franceconnect, redirect_uri=PORTAL_CALLBACK + "/autre")
    assert fc.get(franceconnect.path(elsewhere)).status_code == 400


# --- the app itself ----------------------------------------------------------------------


def test_test_api_is_absent_outside_test_mode() -> None:
    app = create_franceconnect_app({"ISSUER": "http://localhost"})
    response = app.test_client().put("/__test__/providers/msa", json={"available": False})
    assert response.status_code == 404


def test_forms_refuse_a_post_without_csrf_token() -> None:
    app = create_franceconnect_app({"ISSUER": "http://localhost", "PORTAL_CLIENT": PORTAL_CLIENT})
    fc = app.test_client()
    choice = fc.get(
        authorize_url(FranceConnect(app, "http://localhost")).removeprefix("http://localhost")
    )
    response = fc.post(choice.headers["Location"], data={"provider": "msa"})
    assert response.status_code == 400


def _franceconnect_with_a_failing_page(*, testing: bool) -> Flask:
    app = create_franceconnect_app({"ISSUER": "http://localhost", "TESTING": testing})

    @app.get("/panne")
    def broken() -> str:
        raise RuntimeError("a bug in a FranceConnect view")

    return app


def test_unexpected_error_reaches_the_test_client_under_testing() -> None:
    client = _franceconnect_with_a_failing_page(testing=True).test_client()
    with pytest.raises(RuntimeError, match="a bug in a FranceConnect view"):
        client.get("/panne")


def test_unexpected_error_shows_users_the_french_page(caplog: pytest.LogCaptureFixture) -> None:
    response = _franceconnect_with_a_failing_page(testing=False).test_client().get("/panne")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert fc_wording.SERVICE_ERROR.title in page
    assert "Traceback" not in page
    assert "RuntimeError: a bug in a FranceConnect view" in caplog.text  # Flask logged it


def test_session_cookie_is_not_the_portals() -> None:
    app = create_franceconnect_app({"ISSUER": "http://localhost"})
    assert app.config["SESSION_COOKIE_NAME"] == "fc_session"


def test_every_test_identity_has_a_valid_nir_and_every_provider_an_identity() -> None:
    for person in IDENTITIES.values():
        assert rules.is_valid_nir(person.nir), person.id
    assert {provider.id for provider in load_providers()} == {
        p.provider for p in IDENTITIES.values()
    }
