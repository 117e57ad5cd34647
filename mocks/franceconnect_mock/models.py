"""In-memory models behind Authlib's server: clients, authorization codes, tokens.

One ``Store`` per federation app; every read-modify-write goes through its
lock because the server is threaded (the portal and a browser hit it at once).
"""

from __future__ import annotations

import json
import secrets
import threading
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from authlib.oauth2.rfc6749 import ClientMixin, TokenMixin
from authlib.oauth2.rfc6749.util import list_to_scope, scope_to_list
from authlib.oidc.core import AuthorizationCodeMixin

from .clock import Clock
from .identities import SCOPE_CLAIMS, Identity

# FranceConnect v2 signs with ES256 (recommended, the default) or RS256.
SIGNING_ALGORITHMS = ("ES256", "RS256")
DEFAULT_SIGNING_ALG = "ES256"


class RegistrationError(ValueError):
    """A client registration the mock refuses (its message goes back as JSON)."""


@dataclass
class Client(ClientMixin):
    client_id: str
    client_secret: str
    redirect_uris: list[str]
    post_logout_redirect_uris: list[str] = field(default_factory=list)
    client_name: str = ""
    id_token_alg: str = DEFAULT_SIGNING_ALG  # id_token_signed_response_alg
    userinfo_alg: str = DEFAULT_SIGNING_ALG  # userinfo_signed_response_alg

    @property
    def client_metadata(self) -> dict[str, Any]:
        # Authlib's end-session endpoint reads the registered logout URIs here.
        return {"post_logout_redirect_uris": self.post_logout_redirect_uris}

    def as_registered(self) -> dict[str, Any]:
        """The registration as the test API echoes it (everything but the secret)."""
        return {
            "client_id": self.client_id,
            "client_name": self.display_name,
            "redirect_uris": self.redirect_uris,
            "post_logout_redirect_uris": self.post_logout_redirect_uris,
            "id_token_signed_response_alg": self.id_token_alg,
            "userinfo_signed_response_alg": self.userinfo_alg,
        }

    @property
    def display_name(self) -> str:
        return self.client_name or self.client_id

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        # None, even with one registered address: OIDC Core 3.1.2.1 makes redirect_uri
        # REQUIRED, and FranceConnect lists it among the mandatory parameters.
        return None

    def get_allowed_scope(self, scope: str | None) -> str:
        if not scope:
            return ""
        return str(list_to_scope([s for s in scope_to_list(scope) if s in SCOPE_CLAIMS]))

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris  # exact match, nothing looser

    def check_client_secret(self, client_secret: str) -> bool:
        return secrets.compare_digest(self.client_secret, client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Client:
        """A registration (clients.json, PORTAL_CLIENT or the test API), as OpenID
        Connect Dynamic Client Registration names its fields."""
        algs = {
            name: data.get(name) or DEFAULT_SIGNING_ALG
            for name in ("id_token_signed_response_alg", "userinfo_signed_response_alg")
        }
        for name, alg in algs.items():
            if alg not in SIGNING_ALGORITHMS:
                raise RegistrationError(f"{name} must be one of {list(SIGNING_ALGORITHMS)}")
        return cls(
            client_id=str(data["client_id"]),
            client_secret=str(data["client_secret"]),
            redirect_uris=[str(uri) for uri in data.get("redirect_uris", [])],
            post_logout_redirect_uris=[str(u) for u in data.get("post_logout_redirect_uris", [])],
            client_name=str(data.get("client_name", "")),
            id_token_alg=str(algs["id_token_signed_response_alg"]),
            userinfo_alg=str(algs["userinfo_signed_response_alg"]),
        )


@dataclass
class AuthorizationCode(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    nonce: str | None
    identity_id: str
    auth_time: int
    expires_at: float

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> str:
        return "eidas1"  # FranceConnect's level for password sign-ins

    def get_amr(self) -> list[str]:
        return ["pwd"]


@dataclass
class Token(TokenMixin):
    access_token: str
    client_id: str
    scope: str
    identity_id: str
    issued_at: float
    expires_in: int
    revoked: bool = False
    store: Store | None = field(default=None, repr=False, compare=False)

    def check_client(self, client: Client) -> bool:
        return self.client_id == client.client_id

    def get_scope(self) -> str:
        return self.scope

    def get_expires_in(self) -> int:
        return self.expires_in

    def is_expired(self) -> bool:
        assert self.store is not None
        return self.store.clock.now(self.client_id) >= self.issued_at + self.expires_in

    def is_revoked(self) -> bool:
        return self.revoked

    def get_user(self) -> Identity | None:
        assert self.store is not None
        return self.store.identity(self.identity_id)

    def get_client(self) -> Client | None:
        assert self.store is not None
        return self.store.client(self.client_id)


def load_configured_clients() -> list[Client]:
    text = resources.files(__package__).joinpath("clients.json").read_text(encoding="utf-8")
    return [Client.from_dict(item) for item in json.loads(text)["clients"]]


class Store:
    """Clients, identities, codes and tokens of one federation, behind one lock."""

    def __init__(self, clients: list[Client], identities: list[Identity], clock: Clock) -> None:
        self._lock = threading.Lock()
        self.clock = clock
        self._clients = {client.client_id: client for client in clients}
        self._identities = {identity.id: identity for identity in identities}
        self._codes: dict[str, AuthorizationCode] = {}
        # Codes already exchanged, with the tokens they gave: a replay revokes them.
        self._used_codes: dict[str, list[str]] = {}
        self._tokens: dict[str, Token] = {}

    # --- clients and identities ---------------------------------------------

    def client(self, client_id: str) -> Client | None:
        with self._lock:
            return self._clients.get(client_id)

    def register_client(self, client: Client) -> None:
        with self._lock:
            self._clients[client.client_id] = client

    def identity(self, identity_id: str) -> Identity | None:
        with self._lock:
            return self._identities.get(identity_id)

    def identities(self) -> list[Identity]:
        with self._lock:
            return list(self._identities.values())

    def add_identity(self, identity: Identity) -> None:
        with self._lock:
            self._identities[identity.id] = identity

    def find_identity(self, provider_id: str, login: str) -> Identity | None:
        with self._lock:
            candidates = list(self._identities.values())
        for identity in candidates:
            if identity.provider == provider_id and identity.matches_login(login):
                return identity
        return None

    # --- authorization codes ------------------------------------------------

    def save_code(self, code: AuthorizationCode) -> None:
        with self._lock:
            self._codes[code.code] = code

    def claim_code(self, code: str, client_id: str) -> AuthorizationCode | None:
        """Take the code out of the store: whatever happens next, it is used.

        Taking it under the lock makes two concurrent exchanges of one code
        impossible; a second one finds nothing and revokes the first's tokens.
        """
        with self._lock:
            found = self._codes.get(code)
            if found is None or found.client_id != client_id:
                self._revoke_tokens_of(code)
                return None
            del self._codes[code]
            self._used_codes[code] = []
            if self.clock.now(client_id) >= found.expires_at:
                return None
            return found

    def code_exists_with_nonce(self, client_id: str, nonce: str) -> bool:
        with self._lock:
            return any(
                code.client_id == client_id and code.nonce == nonce for code in self._codes.values()
            )

    def expire_code(self, code: str) -> bool:
        with self._lock:
            found = self._codes.get(code)
            if found is None:
                return False
            found.expires_at = 0
            return True

    def _revoke_tokens_of(self, code: str) -> None:
        for access_token in self._used_codes.get(code, []):
            if access_token in self._tokens:
                self._tokens[access_token].revoked = True

    # --- tokens ---------------------------------------------------------------

    def save_token(self, token: Token, code: str | None) -> None:
        token.store = self
        with self._lock:
            self._tokens[token.access_token] = token
            if code is not None:
                self._used_codes.setdefault(code, []).append(token.access_token)

    def token(self, access_token: str) -> Token | None:
        with self._lock:
            return self._tokens.get(access_token)
