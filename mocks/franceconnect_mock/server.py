"""The OpenID provider itself: Authlib's authorization server wired to our store.

As FranceConnect v2: ID tokens and userinfo answers are signed with ES256 by
default, with RS256 for a client registered with ``id_token_signed_response_alg``
or ``userinfo_signed_response_alg`` "RS256"; both public keys are in the JWKS.
Authlib's OpenIDCode signs the ID token and its end-session endpoint checks the
``id_token_hint``; joserfc signs the userinfo JWT (answer_faults.py, which bends both
answers in test mode).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.integrations.flask_oauth2.requests import FlaskOAuth2Request
from authlib.oauth2.rfc6749 import OAuth2Request, grants
from authlib.oauth2.rfc6749.errors import InvalidRequestError, InvalidScopeError, OAuth2Error
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oidc.core import UserInfo
from authlib.oidc.core.errors import RequestNotSupportedError, RequestURINotSupportedError
from authlib.oidc.core.grants import OpenIDCode
from authlib.oidc.core.grants.util import is_openid_scope
from authlib.oidc.rpinitiated import EndSessionEndpoint, EndSessionRequest
from flask import Request, session
from joserfc.jwk import ECKey, KeySet, RSAKey

from .answer_faults import Faults
from .clock import Clock
from .identities import SCOPE_CLAIMS, Identity, Provider
from .models import SIGNING_ALGORITHMS, AuthorizationCode, Client, Store, Token

# FranceConnect's level for password sign-ins; v2 requires acr_values at authorize.
ACR_VALUES = ("eidas1",)

# The FranceConnect session's provider sign-in: {"tx", "identity_id", "provider_id"},
# good for that one authorization request.
LOGIN_KEY = "provider_login"


class TemporarilyUnavailableError(OAuth2Error):
    """RFC 6749 4.1.2.1: the chosen identity provider cannot serve now."""

    error = "temporarily_unavailable"


class MissingBearerToken(Exception):
    """RFC 6750 3.1: a request without a bearer token (none, or an unsupported method)
    gets a bare challenge, no error code."""


class Signing:
    """The federation's signing keys, one per algorithm, published at /jwks."""

    def __init__(self) -> None:
        self.keys: dict[str, ECKey | RSAKey] = {
            "ES256": ECKey.generate_key("P-256", parameters={"use": "sig", "alg": "ES256"}),
            "RS256": RSAKey.generate_key(2048, parameters={"use": "sig", "alg": "RS256"}),
        }
        for key in self.keys.values():
            key.ensure_kid()

    def key(self, alg: str) -> ECKey | RSAKey:
        return self.keys[alg]

    def public_jwks(self) -> dict[str, Any]:
        return {"keys": [key.as_dict(private=False) for key in self.keys.values()]}

    def key_set(self) -> KeySet:
        return KeySet(list(self.keys.values()))


class Federation:
    """Everything one FranceConnect app holds: store, keys, server, faults."""

    def __init__(
        self,
        base_url: str,
        api_prefix: str,
        store: Store,
        providers: list[Provider],
        lifetimes: Lifetimes,
    ) -> None:
        self.base_url = base_url
        self.issuer = base_url + api_prefix
        self.store = store
        self.providers = {provider.id: provider for provider in providers}
        self.lifetimes = lifetimes
        self.signing = Signing()
        self.unavailable_providers: set[str] = set()
        self.faults = Faults()  # replaced whole by the test API, never changed in place
        self.protector = ResourceProtector()
        self.server = build_server(self)

    @property
    def clock(self) -> Clock:
        return self.store.clock

    def reset_faults(self) -> None:
        """Everything a test may have changed, back to normal (the clocks too)."""
        self.unavailable_providers.clear()
        self.faults = Faults()
        self.clock.restart_all()

    def bearer_token(self, request: Request) -> Token:
        """The userinfo request's access token (RFC 6750 2.1: the Authorization header).

        Raises MissingBearerToken without one (no header, another scheme such as Basic,
        or "Bearer" and nothing after it), OAuth2Error (invalid_token,
        insufficient_scope) for one that is unknown, expired, revoked or not openid.
        """
        scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not credentials.strip():
            raise MissingBearerToken
        token: Token = self.protector.validate_request(["openid"], FlaskOAuth2Request(request))
        return token

    def signed_userinfo(self, token: Token) -> str:
        """Userinfo as v2 answers it: a JWT signed with the client's algorithm, naming
        FranceConnect (iss) and the client (aud)."""
        client, person = token.get_client(), token.get_user()
        assert client is not None  # the validator checked both
        assert person is not None
        claims = {
            "iss": self.issuer,
            "aud": client.client_id,
            **person.claims(client.client_id, token.scope),
        }
        return self.faults.sign_userinfo(claims, client.userinfo_alg, self.signing.keys)


@dataclass(frozen=True)
class Lifetimes:
    """Seconds each thing lives (test mode may shorten or lengthen them)."""

    code: int = 60
    access_token: int = 60
    id_token: int = 60
    session: int = 1800  # from /authorize to the consent: the user's FranceConnect session


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
                issued_at=federation.clock.now(request.client.client_id),
                # The configured lifetime: Authlib leaves expires_in out when it is 0.
                expires_in=federation.lifetimes.access_token,
            ),
            code.code if code is not None else None,
        )

    class CodeGrant(grants.AuthorizationCodeGrant):
        TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

        def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
            now = federation.clock.now(request.client.client_id)
            store.save_code(
                AuthorizationCode(
                    code=code,
                    client_id=request.client.client_id,
                    redirect_uri=request.payload.redirect_uri or "",
                    scope=request.scope,
                    nonce=request.payload.data.get("nonce"),
                    identity_id=request.user.id,
                    auth_time=int(now),
                    expires_at=now + federation.lifetimes.code,
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

        def resolve_client_private_key(self, client: Client) -> ECKey | RSAKey:
            return federation.signing.key(client.id_token_alg)

        def get_client_algorithm(self, client: Client) -> str:
            return client.id_token_alg

        def get_encode_header(self, client: Client) -> dict[str, str]:
            key = federation.signing.key(client.id_token_alg)
            return {"alg": client.id_token_alg, "kid": key.kid or ""}

        def get_client_claims(self, client: Client) -> dict[str, Any]:
            # iat here, not Authlib's: FranceConnect's clock for this client (test mode)
            issued = int(federation.clock.now(client.client_id))
            return {
                "iss": federation.issuer,
                "aud": client.client_id,
                "iat": issued,
                "exp": issued + federation.lifetimes.id_token,
            }

        def get_compatible_claims(self, request: OAuth2Request) -> dict[str, Any]:
            claims: dict[str, Any] = super().get_compatible_claims(request)
            claims["sub"] = request.user.sub_for(request.client.client_id)
            return claims

        def generate_user_info(self, user: Identity, scope: str) -> UserInfo:
            # As FranceConnect: the ID token names the user; the identity is at userinfo.
            return UserInfo()

        def encode_id_token(self, token: dict[str, Any], request: OAuth2Request) -> str:
            id_token: str = super().encode_id_token(token, request)
            now = int(federation.clock.now(request.client.client_id))
            return federation.faults.bend_id_token(id_token, federation.signing.keys, now)

        def process_token(self, grant: Any, response: Any) -> dict[str, Any]:
            token: dict[str, Any] = super().process_token(grant, response)
            federation.faults.bend_token_answer(token)  # the same dict Authlib answers with
            return token

    def require_state_and_openid(grant: Any, redirect_uri: str) -> None:
        # FranceConnect refuses what plain OAuth tolerates: no state, no openid scope,
        # and (v2) no acr_values.
        state = grant.request.payload.state
        # No request objects (discovery says so): OIDC Core 6.1, 6.2 forbid ignoring one.
        if "request" in grant.request.payload.data:
            raise RequestNotSupportedError(state=state, redirect_uri=redirect_uri)
        if "request_uri" in grant.request.payload.data:
            raise RequestURINotSupportedError(state=state, redirect_uri=redirect_uri)
        if not grant.request.payload.state:
            raise InvalidRequestError("Missing 'state' in request.", redirect_uri=redirect_uri)
        if not is_openid_scope(grant.request.payload.scope):
            raise InvalidScopeError("The 'openid' scope is required.", redirect_uri=redirect_uri)
        acr_values = str(grant.request.payload.data.get("acr_values") or "").split()
        if not acr_values:
            raise InvalidRequestError("Missing 'acr_values' in request.", redirect_uri=redirect_uri)
        if not set(acr_values) & set(ACR_VALUES):
            raise InvalidRequestError(
                f"acr_values must include one of {list(ACR_VALUES)}.", redirect_uri=redirect_uri
            )

    class StrictExtension:
        def __call__(self, grant: Any) -> None:
            grant.register_hook(
                "after_validate_authorization_request_payload", require_state_and_openid
            )

    class Validator(BearerTokenValidator):
        def authenticate_token(self, token_string: str) -> Token | None:
            return store.token(token_string)

    class FranceConnectEndSession(EndSessionEndpoint):
        def get_server_jwks(self) -> KeySet:
            return federation.signing.key_set()

        def get_algorithms(self) -> list[str]:
            return list(SIGNING_ALGORITHMS)

        def end_session(self, end_session_request: EndSessionRequest) -> None:
            session.pop(LOGIN_KEY, None)
            session.pop("requests", None)

    server = StoredRequestServer(query_client=query_client, save_token=save_token)
    server.load_config(
        {
            "OAUTH2_SCOPES_SUPPORTED": list(SCOPE_CLAIMS),
            "OAUTH2_TOKEN_EXPIRES_IN": {"authorization_code": federation.lifetimes.access_token},
        }
    )
    server.register_grant(
        CodeGrant, [StrictExtension(), FranceConnectOpenIDCode(require_nonce=True)]
    )
    federation.protector.register_token_validator(Validator())
    server.register_endpoint(FranceConnectEndSession)
    return server
