"""A FranceConnect v2 relying party in one file, to try against the mock (or to copy).

    make serve                                   # the mock on 127.0.0.1:5001 (test mode)
    .venv/bin/python examples/franceconnect_client.py

It prints the URL to open in a browser; sign in there (Sophie Durand: ameli.fr,
288093306315472, password 123), then paste the URL the browser ends on
(http://127.0.0.1:8000/callback?code=...: nothing serves it, copy it from the
address bar). It prints the verified identity as JSON. Client: ``client-oidc-demo``
of mocks/franceconnect_mock/clients.json. tests/test_franceconnect_example.py runs it.

Written from the v2 documentation and OpenID Connect Core with requests and joserfc
only: every check a relying party owes is here, in the order Core lists them.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import requests
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

ISSUER = "http://127.0.0.1:5001/api/v2"  # FranceConnect v2: everything under /api/v2
CLIENT_ID = "client-oidc-demo"
CLIENT_SECRET = "secret-du-client-demo"
REDIRECT_URI = "http://127.0.0.1:8000/callback"
SCOPE = "openid identite_pivot email"
ALGORITHMS = ["ES256", "RS256"]  # what v2 signs with; never "none", never HS256
TIMEOUT = 10


class LoginFailed(Exception):
    """FranceConnect said no (an error at the callback) or an answer failed a check."""


@dataclass(frozen=True)
class PendingLogin:
    """What to keep (in the user's session) between the redirect and the callback."""

    state: str
    nonce: str


class FranceConnectClient:
    def __init__(self, issuer: str, client_id: str, client_secret: str, redirect_uri: str):
        self.client_id, self.client_secret, self.redirect_uri = (
            client_id,
            client_secret,
            redirect_uri,
        )
        answer = requests.get(issuer + "/.well-known/openid-configuration", timeout=TIMEOUT)
        answer.raise_for_status()
        self.metadata: dict[str, Any] = answer.json()
        if self.metadata["issuer"] != issuer:  # OpenID Connect Discovery 4.3
            raise LoginFailed(f"discovery names another issuer: {self.metadata['issuer']}")
        self.issuer = issuer

    def authorization_url(self) -> tuple[str, PendingLogin]:
        login = PendingLogin(secrets.token_urlsafe(32), secrets.token_urlsafe(32))
        params = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "scope": SCOPE,
            "state": login.state,
            "nonce": login.nonce,
            "acr_values": "eidas1",  # mandatory in v2
        }
        return f"{self.metadata['authorization_endpoint']}?{urlencode(params)}", login

    def finish(self, callback_url: str, login: PendingLogin) -> dict[str, Any]:
        """The callback: its checks, the token request, the ID token's and userinfo's checks."""
        params = {key: values[0] for key, values in parse_qs(urlsplit(callback_url).query).items()}
        if params.get("state") != login.state:  # Core 3.1.2.7, RFC 6749 10.12
            raise LoginFailed("state is not the one sent")
        if "error" in params:  # v2 sends errors back to the callback, with the state
            raise LoginFailed(f"{params['error']}: {params.get('error_description', '')}")
        token = requests.post(
            self.metadata["token_endpoint"],
            auth=(self.client_id, self.client_secret),  # client_secret_basic
            data={
                "grant_type": "authorization_code",
                "code": params["code"],
                "redirect_uri": self.redirect_uri,
            },
            timeout=TIMEOUT,
        )
        token.raise_for_status()
        tokens = token.json()
        keys = KeySet.import_key_set(
            requests.get(self.metadata["jwks_uri"], timeout=TIMEOUT).json()
        )
        id_token = jwt.decode(tokens["id_token"], keys, algorithms=ALGORITHMS)  # 3.1.3.7 (6, 7)
        jwt.JWTClaimsRegistry(
            leeway=30,
            iss={"essential": True, "value": self.issuer},  # (2)
            aud={"essential": True, "value": self.client_id},  # (3)
            exp={"essential": True},  # (9)
            iat={"essential": True},  # (10)
            nonce={"essential": True, "value": login.nonce},  # (11)
        ).validate(id_token.claims)
        # Userinfo at once: the access token lives 60 s. v2 answers a signed JWT (5.3.2).
        answer = requests.get(
            self.metadata["userinfo_endpoint"],
            headers={"Authorization": f"Bearer {tokens['access_token']}"},
            timeout=TIMEOUT,
        )
        answer.raise_for_status()
        if answer.headers.get("Content-Type", "").split(";")[0] != "application/jwt":
            raise LoginFailed("userinfo is not a signed JWT")
        userinfo = jwt.decode(answer.text, keys, algorithms=ALGORITHMS)
        jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": self.issuer},
            aud={"essential": True, "value": self.client_id},
            sub={"essential": True, "value": id_token.claims["sub"]},  # same person
        ).validate(userinfo.claims)
        return {"id_token": tokens["id_token"], "identity": dict(userinfo.claims)}

    def logout_url(self, id_token: str, post_logout_redirect_uri: str) -> str:
        params = {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": post_logout_redirect_uri,
            "state": secrets.token_urlsafe(32),
        }
        return f"{self.metadata['end_session_endpoint']}?{urlencode(params)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--issuer", default=ISSUER)
    parser.add_argument("--client-id", default=CLIENT_ID)
    parser.add_argument("--client-secret", default=CLIENT_SECRET)
    parser.add_argument("--redirect-uri", default=REDIRECT_URI)
    args = parser.parse_args(argv)
    client = FranceConnectClient(args.issuer, args.client_id, args.client_secret, args.redirect_uri)
    url, login = client.authorization_url()
    print("Open:", url, flush=True)
    print("Then paste the URL you end on:", flush=True)
    try:
        result = client.finish(sys.stdin.readline().strip(), login)
    except (LoginFailed, JoseError, requests.RequestException) as failure:
        print("Login failed:", failure, flush=True)
        return 1
    print(json.dumps(result["identity"], ensure_ascii=False, sort_keys=True), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
