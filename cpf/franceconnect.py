"""FranceConnect's identity providers, as its provider choice shows them, and the
French messages of FranceConnect's own pages.

One home for both sides: the FranceConnect mock serves these buttons and messages,
the harness clicks them by name (``harness/franceconnect_identities.py``) and the
tests expect the messages, and a team testing against FranceConnect's own
integration platform reads the same names there.
"""

from __future__ import annotations

from dataclasses import dataclass

# At a provider's login form, for a wrong password or an unknown identifier.
WRONG_CREDENTIALS = "Identifiant ou mot de passe incorrect. Vérifiez votre saisie et réessayez."
# FranceConnect's own page for a request it cannot answer to the service (unknown
# client, unregistered redirect URI).
INVALID_REQUEST = (
    "Le service qui vous a envoyé ici a fait une demande de connexion invalide "
    "et FranceConnect ne peut pas y donner suite."
)


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
