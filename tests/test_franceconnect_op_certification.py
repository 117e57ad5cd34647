"""The FranceConnect mock under the OpenID Foundation's basic OP certification plan.

One case per module of ``oidcc-basic-certification-test-plan`` (the conformance
suite's OIDCCBasicTestPlan), its id the module's name, checking what the module
checks, plus ``oidcc-ensure-redirect-uri-in-authorization-request`` (from
``oidcc-test-plan``). Where FranceConnect v2 deliberately answers otherwise (nonce
and acr_values required, no address or phone scopes, ES256 by default, no refresh
tokens...) or the mock falls short of it (no single sign-on), the case asserts that
answer and its id says so after ``--``. The README's relying-party kit has the same
table; ``test_the_readme_table_lists_every_module`` keeps them together.

Each case registers its own client, as the suite does, and checks the answers with
requests and joserfc, never with the mock's own code.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import requests
from flask.testing import FlaskClient
from joserfc import jwt
from joserfc.jwk import KeySet

from .franceconnect_federation import FranceConnect, consent_at_franceconnect, identity, query

REDIRECT_URI = "https://service.exemple.fr/oidc/retour"
SCOPE = "openid identite_pivot email"
START = 1_893_456_000  # FranceConnect's clock, stopped, where a case needs time to pass


@dataclass
class RelyingParty:
    """The suite's client: registered for one case, its browser at FranceConnect."""

    franceconnect: FranceConnect
    user_agent: FlaskClient
    client_id: str = field(default_factory=lambda: "certification-" + secrets.token_hex(4))
    client_secret: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    nonces: dict[str, str] = field(default_factory=dict)  # state -> nonce sent

    def register(self, **metadata: Any) -> requests.Response:
        return requests.post(
            self.franceconnect.issuer + "/__test__/clients",
            json={
                "client_id": self.client_id,
                "client_secret": self.client_secret,
                "redirect_uris": [REDIRECT_URI],
                **metadata,
            },
            timeout=10,
        )

    def authorize_url(self, **params: str | None) -> str:
        """A request as FranceConnect requires it; None leaves a parameter out."""
        state, nonce = "etat-" + secrets.token_hex(4), "nonce-" + secrets.token_hex(4)
        values: dict[str, str | None] = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": REDIRECT_URI,
            "scope": SCOPE,
            "state": state,
            "nonce": nonce,
            "acr_values": "eidas1",
            **params,
        }
        kept = {name: value for name, value in values.items() if value is not None}
        self.nonces[str(kept.get("state"))] = str(kept.get("nonce"))
        return f"{self.franceconnect.api}/authorize?{urlencode(kept)}"

    def answer_at_callback(self, url: str) -> dict[str, str]:
        """What FranceConnect sends straight back, without any sign-in."""
        answer = self.user_agent.get(self.franceconnect.path(url))
        assert answer.status_code == 302, answer.get_data(as_text=True)
        assert answer.headers["Location"].startswith(REDIRECT_URI + "?")
        return query(answer.headers["Location"])

    def error_page(self, url: str) -> str:
        """FranceConnect's own error page: never a redirect to an unchecked address."""
        answer = self.user_agent.get(self.franceconnect.path(url))
        assert answer.status_code == 400
        assert "Location" not in answer.headers
        return answer.get_data(as_text=True)

    def sign_in(self, url: str) -> dict[str, str]:
        """The user picks a provider, signs in and consents: the callback's parameters."""
        back = consent_at_franceconnect(
            self.user_agent, self.franceconnect, url, identity("sophie-durand")
        )
        assert back.startswith(REDIRECT_URI + "?"), back
        return query(back)

    def token(
        self, code: str, auth: str = "client_secret_basic", **extra: str
    ) -> requests.Response:
        data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
        data.update(extra)
        if auth == "client_secret_post":
            data.update(client_id=self.client_id, client_secret=self.client_secret)
            return requests.post(self.franceconnect.api + "/token", data=data, timeout=10)
        return requests.post(
            self.franceconnect.api + "/token",
            data=data,
            auth=(self.client_id, self.client_secret),
            timeout=10,
        )

    def tokens(self, auth: str = "client_secret_basic", **params: str | None) -> dict[str, Any]:
        """A whole happy flow; the callback's state checked, the ID token verified."""
        url = self.authorize_url(**params)
        back = self.sign_in(url)
        assert back["state"] == query(url)["state"]
        answer = self.token(back["code"], auth)
        assert answer.status_code == 200, answer.text
        tokens: dict[str, Any] = answer.json()
        assert tokens["token_type"].lower() == "bearer"
        tokens["claims"] = self.verified_id_token(tokens, nonce=self.nonces[back["state"]])
        return tokens

    def jwks(self) -> KeySet:
        return KeySet.import_key_set(
            requests.get(self.franceconnect.api + "/jwks", timeout=10).json()
        )

    def verified_id_token(self, tokens: dict[str, Any], nonce: str) -> dict[str, Any]:
        """OIDC Core 3.1.3.7, as the suite's IdToken checks: signature by a JWKS key, iss,
        aud, exp, iat, nonce, sub, and at_hash against the access token (3.1.3.8)."""
        token = jwt.decode(tokens["id_token"], self.jwks(), algorithms=["ES256", "RS256"])
        jwt.JWTClaimsRegistry(
            now=token.claims["iat"],  # FranceConnect's own clock may be stopped
            iss={"essential": True, "value": self.franceconnect.api},
            aud={"essential": True, "value": self.client_id},
            sub={"essential": True},
            exp={"essential": True},
            iat={"essential": True},
            nonce={"essential": True, "value": nonce},
        ).validate(token.claims)
        digest = hashlib.sha256(tokens["access_token"].encode()).digest()
        at_hash = base64.urlsafe_b64encode(digest[:16]).rstrip(b"=").decode()
        assert token.claims["at_hash"] == at_hash
        claims: dict[str, Any] = {**token.claims, "header": token.header}
        return claims

    def userinfo(self, access_token: str, how: str = "get") -> requests.Response:
        url = self.franceconnect.api + "/userinfo"
        bearer = {"Authorization": f"Bearer {access_token}"}
        if how == "post-header":
            return requests.post(url, headers=bearer, timeout=10)
        if how == "post-body":
            return requests.post(url, data={"access_token": access_token}, timeout=10)
        return requests.get(url, headers=bearer, timeout=10)

    def verified_userinfo(self, tokens: dict[str, Any], how: str = "get") -> dict[str, Any]:
        """The signed userinfo (v2): verified, for this client, about the ID token's sub."""
        answer = self.userinfo(tokens["access_token"], how)
        assert answer.status_code == 200, answer.text
        assert answer.headers["Content-Type"] == "application/jwt"
        claims: dict[str, Any] = jwt.decode(
            answer.text, self.jwks(), algorithms=["ES256", "RS256"]
        ).claims
        assert claims["iss"] == self.franceconnect.api
        assert claims["aud"] == self.client_id
        assert claims["sub"] == tokens["claims"]["sub"]
        return claims

    def stop_clock(self, at: int) -> None:
        answer = self.user_agent.put(f"/__test__/clients/{self.client_id}/clock", json={"now": at})
        assert answer.status_code == 200


# --- the modules, in the plan's order ----------------------------------------------------------


def oidcc_server(rp: RelyingParty) -> None:
    """Happy flow (code, client_secret_basic, state, nonce, a valid ID token), sent with the
    acr_values FranceConnect requires: without them it is invalid_request."""
    rp.tokens()
    refused = rp.answer_at_callback(rp.authorize_url(acr_values=None, state="etat-sans-acr"))
    assert (refused["error"], refused["state"]) == ("invalid_request", "etat-sans-acr")


def oidcc_response_type_missing(rp: RelyingParty) -> None:
    back = rp.answer_at_callback(rp.authorize_url(response_type=None, state="etat-sans-type"))
    assert back["error"] in ("unsupported_response_type", "invalid_request")
    assert back["state"] == "etat-sans-type"
    assert "code" not in back


def oidcc_idtoken_signature(rp: RelyingParty) -> None:
    """No algorithm registered: the suite expects RS256, FranceConnect v2 signs ES256 (both
    are in the JWKS; RS256 for a client registered so)."""
    header = rp.tokens()["claims"]["header"]
    assert header["alg"] == "ES256"
    assert header["kid"] in {key.kid for key in rp.jwks()}


def oidcc_idtoken_unsigned(rp: RelyingParty) -> None:
    answer = RelyingParty(rp.franceconnect, rp.user_agent).register(
        id_token_signed_response_alg="none"
    )
    assert answer.status_code == 400
    assert "none" not in rp_metadata(rp)["id_token_signing_alg_values_supported"]


def oidcc_userinfo_get(rp: RelyingParty) -> None:
    rp.verified_userinfo(rp.tokens(), "get")


def oidcc_userinfo_post_header(rp: RelyingParty) -> None:
    rp.verified_userinfo(rp.tokens(), "post-header")


def oidcc_userinfo_post_body(rp: RelyingParty) -> None:
    """RFC 6750 2.2 is optional (the module ends with a warning): the token in the body is no
    token at all, so the answer is the bare challenge (3.1)."""
    answer = rp.userinfo(rp.tokens()["access_token"], "post-body")
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"


def oidcc_ensure_request_without_nonce_succeeds_for_code_flow(rp: RelyingParty) -> None:
    back = rp.answer_at_callback(rp.authorize_url(nonce=None, state="etat-sans-nonce"))
    assert (back["error"], back["state"]) == ("invalid_request", "etat-sans-nonce")


def oidcc_scope_profile(rp: RelyingParty) -> None:
    claims = rp.verified_userinfo(rp.tokens(scope="openid profile"))
    assert {"given_name", "family_name", "birthdate", "gender"} <= set(claims)
    assert "email" not in claims


def oidcc_scope_email(rp: RelyingParty) -> None:
    claims = rp.verified_userinfo(rp.tokens(scope="openid email"))
    assert claims["email"] == identity("sophie-durand").email


def _scope_refused(rp: RelyingParty, scope: str) -> None:
    back = rp.answer_at_callback(rp.authorize_url(scope=scope, state="etat-scope"))
    assert (back["error"], back["state"]) == ("invalid_scope", "etat-scope")
    assert not {"address", "phone"} & set(rp_metadata(rp)["scopes_supported"])


def oidcc_scope_address(rp: RelyingParty) -> None:
    _scope_refused(rp, "openid address")


def oidcc_scope_phone(rp: RelyingParty) -> None:
    _scope_refused(rp, "openid phone")


def oidcc_scope_all(rp: RelyingParty) -> None:
    _scope_refused(rp, "openid address email phone profile")


def oidcc_alternate_happy_flow(rp: RelyingParty) -> None:
    """Scope in reverse order, query parameters in another order (RFC 6749 3.3)."""
    url = rp.authorize_url(scope="email identite_pivot openid")
    base, _, params = url.partition("?")
    reordered = dict(reversed(list(query("?" + params).items())))
    back = rp.sign_in(f"{base}?{urlencode(reordered)}")
    answer = rp.token(back["code"])
    assert answer.status_code == 200, answer.text
    rp.verified_id_token(answer.json(), nonce=reordered["nonce"])


def oidcc_display_page(rp: RelyingParty) -> None:
    rp.tokens(display="page")


def oidcc_display_popup(rp: RelyingParty) -> None:
    rp.tokens(display="popup")


def oidcc_prompt_login(rp: RelyingParty) -> None:
    """The second request, prompt=login, asks for the sign-in again (sign_in walks the
    provider's login page); auth_time moves on."""
    rp.stop_clock(START)
    first = rp.tokens()["claims"]
    rp.stop_clock(START + 10)
    second = rp.tokens(prompt="login")["claims"]
    assert second["auth_time"] > first["auth_time"]
    assert second["sub"] == first["sub"]


def oidcc_prompt_none_not_logged_in(rp: RelyingParty) -> None:
    back = rp.answer_at_callback(rp.authorize_url(prompt="none", state="etat-silencieux"))
    assert (back["error"], back["state"]) == ("login_required", "etat-silencieux")


def _no_single_sign_on(rp: RelyingParty, **second: str) -> None:
    """A silent second request after a sign-in: the mock keeps no FranceConnect session
    across requests (README, Known limits), so it is login_required, never a code."""
    first = rp.tokens(max_age="15000") if "max_age" in second else rp.tokens()
    assert first["claims"]["auth_time"]
    if "id_token_hint" in second:
        second = {**second, "id_token_hint": first["id_token"]}
    back = rp.answer_at_callback(rp.authorize_url(prompt="none", state="etat-sso", **second))
    assert (back["error"], back["state"]) == ("login_required", "etat-sso")


def oidcc_prompt_none_logged_in(rp: RelyingParty) -> None:
    _no_single_sign_on(rp)


def oidcc_max_age_1(rp: RelyingParty) -> None:
    rp.stop_clock(START)
    first = rp.tokens()["claims"]
    rp.stop_clock(START + 2)
    second = rp.tokens(max_age="1")["claims"]
    assert second["auth_time"] == START + 2 > first["auth_time"]


def oidcc_max_age_10000(rp: RelyingParty) -> None:
    _no_single_sign_on(rp, max_age="10000")


def oidcc_ensure_request_with_unknown_parameter_succeeds(rp: RelyingParty) -> None:
    rp.tokens(extra="foobar")


def oidcc_id_token_hint(rp: RelyingParty) -> None:
    _no_single_sign_on(rp, id_token_hint="")


def oidcc_login_hint(rp: RelyingParty) -> None:
    rp.tokens(login_hint="buffy@127.0.0.1")


def oidcc_ui_locales(rp: RelyingParty) -> None:
    rp.tokens(ui_locales="se")


def oidcc_claims_locales(rp: RelyingParty) -> None:
    rp.tokens(claims_locales="se")


def oidcc_ensure_request_with_acr_values_succeeds(rp: RelyingParty) -> None:
    assert rp_metadata(rp)["acr_values_supported"] == ["eidas1"]
    assert rp.tokens(acr_values="eidas1")["claims"]["acr"] == "eidas1"


def oidcc_codereuse(rp: RelyingParty) -> None:
    back = rp.sign_in(rp.authorize_url())
    assert rp.token(back["code"]).status_code == 200
    again = rp.token(back["code"])
    assert (again.status_code, again.json()["error"]) == (400, "invalid_grant")


def oidcc_codereuse_30seconds(rp: RelyingParty) -> None:
    """30 s later (the clock moved, not waited for): invalid_grant, and the access token the
    code gave is revoked (RFC 6749 4.1.2)."""
    rp.stop_clock(START)
    back = rp.sign_in(rp.authorize_url())
    first = rp.token(back["code"])
    assert first.status_code == 200
    rp.stop_clock(START + 30)
    again = rp.token(back["code"])
    assert (again.status_code, again.json()["error"]) == (400, "invalid_grant")
    revoked = rp.userinfo(first.json()["access_token"])
    assert revoked.status_code == 401
    assert 'error="invalid_token"' in revoked.headers["WWW-Authenticate"]


def oidcc_ensure_registered_redirect_uri(rp: RelyingParty) -> None:
    rp.error_page(rp.authorize_url(redirect_uri=REDIRECT_URI + "/autre"))


def oidcc_ensure_post_request_succeeds(rp: RelyingParty) -> None:
    url = rp.authorize_url()
    path, _, params = rp.franceconnect.path(url).partition("?")
    choice = rp.user_agent.post(path, data=query("?" + params))
    assert choice.status_code == 302
    who = identity("sophie-durand")
    login = rp.user_agent.post(choice.headers["Location"], data={"provider": who.provider})
    consent = rp.user_agent.post(
        login.headers["Location"], data={"identifier": who.login, "password": who.password}
    )
    back = query(rp.user_agent.post(consent.headers["Location"]).headers["Location"])
    answer = rp.token(back["code"])
    assert answer.status_code == 200, answer.text
    rp.verified_id_token(answer.json(), nonce=query(url)["nonce"])


def oidcc_server_client_secret_post(rp: RelyingParty) -> None:
    assert "client_secret_post" in rp_metadata(rp)["token_endpoint_auth_methods_supported"]
    rp.tokens(auth="client_secret_post")


def oidcc_request_uri_unsigned_supported_correctly_or_rejected_as_unsupported(
    rp: RelyingParty,
) -> None:
    assert rp_metadata(rp)["request_uri_parameter_supported"] is False
    url = rp.authorize_url(request_uri="https://service.exemple.fr/requete.jwt", state="etat-r")
    back = rp.answer_at_callback(url)
    assert (back["error"], back["state"]) == ("request_uri_not_supported", "etat-r")


def _unsigned_request_object(rp: RelyingParty, **claims: str) -> str:
    header = base64.urlsafe_b64encode(b'{"alg":"none"}').rstrip(b"=").decode()
    body = {"client_id": rp.client_id, "response_type": "code", "scope": SCOPE, **claims}
    payload = base64.urlsafe_b64encode(json.dumps(body).encode()).rstrip(b"=").decode()
    return f"{header}.{payload}."


def oidcc_unsigned_request_object_supported_correctly_or_rejected_as_unsupported(
    rp: RelyingParty,
) -> None:
    metadata = rp_metadata(rp)
    assert metadata["request_parameter_supported"] is False
    assert "request_object_signing_alg_values_supported" not in metadata
    url = rp.authorize_url(request=_unsigned_request_object(rp), state="etat-objet")
    back = rp.answer_at_callback(url)
    assert (back["error"], back["state"]) == ("request_not_supported", "etat-objet")


def oidcc_claims_essential(rp: RelyingParty) -> None:
    """claims_parameter_supported is false: the request succeeds, the parameter is ignored
    (FranceConnect has no `name` claim; the module only warns)."""
    assert rp_metadata(rp)["claims_parameter_supported"] is False
    essential = json.dumps({"userinfo": {"name": {"essential": True}}})
    claims = rp.verified_userinfo(rp.tokens(claims=essential))
    assert "name" not in claims


def oidcc_ensure_request_object_with_redirect_uri(rp: RelyingParty) -> None:
    """The redirect URI inside a request object must win; FranceConnect takes no request
    object, so it says so at the query's (registered) redirect URI."""
    inside = _unsigned_request_object(rp, redirect_uri=REDIRECT_URI + "/objet")
    back = rp.answer_at_callback(rp.authorize_url(request=inside, state="etat-objet"))
    assert (back["error"], back["state"]) == ("request_not_supported", "etat-objet")


def oidcc_refresh_token(rp: RelyingParty) -> None:
    """The module is skipped when the token answer has no refresh token, as FranceConnect's."""
    tokens = rp.tokens()
    assert "refresh_token" not in tokens
    assert rp_metadata(rp)["grant_types_supported"] == ["authorization_code"]
    assert "offline_access" not in rp_metadata(rp)["scopes_supported"]
    answer = requests.post(
        rp.franceconnect.api + "/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["access_token"]},
        auth=(rp.client_id, rp.client_secret),
        timeout=10,
    )
    assert (answer.status_code, answer.json()["error"]) == (400, "unsupported_grant_type")


def oidcc_ensure_request_with_valid_pkce_succeeds(rp: RelyingParty) -> None:
    """RFC 6749 3.1: unrecognised parameters are ignored, so a PKCE client is served."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    url = rp.authorize_url(
        code_challenge=challenge.rstrip(b"=").decode(), code_challenge_method="S256"
    )
    back = rp.sign_in(url)
    answer = rp.token(back["code"], code_verifier=verifier)
    assert answer.status_code == 200, answer.text
    rp.verified_id_token(answer.json(), nonce=query(url)["nonce"])


def oidcc_ensure_redirect_uri_in_authorization_request(rp: RelyingParty) -> None:
    """(oidcc-test-plan) Two registered addresses and none in the request: an error page.
    FranceConnect refuses a client with one address the same way (test_franceconnect_v2)."""
    two = RelyingParty(rp.franceconnect, rp.user_agent)
    registered = two.register(redirect_uris=[REDIRECT_URI, REDIRECT_URI + "/deux"])
    assert registered.status_code == 201
    rp.error_page(two.authorize_url(redirect_uri=None))


def rp_metadata(rp: RelyingParty) -> dict[str, Any]:
    answer = requests.get(rp.franceconnect.api + "/.well-known/openid-configuration", timeout=10)
    metadata: dict[str, Any] = answer.json()
    return metadata


# (module, what FranceConnect does instead, or ""; the check). The README's table
# "FranceConnect under the OpenID certification" has one row per module, same order.
MODULES: list[tuple[str, str, Callable[[RelyingParty], None]]] = [
    ("oidcc-server", "franceconnect-requires-acr_values", oidcc_server),
    ("oidcc-response-type-missing", "", oidcc_response_type_missing),
    ("oidcc-idtoken-signature", "franceconnect-signs-es256-by-default", oidcc_idtoken_signature),
    ("oidcc-idtoken-unsigned", "franceconnect-refuses-alg-none", oidcc_idtoken_unsigned),
    ("oidcc-userinfo-get", "", oidcc_userinfo_get),
    ("oidcc-userinfo-post-header", "", oidcc_userinfo_post_header),
    ("oidcc-userinfo-post-body", "franceconnect-reads-the-header-only", oidcc_userinfo_post_body),
    (
        "oidcc-ensure-request-without-nonce-succeeds-for-code-flow",
        "franceconnect-requires-nonce",
        oidcc_ensure_request_without_nonce_succeeds_for_code_flow,
    ),
    ("oidcc-scope-profile", "", oidcc_scope_profile),
    ("oidcc-scope-email", "", oidcc_scope_email),
    ("oidcc-scope-address", "franceconnect-v2-has-no-address-scope", oidcc_scope_address),
    ("oidcc-scope-phone", "franceconnect-v2-has-no-phone-scope", oidcc_scope_phone),
    ("oidcc-scope-all", "franceconnect-v2-refuses-address-and-phone", oidcc_scope_all),
    ("oidcc-alternate-happy-flow", "", oidcc_alternate_happy_flow),
    ("oidcc-display-page", "", oidcc_display_page),
    ("oidcc-display-popup", "", oidcc_display_popup),
    ("oidcc-prompt-login", "", oidcc_prompt_login),
    ("oidcc-prompt-none-not-logged-in", "", oidcc_prompt_none_not_logged_in),
    ("oidcc-prompt-none-logged-in", "mock-has-no-single-sign-on", oidcc_prompt_none_logged_in),
    ("oidcc-max-age-1", "", oidcc_max_age_1),
    ("oidcc-max-age-10000", "mock-has-no-single-sign-on", oidcc_max_age_10000),
    (
        "oidcc-ensure-request-with-unknown-parameter-succeeds",
        "",
        oidcc_ensure_request_with_unknown_parameter_succeeds,
    ),
    ("oidcc-id-token-hint", "mock-has-no-single-sign-on", oidcc_id_token_hint),
    ("oidcc-login-hint", "", oidcc_login_hint),
    ("oidcc-ui-locales", "", oidcc_ui_locales),
    ("oidcc-claims-locales", "", oidcc_claims_locales),
    (
        "oidcc-ensure-request-with-acr-values-succeeds",
        "",
        oidcc_ensure_request_with_acr_values_succeeds,
    ),
    ("oidcc-codereuse", "", oidcc_codereuse),
    ("oidcc-codereuse-30seconds", "", oidcc_codereuse_30seconds),
    ("oidcc-ensure-registered-redirect-uri", "", oidcc_ensure_registered_redirect_uri),
    ("oidcc-ensure-post-request-succeeds", "", oidcc_ensure_post_request_succeeds),
    ("oidcc-server-client-secret-post", "", oidcc_server_client_secret_post),
    (
        "oidcc-request-uri-unsigned-supported-correctly-or-rejected-as-unsupported",
        "",
        oidcc_request_uri_unsigned_supported_correctly_or_rejected_as_unsupported,
    ),
    (
        "oidcc-unsigned-request-object-supported-correctly-or-rejected-as-unsupported",
        "",
        oidcc_unsigned_request_object_supported_correctly_or_rejected_as_unsupported,
    ),
    (
        "oidcc-claims-essential",
        "franceconnect-ignores-the-claims-parameter",
        oidcc_claims_essential,
    ),
    (
        "oidcc-ensure-request-object-with-redirect-uri",
        "",
        oidcc_ensure_request_object_with_redirect_uri,
    ),
    ("oidcc-refresh-token", "franceconnect-issues-no-refresh-tokens", oidcc_refresh_token),
    (
        "oidcc-ensure-request-with-valid-pkce-succeeds",
        "",
        oidcc_ensure_request_with_valid_pkce_succeeds,
    ),
    (
        "oidcc-ensure-redirect-uri-in-authorization-request",
        "",
        oidcc_ensure_redirect_uri_in_authorization_request,
    ),
]


@pytest.mark.parametrize(
    "check",
    [
        pytest.param(check, id=f"{module}--{differs}" if differs else module)
        for module, differs, check in MODULES
    ],
)
def test_module(franceconnect: FranceConnect, check: Callable[[RelyingParty], None]) -> None:
    rp = RelyingParty(franceconnect, franceconnect.app.test_client())
    assert rp.register().status_code == 201
    check(rp)


def test_the_readme_table_lists_every_module() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("#### FranceConnect under the OpenID certification", 1)[1]
    section = re.split(r"^#{2,4} ", section, maxsplit=1, flags=re.MULTILINE)[0]
    rows = re.findall(r"^\| `(oidcc-[a-z0-9-]+)` \|", section, flags=re.MULTILINE)
    assert rows == [module for module, _, _ in MODULES]
