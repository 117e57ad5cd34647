"""FranceConnect as its users see it: its identity providers and its pages' wording.

One home for both sides: the FranceConnect mock serves these buttons and words, the
harness clicks and reads them by name (``harness/franceconnect_identities.py``,
``page_objects/franceconnect.py``), and a team testing against FranceConnect's own
integration platform reads the same names there. What the *portal* says about a
FranceConnect sign-in is the portal's: ``cpf/messages.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .messages import ErrorPage


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


# --- FranceConnect's pages, in its own words ------------------------------------------
# The mock renders these (franceconnect_mock: its templates get this module as
# ``wording``), the page objects find its pages by them (page_objects/franceconnect.py)
# and the tests compare with them. {service} is the name a client registered, the one
# FranceConnect shows its users: SERVICE_NAME for the portal.

SERVICE_NAME = "Mon Compte Formation"  # the portal's client name at FranceConnect
SIGNING_IN_TO = "Connexion à {service}"  # the header, during a sign-in
BACK_TO_SERVICE = "Revenir sur {service}"  # the cancel button of every sign-in page

PROVIDER_CHOICE_HEADING = "Je choisis un compte pour me connecter"  # also its <title>
PROVIDER_CHOICE_LEAD = (
    "FranceConnect est la solution proposée par l'État pour sécuriser et simplifier la "
    "connexion à vos services en ligne. Choisissez le compte que vous avez déjà auprès de l'un "
    "de ces services pour vous connecter à {service}."
)
PROVIDER_UNAVAILABLE = "Momentanément indisponible"  # under an unavailable provider's button

PROVIDER_LOGIN_TITLE = "Connexion avec {provider}"
PROVIDER_LOGIN_HEADING = "Je me connecte avec {provider}"
IDENTIFIER_LABEL = "Identifiant"
PASSWORD_LABEL = "Mot de passe"
LOG_IN_BUTTON = "Se connecter"
IDENTIFIER_REQUIRED = "Saisissez votre identifiant."
PASSWORD_REQUIRED = "Saisissez votre mot de passe."
WRONG_CREDENTIALS = "Identifiant ou mot de passe incorrect. Vérifiez votre saisie et réessayez."
OTHER_ACCOUNT_LINK = "Choisir un autre compte"

CONSENT_TITLE = "Données transmises à {service}"
CONSENT_HEADING = "Vous êtes connecté(e), {given_name} {family_name}"
CONSENT_DATA_HEADING = "Les données suivantes vont être transmises à {service}"
CONSENT_DATA_SOURCE = "Elles proviennent de votre compte {provider}."
CONSENT_NO_PERSONAL_DATA = "Aucune donnée personnelle, seulement un identifiant technique."
CONTINUE_TO_SERVICE = "Continuer sur {service}"
# How the consent page names what is passed on, in the order it lists them (OIDC claims).
CLAIM_LABELS: dict[str, str] = {
    "family_name": "Nom de naissance",
    "preferred_username": "Nom d'usage",
    "given_name": "Prénom(s)",
    "birthdate": "Date de naissance",
    "gender": "Sexe",
    "birthplace_name": "Lieu de naissance",
    "birthcountry": "Pays de naissance",
    "email": "Adresse électronique",
    "nir": "Numéro de sécurité sociale",
}

LOGGED_OUT_TITLE = "Déconnexion"
LOGGED_OUT_HEADING = "Vous êtes déconnecté(e) de FranceConnect"
LOGGED_OUT_TEXT = "Vous pouvez fermer cette page ou retourner sur le service que vous utilisiez."


# Pages FranceConnect shows instead of sending the user back (their message an alert).
REQUEST_EXPIRED = ErrorPage(
    "Demande de connexion expirée",
    "Votre demande de connexion a expiré ou n'existe pas. "
    "Retournez sur le service que vous utilisiez et recommencez.",
)
INVALID_REQUEST = ErrorPage(
    "Demande de connexion invalide",
    "Le service qui vous a envoyé ici a fait une demande de connexion invalide "
    "et FranceConnect ne peut pas y donner suite.",
)
LOGOUT_REFUSED = ErrorPage("Déconnexion impossible", "La demande de déconnexion n'est pas valide.")
# A FranceConnect v1 address; {api} is where v2 serves its endpoints.
V1_ADDRESS = ErrorPage(
    "Adresse de FranceConnect v1",
    "Cette adresse était celle de FranceConnect v1. FranceConnect v2 sert sa configuration "
    "et ses points d'accès sous {api}/ ({api}/.well-known/openid-configuration).",
)
ERROR_CODE = "Code d'erreur :"  # before the OAuth error code on INVALID_REQUEST's page
FORM_EXPIRED = ErrorPage(
    "Formulaire expiré",
    "Votre session a expiré ou le formulaire a déjà été envoyé. Recommencez.",
)
SERVICE_ERROR = ErrorPage(
    "Erreur du service", "Une erreur est survenue. Veuillez réessayer dans quelques instants."
)
HTTP_ERRORS = {
    404: ErrorPage("Erreur", "La page demandée n'existe pas."),
    405: ErrorPage("Erreur", "Cette action n'est pas possible sur cette page."),
    413: ErrorPage("Erreur", "Les données envoyées sont trop volumineuses."),
}
OTHER_HTTP_ERROR = ErrorPage("Erreur", "La demande n'a pas pu être traitée. Veuillez réessayer.")
