"""What the portal checks in FranceConnect's answers, beyond what Authlib checks by itself.

Authlib's Flask client already refuses a callback whose ``state`` is not this
browser's, an ``error`` at the callback, an ID token whose signature no key of
the JWKS verifies (the key named by its ``kid``), an expired or not-yet-issued
one, one without the ``nonce`` sent, and one with several audiences but no
``azp`` naming the portal (its ``CodeIDToken``, OIDC Core 3.1.3.7). What it
leaves to the relying party is here. The README's FranceConnect section lists
every check with its section of OpenID Connect Core 1.0.
"""

from __future__ import annotations

from typing import Any

from authlib.oauth2.claims import ClaimsOption

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
