"""Test-mode faults: FranceConnect answering as a broken or hostile provider would.

Authlib builds every answer as usual; a fault then bends it on its way out: the
authorization response (an error instead of a sign-in), the token answer (an
error status, a member left out), the ID token (claims replaced, left out or
moved in time; another key, algorithm or ``kid``) and the userinfo JWT (claims
replaced or left out; another key, algorithm or ``kid``). Each bent answer is
wrong in one way only, so that the relying party's check for that one thing is
the only one that can refuse it.

Set through testing.py; global to this FranceConnect server until reset.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass, field
from typing import Any

from joserfc import jws, jwt
from joserfc.errors import SecurityWarning
from joserfc.jwk import ECKey, KeyParameters, KeySet, RSAKey

# What the payloads may name (anything else is refused with a 400).
TIMED_CLAIMS = ("exp", "iat")
TOKEN_MEMBERS = ("id_token", "access_token")
SIGNING_ALGORITHMS = ("ES256", "RS256", "none")
DEFAULT_ALG = "ES256"

SigningKey = ECKey | RSAKey


class FaultError(ValueError):
    """A fault payload the test API refuses (its message goes back as JSON)."""


@dataclass(frozen=True)
class ClaimsFault:
    """Claims replaced, claims left out, and times set relative to now."""

    replaced: dict[str, Any] = field(default_factory=dict)
    left_out: frozenset[str] = frozenset()
    seconds_from_now: dict[str, int] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return bool(self.replaced or self.left_out or self.seconds_from_now)

    def apply(self, claims: dict[str, Any], now: int | None = None) -> dict[str, Any]:
        """``now``: FranceConnect's clock for the client (the real time if not given)."""
        bent = {name: value for name, value in claims.items() if name not in self.left_out}
        bent.update(self.replaced)
        now = int(time.time()) if now is None else now
        bent.update({name: now + seconds for name, seconds in self.seconds_from_now.items()})
        return bent

    @classmethod
    def from_payload(cls, data: dict[str, Any], *, timed: tuple[str, ...] = ()) -> ClaimsFault:
        """{"claims": {...}, "without": [...], "seconds_from_now": {"exp": -600}}."""
        replaced = data.get("claims", {})
        left_out = data.get("without", [])
        seconds = data.get("seconds_from_now", {})
        if not isinstance(replaced, dict):
            raise FaultError("claims must be an object of claim values")
        if not isinstance(left_out, list) or not all(isinstance(n, str) for n in left_out):
            raise FaultError("without must be a list of claim names")
        if not isinstance(seconds, dict) or not all(
            name in timed and isinstance(value, int) and not isinstance(value, bool)
            for name, value in seconds.items()
        ):
            raise FaultError(f"seconds_from_now must map {list(timed) or 'nothing'} to integers")
        fault = cls(dict(replaced), frozenset(left_out), dict(seconds))
        if not fault.active:
            raise FaultError("give claims, without or seconds_from_now")
        return fault


@dataclass(frozen=True)
class SigningFault:
    """How ID tokens are signed instead of with the published key."""

    foreign_key: bool = False  # another key, same kid: only the signature check sees it
    alg: str | None = None  # "none": unsigned
    kid: str | None = None  # the published key, named by a kid the JWKS does not hold
    without_kid: bool = False  # the published key, its header naming no kid at all

    @property
    def active(self) -> bool:
        return self.foreign_key or self.alg is not None or self.kid is not None or self.without_kid

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> SigningFault:
        """{"foreign_key": true}, {"alg": "none"}, {"kid": "cle-inconnue"} or
        {"without_kid": true}."""
        if not {"foreign_key", "alg", "kid", "without_kid"} & data.keys():
            raise FaultError("give foreign_key, alg, kid or without_kid")
        alg, kid = data.get("alg"), data.get("kid")
        if alg is not None and alg not in SIGNING_ALGORITHMS:
            raise FaultError(f"alg must be one of {list(SIGNING_ALGORITHMS)}")
        if kid is not None and (not isinstance(kid, str) or not kid):
            raise FaultError("kid must be a non-empty string")
        without_kid = bool(data.get("without_kid", False))
        if without_kid and kid is not None:
            raise FaultError("give kid or without_kid, not both")
        return cls(bool(data.get("foreign_key", False)), alg, kid, without_kid)


@dataclass(frozen=True)
class JwksFault:
    """The JWKS with only one of the federation's keys, or with extra keys signing nothing."""

    only: str | None = None  # the algorithm whose key alone is published
    extra_keys: tuple[dict[str, Any], ...] = ()

    def published(self, keys: list[dict[str, Any]]) -> list[dict[str, Any]]:
        kept = [key for key in keys if self.only is None or key.get("alg") == self.only]
        return [*kept, *self.extra_keys]

    @classmethod
    def from_payload(cls, data: dict[str, Any]) -> JwksFault:
        """{"only": "ES256"}: a single key in the JWKS; {"extra_keys": true}: one more P-256
        and one more RSA key, so that a header without kid matches several keys."""
        only, extra = data.get("only"), data.get("extra_keys", False)
        if only is not None and only not in SIGNING_ALGORITHMS[:2]:
            raise FaultError(f"only must be one of {list(SIGNING_ALGORITHMS[:2])}")
        if not isinstance(extra, bool) or (only is None) == (not extra):
            raise FaultError("give only or extra_keys: true (one of them)")
        if not extra:
            return cls(only=only)
        keys = (
            ECKey.generate_key("P-256", parameters={"use": "sig", "alg": "ES256"}),
            RSAKey.generate_key(2048, parameters={"use": "sig", "alg": "RS256"}),
        )
        for key in keys:
            key.ensure_kid()
        return cls(extra_keys=tuple(key.as_dict(private=False) for key in keys))


@dataclass(frozen=True)
class Faults:
    """Every fault of one FranceConnect server; a new, empty one clears them."""

    authorize_error: str | None = None
    token_status: int | None = None
    token_left_out: frozenset[str] = frozenset()
    signing: SigningFault = SigningFault()
    id_token: ClaimsFault = ClaimsFault()
    userinfo: ClaimsFault = ClaimsFault()
    userinfo_signing: SigningFault = SigningFault()
    jwks: JwksFault = JwksFault()

    def published_keys(self, keys: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The JWKS's keys: the federation's (or only one of them), then any extra ones."""
        return self.jwks.published(keys)

    def announced_algorithms(self, algorithms: list[str], *, userinfo: bool = False) -> list[str]:
        """The discovery document's list (ID token's, or userinfo's): a provider that may
        sign with "none" says so (OpenID Connect Discovery 1.0, section 3, allows it
        with the code flow)."""
        extra = (self.userinfo_signing if userinfo else self.signing).alg
        if extra is None or extra in algorithms:
            return algorithms
        return [*algorithms, extra]

    def bend_id_token(
        self, id_token: str, keys: dict[str, SigningKey], now: int | None = None
    ) -> str:
        """The ID token Authlib made with one of ``keys`` (by algorithm), re-issued as
        the faults say; {"alg": "RS256"} re-signs with the federation's RS256 key."""
        if not (self.signing.active or self.id_token.active):
            return id_token
        issued_alg = str(jws.extract_compact(id_token.encode()).headers()["alg"])
        issued = jwt.decode(id_token, KeySet([keys[issued_alg]]), algorithms=[issued_alg])
        return _signed(self.id_token.apply(issued.claims, now), issued_alg, keys, self.signing)

    def sign_userinfo(self, claims: dict[str, Any], alg: str, keys: dict[str, SigningKey]) -> str:
        """The userinfo JWT, with the client's algorithm, bent as the faults say."""
        return _signed(self.userinfo.apply(claims), alg, keys, self.userinfo_signing)

    def bend_token_answer(self, token: dict[str, Any]) -> None:
        for member in self.token_left_out:
            token.pop(member, None)


def _signed(
    claims: dict[str, Any], alg: str, keys: dict[str, SigningKey], fault: SigningFault
) -> str:
    """``claims`` signed with the federation's key for ``alg``, or as ``fault`` says."""
    alg = fault.alg or alg
    if alg == "none":
        return _unsigned(_header(alg, fault, str(keys[DEFAULT_ALG].kid)), claims)
    key = keys[alg]
    header = _header(alg, fault, str(key.kid))
    return jwt.encode(header, claims, _signing_key(key, fault), algorithms=[alg])


def _header(alg: str, fault: SigningFault, kid: str) -> dict[str, str]:
    if fault.without_kid:
        return {"alg": alg}
    return {"alg": alg, "kid": fault.kid or kid}


def _signing_key(key: SigningKey, fault: SigningFault) -> SigningKey:
    if not fault.foreign_key:
        return key
    parameters: KeyParameters = {"kid": key.kid or "", "alg": str(key.alg)}
    if isinstance(key, ECKey):
        return ECKey.generate_key("P-256", parameters=parameters)
    return RSAKey.generate_key(2048, parameters=parameters)


def _unsigned(header: dict[str, Any], claims: dict[str, Any]) -> str:
    """An unsigned JWT. No at_hash either (no hash without an algorithm), so that
    ``alg: none`` is all that is wrong with it."""
    claims = {name: value for name, value in claims.items() if name != "at_hash"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SecurityWarning)  # unsigned on purpose
        # joserfc's hints want a key, but "none" takes None (and only None).
        return jwt.encode(header, claims, None, algorithms=["none"])  # type: ignore[arg-type]
