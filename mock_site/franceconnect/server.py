"""The OpenID provider itself: Authlib's authorization server wired to our store.

Nothing here writes or checks a JWT by hand: Authlib's OpenIDCode signs the ID
token with the federation's RSA key, and its end-session endpoint checks the
``id_token_hint`` against the same key set. In test mode, ``faults.py`` bends
the answers Authlib made (joserfc re-signs a bent ID token).
"""

from __future__ import annotations

import time
from typing import Any

from authlib.consts import default_json_headers
from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2.rfc6749 import OAuth2Request, grants
from authlib.oauth2.rfc6749.errors import InvalidRequestError, InvalidScopeError, OAuth2Error
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oidc.core import UserInfo, UserInfoEndpoint
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.core.grants.util import is_openid_scope
from authlib.oidc.rpinitiated import EndSessionEndpoint, EndSessionRequest
from flask import session
from joserfc.jwk import KeySet, RSAKey

from .faults import Faults
from .identities import SCOPE_CLAIMS, Identity, Provider
from .models import AuthorizationCode, Client, Store, Token

SIGNING_ALG = "RS256"

# The FranceConnect session's provider sign-in: {"tx", "identity_id", "provider_id"},
# good for that one authorization request.
LOGIN_KEY = "provider_login"


class TemporarilyUnavailableError(OAuth2Error):
    """RFC 6749 4.1.2.1: the chosen identity provider cannot serve now."""

    error = "temporarily_unavailable"


class Signing:
    """The federation's signing key, published at /jwks."""

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"use": "sig", "alg": SIGNING_ALG})
        self.key.ensure_kid()

    def public_jwks(self) -> dict[str, Any]:
        return {"keys": [self.key.as_dict(private=False)]}

    def key_set(self) -> KeySet:
        return KeySet([self.key])


class Federation:
    """Everything one FranceConnect app holds: store, keys, server, faults."""

    def __init__(
        self, issuer: str, store: Store, providers: list[Provider], code_ttl_seconds: int
    ) -> None:
        self.issuer = issuer
        self.store = store
        self.providers = {provider.id: provider for provider in providers}
        self.code_ttl_seconds = code_ttl_seconds
        self.signing = Signing()
        self.unavailable_providers: set[str] = set()
        self.faults = Faults()  # replaced whole by the test API, never changed in place
        self.server = build_server(self)

    def reset_faults(self) -> None:
        self.unavailable_providers.clear()
        self.faults = Faults()


class StoredRequestServer(AuthorizationServer):
    """Accepts an authorization request rebuilt from the session.

    The user answers several pages between /authorize and the code; the
    request is checked at /authorize, kept, and checked again at the end.
    """

    def create_oauth2_request(self, request: Any) -> OAuth2Request:
        if isinstance(request, OAuth2Request):
            return request
        return super().create_oauth2_request(request)


def build_server(federation: Federation) -> StoredRequestServer:
    store = federation.store

    def query_client(client_id: str) -> Client | None:
        return store.client(client_id)

    def save_token(token: dict[str, Any], request: OAuth2Request) -> None:
        code = request.authorization_code
        store.save_token(
            Token(
                access_token=token["access_token"],
                client_id=request.client.client_id,
                scope=token.get("scope", ""),
                identity_id=request.user.id,
                issued_at=time.time(),
                expires_in=int(token.get("expires_in", 3600)),
            ),
            code.code if code is not None else None,
        )

    class CodeGrant(grants.AuthorizationCodeGrant):
        TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

        def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
            store.save_code(
                AuthorizationCode(
                    code=code,
                    client_id=request.client.client_id,
                    redirect_uri=request.payload.redirect_uri or "",
                    scope=request.scope,
                    nonce=request.payload.data.get("nonce"),
                    identity_id=request.user.id,
                    auth_time=int(time.time()),
                    expires_at=time.time() + federation.code_ttl_seconds,
                )
            )

        def query_authorization_code(self, code: str, client: Client) -> AuthorizationCode | None:
            return store.claim_code(code, client.client_id)

        def delete_authorization_code(self, authorization_code: AuthorizationCode) -> None:
            pass  # already taken out of the store by claim_code

        def authenticate_user(self, authorization_code: AuthorizationCode) -> Identity | None:
            return store.identity(authorization_code.identity_id)

    class FranceConnectOpenIDCode(OpenIDCode):
        def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
            return store.code_exists_with_nonce(request.payload.client_id, nonce)

        def resolve_client_private_key(self, client: Client) -> RSAKey:
            return federation.signing.key

        def get_client_algorithm(self, client: Client) -> str:
            return SIGNING_ALG

        def get_encode_header(self, client: Client) -> dict[str, str]:
            return {"alg": SIGNING_ALG, "kid": federation.signing.key.kid or ""}

        def get_client_claims(self, client: Client) -> dict[str, Any]:
            return {"iss": federation.issuer, "aud": client.client_id}

        def get_compatible_claims(self, request: OAuth2Request) -> dict[str, Any]:
            claims: dict[str, Any] = super().get_compatible_claims(request)
            claims["sub"] = request.user.sub_for(request.client.client_id)
            return claims

        def generate_user_info(self, user: Identity, scope: str) -> UserInfo:
            # As FranceConnect: the ID token names the user; the identity is at userinfo.
            return UserInfo()

        def encode_id_token(self, token: dict[str, Any], request: OAuth2Request) -> str:
            id_token: str = super().encode_id_token(token, request)
            return federation.faults.bend_id_token(id_token, federation.signing.key)

        def process_token(self, grant: Any, response: Any) -> dict[str, Any]:
            token: dict[str, Any] = super().process_token(grant, response)
            federation.faults.bend_token_answer(token)  # the same dict Authlib answers with
            return token

    def require_state_and_openid(grant: Any, redirect_uri: str) -> None:
        # FranceConnect refuses what plain OAuth tolerates: no state, no openid scope.
        if not grant.request.payload.state:
            raise InvalidRequestError("Missing 'state' in request.", redirect_uri=redirect_uri)
        if not is_openid_scope(grant.request.payload.scope):
            raise InvalidScopeError("The 'openid' scope is required.", redirect_uri=redirect_uri)

    class StrictExtension:
        def __call__(self, grant: Any) -> None:
            grant.register_hook(
                "after_validate_authorization_request_payload", require_state_and_openid
            )

    class FranceConnectUserInfo(UserInfoEndpoint):
        def __call__(self, request: OAuth2Request) -> tuple[int, Any, list[tuple[str, str]]]:
            # Authlib's version passes no client to generate_user_info; subs are per client.
            token = self.resource_protector.acquire_token("openid")
            claims = token.get_user().claims(token.client_id, token.scope)
            return 200, federation.faults.bend_userinfo(claims), default_json_headers

    class Validator(BearerTokenValidator):
        def authenticate_token(self, token_string: str) -> Token | None:
            return store.token(token_string)

    class FranceConnectEndSession(EndSessionEndpoint):
        def get_server_jwks(self) -> KeySet:
            return federation.signing.key_set()

        def get_algorithms(self) -> list[str]:
            return [SIGNING_ALG]

        def end_session(self, end_session_request: EndSessionRequest) -> None:
            session.pop(LOGIN_KEY, None)
            session.pop("requests", None)

    server = StoredRequestServer(query_client=query_client, save_token=save_token)
    server.load_config({"OAUTH2_SCOPES_SUPPORTED": list(SCOPE_CLAIMS)})
    server.register_grant(
        CodeGrant, [StrictExtension(), FranceConnectOpenIDCode(require_nonce=True)]
    )
    protector = ResourceProtector()
    protector.register_token_validator(Validator())
    server.register_endpoint(FranceConnectUserInfo(resource_protector=protector))
    server.register_endpoint(FranceConnectEndSession)
    return server
