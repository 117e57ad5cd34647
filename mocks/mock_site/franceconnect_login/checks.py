"""What the portal checks in FranceConnect's answers, beyond what Authlib checks by itself.

Authlib's Flask client already refuses a callback whose ``state`` is not this
browser's, an ``error`` at the callback, an ID token whose signature no key of
the JWKS verifies (the key named by its ``kid``), an expired or not-yet-issued
one, one without the ``nonce`` sent, and one with several audiences but no
``azp`` naming the portal (its ``CodeIDToken``, OIDC Core 3.1.3.7). What it
leaves to the relying party is here, with the userinfo answer that FranceConnect
v2 signs (Authlib's client reads userinfo as plain JSON only). The README's
FranceConnect section lists every check with its section of OpenID Connect Core 1.0.
"""

from __future__ import annotations

from typing import Any

from authlib.oauth2.claims import ClaimsOption
from joserfc import jwt
from joserfc.jwk import KeySet

# 3.1.3.7 (7): the algorithms agreed with FranceConnect, whatever its discovery
# document lists ("none" is allowed there with the code flow).
ID_TOKEN_ALGORITHMS = ("RS256", "ES256")

# 3.1.3.7 (9, 10): the clocks of the portal and FranceConnect may differ a little.
CLOCK_SKEW_SECONDS = 60


def id_token_claims_options(issuer: str, client_id: str) -> dict[str, ClaimsOption]:
    """The claims Authlib's CodeIDToken compares with what the portal expects."""
    return {
        "iss": {"essential": True, "value": issuer},  # 3.1.3.7 (2)
        "aud": {"essential": True, "value": client_id},  # 3.1.3.7 (3): the portal among them
    }


def same_person(id_claims: dict[str, Any], userinfo: dict[str, Any]) -> bool:
    """5.3.2: userinfo speaks of the ID token's person (a missing ``sub`` does not)."""
    return bool(userinfo.get("sub") == id_claims["sub"])


# 5.3.2: FranceConnect v2 answers userinfo as a signed JWT, never as plain JSON.
USERINFO_CONTENT_TYPE = "application/jwt"


class UserinfoRefused(ValueError):
    """A userinfo answer the portal does not take: not a JWT, or not FranceConnect's."""


def signed_userinfo(
    content_type: str, body: str, keys: KeySet, issuer: str, client_id: str
) -> dict[str, Any]:
    """5.3.2: the claims of a userinfo JWT whose signature a key of the JWKS verifies
    (an agreed algorithm only), issued by FranceConnect for the portal.

    Raises UserinfoRefused, or joserfc's JoseError for a bad signature or claim.
    """
    if content_type.split(";")[0].strip().lower() != USERINFO_CONTENT_TYPE:
        raise UserinfoRefused(f"userinfo answered {content_type or 'no content type'}")
    token = jwt.decode(body, keys, algorithms=list(ID_TOKEN_ALGORITHMS))
    jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": issuer},
        aud={"essential": True, "value": client_id},
    ).validate(token.claims)
    return dict(token.claims)
