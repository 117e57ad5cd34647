"""FranceConnect answers the portal must refuse: one per check its client makes.

Each case is a fault of the FranceConnect mock (``PUT
/__test__/franceconnect/faults/<fault>`` with ``payload``), wrong in one way
only, so that the portal's check for that one thing is the only one that can
refuse it; and the French message the portal then shows on Connexion. The fast
tests (tests/test_franceconnect_checks.py) run every case; the browser suite
a representative few (``in_browser``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cpf.messages import FRANCECONNECT_CANCELLED as CANCELLED
from cpf.messages import FRANCECONNECT_FAILED as FAILED
from cpf.messages import FRANCECONNECT_NOT_VERIFIED as NOT_VERIFIED

# The portal's registration at the mock (mock_site's FRANCECONNECT_CLIENT_ID).
PORTAL_CLIENT_ID = "moncompteformation"
ANOTHER_SERVICE = "service-voisin"
TEN_MINUTES = 600  # well beyond the clock skew the portal allows


@dataclass(frozen=True)
class BrokenAnswer:
    id: str
    fault: str  # authorize, token, signing, id_token, userinfo, userinfo_signing
    payload: dict[str, Any]
    message: str  # what Connexion says
    in_browser: bool = False

    @property
    def at_authorize(self) -> bool:
        """FranceConnect answers the authorization request at once: no sign-in there."""
        return self.fault == "authorize"


BROKEN_ANSWERS = (
    # The callback carries an error instead of a code (OIDC Core 3.1.2.6).
    BrokenAnswer("access-denied", "authorize", {"error": "access_denied"}, CANCELLED),
    BrokenAnswer(
        "login-required", "authorize", {"error": "login_required"}, FAILED, in_browser=True
    ),
    BrokenAnswer("unknown-error", "authorize", {"error": "erreur_inconnue"}, FAILED),
    # The token answer has no ID token (3.1.3.3).
    BrokenAnswer("no-id-token", "token", {"without": ["id_token"]}, NOT_VERIFIED),
    # The ID token's signature (3.1.3.7 (6), (7); 10.1).
    BrokenAnswer("foreign-key", "signing", {"foreign_key": True}, NOT_VERIFIED, in_browser=True),
    # Proven by the fast test, whose portal reads discovery (listing "none") after the
    # fault; the browser suite's portal may have read it before.
    BrokenAnswer("alg-none", "signing", {"alg": "none"}, NOT_VERIFIED),
    BrokenAnswer("unknown-kid", "signing", {"kid": "cle-inconnue"}, NOT_VERIFIED),
    # No kid while the JWKS holds several keys (10.1: then kid is a MUST).
    BrokenAnswer("kid-absent", "signing", {"without_kid": True}, NOT_VERIFIED),
    BrokenAnswer(
        "foreign-key-rs256", "signing", {"foreign_key": True, "alg": "RS256"}, NOT_VERIFIED
    ),
    # The ID token's claims (3.1.3.7 (2) to (11)).
    BrokenAnswer(
        "wrong-iss",
        "id_token",
        {"claims": {"iss": "https://fournisseur-inconnu.exemple"}},
        NOT_VERIFIED,
    ),
    BrokenAnswer("wrong-aud", "id_token", {"claims": {"aud": ANOTHER_SERVICE}}, NOT_VERIFIED),
    BrokenAnswer("missing-sub", "id_token", {"without": ["sub"]}, NOT_VERIFIED),
    BrokenAnswer("missing-iat", "id_token", {"without": ["iat"]}, NOT_VERIFIED),
    BrokenAnswer(
        "wrong-aud-azp-portal",
        "id_token",
        {"claims": {"aud": ANOTHER_SERVICE, "azp": PORTAL_CLIENT_ID}},
        NOT_VERIFIED,
    ),
    BrokenAnswer(
        "aud-among-others-no-azp",
        "id_token",
        {"claims": {"aud": [PORTAL_CLIENT_ID, ANOTHER_SERVICE]}},
        NOT_VERIFIED,
    ),
    BrokenAnswer(
        "aud-among-others-azp-other",
        "id_token",
        {"claims": {"aud": [PORTAL_CLIENT_ID, ANOTHER_SERVICE], "azp": ANOTHER_SERVICE}},
        NOT_VERIFIED,
    ),
    BrokenAnswer(
        "expired",
        "id_token",
        {"seconds_from_now": {"exp": -TEN_MINUTES}},
        NOT_VERIFIED,
    ),
    BrokenAnswer(
        "issued-in-the-future", "id_token", {"seconds_from_now": {"iat": TEN_MINUTES}}, NOT_VERIFIED
    ),
    BrokenAnswer("wrong-nonce", "id_token", {"claims": {"nonce": "autre-nonce"}}, NOT_VERIFIED),
    BrokenAnswer("missing-nonce", "id_token", {"without": ["nonce"]}, NOT_VERIFIED),
    # Userinfo speaks of the ID token's person (5.3.2), with a valid NIR.
    BrokenAnswer(
        "userinfo-other-person",
        "userinfo",
        {"claims": {"sub": "quelqu-un-d-autre"}},
        NOT_VERIFIED,
    ),
    BrokenAnswer("userinfo-without-sub", "userinfo", {"without": ["sub"]}, NOT_VERIFIED),
    # FranceConnect v2 signs userinfo: a JWT from FranceConnect, for the portal (5.3.2).
    BrokenAnswer(
        "userinfo-foreign-key",
        "userinfo_signing",
        {"foreign_key": True},
        NOT_VERIFIED,
        in_browser=True,
    ),
    BrokenAnswer("userinfo-unsigned", "userinfo_signing", {"alg": "none"}, NOT_VERIFIED),
    BrokenAnswer(
        "userinfo-wrong-iss",
        "userinfo",
        {"claims": {"iss": "https://fournisseur-inconnu.exemple"}},
        NOT_VERIFIED,
    ),
    BrokenAnswer(
        "userinfo-wrong-aud", "userinfo", {"claims": {"aud": ANOTHER_SERVICE}}, NOT_VERIFIED
    ),
    BrokenAnswer(
        "invalid-nir",
        "userinfo",
        {"claims": {"nir": "288093306315400"}},  # Sophie Durand's NIR, key 00 instead of 72
        NOT_VERIFIED,
    ),
)
