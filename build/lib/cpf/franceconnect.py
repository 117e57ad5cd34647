"""FranceConnect's identity providers, as its provider choice shows them.

One home for both sides: the FranceConnect mock serves these buttons, the
harness clicks them by name (``harness/franceconnect_identities.py``), and a
team testing against FranceConnect's own integration platform reads the same
names there.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IdentityProvider:
    id: str
    name: str  # the name on its button
    identifier_hint: str  # what its login form asks for


IDENTITY_PROVIDERS = (
    IdentityProvider("impots", "impots.gouv.fr", "Votre numéro fiscal (13 chiffres)"),
    IdentityProvider("ameli", "ameli.fr", "Votre numéro de sécurité sociale (15 caractères)"),
    IdentityProvider("laposte", "L'Identité Numérique La Poste", "Votre adresse électronique"),
    IdentityProvider("msa", "MSA", "Votre numéro de sécurité sociale (15 caractères)"),
    IdentityProvider("mobileconnect", "Mobile Connect et moi", "Votre numéro de téléphone mobile"),
)
