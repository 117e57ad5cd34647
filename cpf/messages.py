"""Every French message a user of the portal sees, in one home.

The mock portal renders from here and the suites and the harness import from here, so a
wording change fails the tests that must notice it, and only those. The rules' own
messages (NIR, password, e-mail, names) live with their rules in ``cpf/rules.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def pattern(message: str) -> re.Pattern[str]:
    """``message`` whatever its {placeholders} are filled with: to find it on a page."""
    fixed = re.split(r"\{[^}]*\}", message)
    return re.compile(".+?".join(re.escape(part) for part in fixed))


# --- Connexion and the account -------------------------------------------------------------

# Mon compte's heading.
GREETING = "Bonjour {first_name} {birth_name}"
LOGIN_REQUIRED = "Connectez-vous pour accéder à votre compte."
LOGGED_OUT = "Vous êtes déconnecté."
BAD_CREDENTIALS = "Numéro de sécurité sociale ou mot de passe incorrect."
LOGIN_PASSWORD_EMPTY = "Saisissez votre mot de passe."  # the NIR's is rules.NIR_EMPTY
LOCKED = "Votre compte est bloqué après {failures} tentatives de connexion infructueuses."
LOCKED_RETRY = "Réessayez dans {wait}."
FRANCECONNECT_ONLY = (
    "Ce compte a été activé avec FranceConnect et n'a pas de mot de passe : "
    "connectez-vous avec le bouton « S'identifier avec FranceConnect »."
)

# The heading of the error summary above a refused form (every form of the portal).
ERROR_SUMMARY_TITLE = "Le formulaire contient des erreurs"

# --- Signup: the form (step 3); the rules' own messages are in cpf/rules.py ----------------

# The form's labels, by field name and in the form's order: the error summary's lines
# read "<label> : <message>", and the page object finds each field by its label.
SIGNUP_FIELD_LABELS = {
    "nir": "Numéro de sécurité sociale",
    "birth_name": "Nom de naissance",
    "first_name": "Prénom",
    "email": "Adresse électronique",
    "password": "Mot de passe",
    "password_confirmation": "Confirmation du mot de passe",
}
# The live checklist's title; its items and their states are the rules' (cpf/rules.py).
PASSWORD_CHECKLIST_TITLE = "Votre mot de passe doit contenir :"
NIR_TAKEN = "Un compte existe déjà avec ce numéro de sécurité sociale."
EMAIL_TAKEN = "Un compte existe déjà avec cette adresse électronique."

# --- Signup: the steps' order --------------------------------------------------------------

STEP_NOT_OPEN = "Cette étape n'est pas encore accessible : terminez d'abord l'étape « {title} »."
START_FROM_CONNEXION = (
    "Pour créer votre compte, cliquez sur « S'inscrire » depuis la page Connexion."
)

# --- Signup: the captcha (step 4), the activation ------------------------------------------

CAPTCHA_WRONG = (
    "L'image choisie ne correspond pas au mot demandé. Un nouveau contrôle vous est proposé."
)
CAPTCHA_NO_ANSWER = "Aucune image n'a été choisie. Un nouveau contrôle vous est proposé."
CAPTCHA_EXPIRED = "Le contrôle de sécurité a expiré. Un nouveau contrôle vous est proposé."
CAPTCHA_USED = (
    "Ce contrôle de sécurité n'est plus valable (il a déjà été utilisé ou remplacé). "
    "Un nouveau contrôle vous est proposé."
)
CAPTCHA_TOO_MANY_FAILURES = (
    "Trop d'erreurs au contrôle de sécurité. Vérifiez vos informations, saisissez à nouveau "
    "votre mot de passe et sa confirmation, puis recommencez."
)
CAPTCHA_REFRESHED = "De nouvelles images vous sont proposées."
CAPTCHA_ALREADY_PASSED = "Vous avez déjà passé le contrôle de sécurité."
ACCOUNT_ACTIVATED = "Votre compte est activé"

# --- Signup: the CGU (step 5) --------------------------------------------------------------

CGU_REQUIRED = "Vous devez accepter les conditions générales d'utilisation pour vous inscrire."
CONFIRMATION_SUBJECT = "Votre compte Mon Compte Formation est activé"

# --- Report du DIF -------------------------------------------------------------------------

DIF_EMPTY = "Saisissez votre nombre d'heures de DIF, entre 0 et 120."
DIF_NOT_A_WHOLE_NUMBER = (
    "Saisissez un nombre entier d'heures, en chiffres et sans virgule, par exemple 40."
)
DIF_OUT_OF_RANGE = "Le nombre d'heures de DIF doit être compris entre 0 et 120."
DIF_SAVED = (
    "Vos heures de DIF sont enregistrées : {hours}, soit {euros} ajoutés à vos droits formation."
)
DIF_CLOSED_REFUSED = (
    "Votre saisie n'a pas été enregistrée : la date limite de report du DIF est dépassée."
)
DIF_PUBLIC_REFUSED = (
    "Votre saisie n'a pas été enregistrée : en tant qu'agent public, vous n'avez rien à saisir."
)
DIF_CLOSED = (
    "Le report des heures de DIF est fermé depuis le {deadline}. La date limite, fixée au "
    "{original_deadline}, avait été prolongée jusqu'au {deadline}."
)
DIF_PUBLIC_AGENT = (
    "Vous êtes agent public : vos heures de DIF ont été reportées automatiquement en 2018, "
    "sans démarche de votre part. Elles apparaissent dans vos droits formation."
)
DIF_REPORTED_IN_2018 = "Heures de DIF reportées en 2018 : {hours}."

# --- Mes droits formation ------------------------------------------------------------------

RIGHTS_AS_OF = "Vos droits acquis au {day}"  # the balance's heading; day: 01/05/2024

NO_RIGHTS_YEAR_YET = "Aucune année de droits n'est encore créditée sur votre compte."

# --- Error pages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorPage:
    """A page that says what went wrong instead of the page asked for: its heading (and
    <title>) and its message. FranceConnect's own are in ``cpf/franceconnect.py``."""

    title: str
    message: str


FORM_EXPIRED_TITLE = "Formulaire expiré"
FORM_EXPIRED = (
    "Votre session a expiré ou le formulaire a déjà été envoyé. Rechargez la page et recommencez."
)
# By HTTP status; any other status gets the 500 page.
ERROR_PAGES = {
    400: ErrorPage("Requête invalide", "La demande n'a pas pu être traitée. Veuillez réessayer."),
    403: ErrorPage("Accès refusé", "Vous n'avez pas accès à cette page."),
    404: ErrorPage("Page introuvable", "La page demandée n'existe pas ou a été déplacée."),
    405: ErrorPage("Action impossible", "Cette action n'est pas possible sur cette page."),
    413: ErrorPage(
        "Requête trop volumineuse",
        "Les données envoyées sont trop volumineuses. Vérifiez votre saisie et recommencez.",
    ),
    500: ErrorPage(
        "Erreur du service",
        "Une erreur est survenue de notre côté. Veuillez réessayer dans quelques instants.",
    ),
    502: ErrorPage(
        "Service indisponible", "Un service partenaire ne répond pas. Veuillez réessayer."
    ),
    503: ErrorPage(
        "Service momentanément indisponible",
        "Le service est momentanément indisponible. Veuillez réessayer dans quelques instants.",
    ),
}

# --- FranceConnect sign-in, as the portal tells it -----------------------------------------

FRANCECONNECT_CANCELLED = "Vous avez annulé la connexion avec FranceConnect."
FRANCECONNECT_PROVIDER_UNAVAILABLE = (
    "Le compte choisi pour vous connecter avec FranceConnect est momentanément indisponible. "
    "Choisissez-en un autre ou réessayez plus tard."
)
FRANCECONNECT_UNREACHABLE = (
    "FranceConnect ne répond pas pour le moment. Veuillez réessayer dans quelques instants, "
    "ou vous connecter avec votre numéro de sécurité sociale et votre mot de passe."
)
FRANCECONNECT_EXPIRED = (
    "Votre demande de connexion avec FranceConnect a expiré ou n'a pas été faite depuis ce "
    "navigateur. Veuillez recommencer."
)
FRANCECONNECT_NOT_VERIFIED = (
    "L'identité transmise par FranceConnect n'a pas pu être vérifiée. Veuillez recommencer."
)
FRANCECONNECT_FAILED = "La connexion avec FranceConnect n'a pas abouti. Veuillez recommencer."
FRANCECONNECT_NOT_CONFIGURED = (
    "La connexion avec FranceConnect n'est pas disponible sur ce portail."
)
FRANCECONNECT_ACTIVATED = "Votre compte est activé. Vous êtes connecté avec FranceConnect."
FRANCECONNECT_CGU_REQUIRED = (
    "Vous devez accepter les conditions générales d'utilisation pour activer votre compte."
)
