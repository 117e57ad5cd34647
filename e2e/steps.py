"""The step vocabulary of the French scenarios (e2e/features/*.feature).

Each phrase reads as the activation sheet says it; each step is a few page-object
verbs, never a locator or a URL. A step begins by waiting for the page it acts on, so
the phrases combine in any order a user could follow. Given steps that prepare data go
through the harness's seeding, as the Python tests do; each declares what it needs of
the portal, and a scenario carries the needs of its steps (``harness.scenarios``).

The docstrings are the vocabulary's help: ``python -m e2e.steps`` (``make steps``)
prints every phrase with them.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from cpf import rules
from cpf.franceconnect import IDENTITY_PROVIDERS
from cpf.messages import (
    ACCOUNT_ACTIVATED,
    BAD_CREDENTIALS,
    CAPTCHA_WRONG,
    CGU_REQUIRED,
    GREETING,
    LOGGED_OUT,
)
from harness.franceconnect_identities import FranceConnectIdentity
from harness.identities import Identity, new_identity
from harness.portal_test_api import PortalTestApi
from harness.scenarios import Vocabulary
from page_objects.account import AccountHomePage
from page_objects.accueil import AccueilPage
from page_objects.captcha import CaptchaPage
from page_objects.cgu import CguPage
from page_objects.connexion import ConnexionPage
from page_objects.franceconnect import ConsentPage, ProviderChoicePage
from page_objects.franceconnect_completion import FranceConnectCompletionPage
from page_objects.page import PageObject
from page_objects.portal_page import PortalPage
from page_objects.signup_form import SignupFormPage

steps = Vocabulary("e2e.steps")


def provider_id(name: str) -> str:
    """The test API's id of the identity provider whose button says ``name``."""
    for provider in IDENTITY_PROVIDERS:
        if provider.name == name:
            return provider.id
    known = ", ".join(f'"{provider.name}"' for provider in IDENTITY_PROVIDERS)
    raise ValueError(f'No identity provider "{name}" at FranceConnect; there are {known}')


# --- Soit: who I am, where I start ---------------------------------------------------------


@steps.given(
    "je me munis de mon numéro de Sécurité sociale et d'une adresse électronique valide",
    target_fixture="identity",
)
def _() -> Identity:
    """A person nobody has signed up with yet: a fresh valid NIR, a unique e-mail
    address, a password that follows the rules. The later steps sign up as them."""
    return new_identity()


@steps.given("j'ai un compte activé avec mon mot de passe", needs=("seed_accounts",))
def _(test_api: PortalTestApi, identity: Identity) -> None:
    """My account exists, activated earlier with a password (created without the UI)."""
    test_api.create_account(identity)


@steps.given(
    'je m\'appelle "{given_name}" "{family_name}" et j\'ai un compte "{provider}"',
    target_fixture="person",
    needs=("franceconnect", "franceconnect_faults"),
    example='je m\'appelle "Inès" "Roux" et j\'ai un compte "ameli.fr"',
)
def _(
    test_api: PortalTestApi, given_name: str, family_name: str, provider: str
) -> FranceConnectIdentity:
    """A person FranceConnect knows, with an account at an identity provider:
    {given_name} and {family_name} as FranceConnect will pass them on; {provider} one
    of "impots.gouv.fr", "ameli.fr", "L'Identité Numérique La Poste", "MSA",
    "Mobile Connect et moi"."""
    return test_api.add_franceconnect_identity(
        provider_id(provider), given_name=given_name, family_name=family_name
    )


@steps.given("le formulaire « Remplissez le formulaire » est ouvert")
def _(signup_form: SignupFormPage) -> None:
    """Step 3's form is open, steps 1 and 2 done (through the test API where the
    portal offers it, else through Connexion and S'inscrire): the fixture opens it."""


@steps.given(
    "j'ai rempli le formulaire et j'en suis au contrôle de sécurité", needs=("signup_at_step",)
)
def _(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    """Steps 1 to 3 done with my details: step 4, the picture check, is open."""
    test_api.start_signup_at(4, identity)
    CaptchaPage(page).open()


@steps.given("j'en suis à « Clôturez votre inscription »", needs=("signup_at_step",))
def _(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    """Steps 1 to 4 done with my details: step 5, the CGU, is open."""
    test_api.start_signup_at(5, identity)
    CguPage(page).open()


# --- Quand: what I do ----------------------------------------------------------------------


@steps.when("je me rends sur moncompteformation")
def _(page: Page) -> None:
    """Open the portal's home page, Accueil."""
    AccueilPage(page).open()


@steps.when("je clique sur « Connexion »")
def _(page: Page) -> None:
    """From the portal's header: the Connexion page."""
    PortalPage(page).header.go_to_connexion()


@steps.when("je clique sur « S'inscrire »")
def _(page: Page) -> None:
    """On Connexion, `Vous n'avez pas de compte ?`: the signup form (step 3)."""
    ConnexionPage(page).wait_until_loaded().sign_up()


@steps.when("je remplis le formulaire")
def _(page: Page, identity: Identity) -> None:
    """Type my details in the six fields of the form, my password twice."""
    SignupFormPage(page).wait_until_loaded().fill_identity(identity)


@steps.when(
    'je remplis le formulaire avec le mot de passe "{password}"',
    example='je remplis le formulaire avec le mot de passe "Forma24"',
)
def _(page: Page, identity: Identity, password: str) -> None:
    """Type my details, with {password} as the password and its confirmation."""
    SignupFormPage(page).wait_until_loaded().fill_identity(identity.with_(password=password))


@steps.when("je clique sur « Continuer »")
def _(page: Page) -> None:
    """Send the form: the security check opens, or the form comes back with its errors."""
    SignupFormPage(page).wait_until_loaded().submit()


@steps.when("je clique sur l'image correspondant au mot demandé", needs=("captcha_answer",))
def _(page: Page, test_api: PortalTestApi) -> None:
    """The right picture of the security check (the test API tells which): step 5 opens."""
    CaptchaPage(page).wait_until_loaded().pass_with(test_api.right_captcha_tile())


@steps.when(
    "je clique sur une image qui ne correspond pas au mot demandé", needs=("captcha_answer",)
)
def _(page: Page, test_api: PortalTestApi) -> None:
    """A wrong picture of the security check: refused, a new check shown."""
    captcha = CaptchaPage(page).wait_until_loaded()
    captcha.fail_with_another_tile_than(test_api.right_captcha_tile())


@steps.when(
    "je coche « J'accepte les conditions générales d'utilisation » et je clique sur « S'inscrire »",
    needs=("create_accounts",),
)
def _(page: Page) -> None:
    """Step 5: tick the CGU box, then `S'inscrire`: the account is activated."""
    CguPage(page).wait_until_loaded().accept_and_sign_up()


@steps.when("je clique sur « S'inscrire » sans cocher la case")
def _(page: Page) -> None:
    """Step 5 with the CGU box left unticked: refused, the step shown again."""
    CguPage(page).wait_until_loaded().sign_up_without_accepting()


@steps.when("je me déconnecte")
def _(page: Page) -> None:
    """`Se déconnecter` in the header: back to Accueil, signed out."""
    PortalPage(page).header.log_out()


@steps.when("je me connecte avec mon numéro de Sécurité sociale et mon mot de passe")
def _(page: Page, identity: Identity) -> None:
    """From the header's Connexion, log in with my NIR and password: Mon compte opens."""
    PortalPage(page).header.go_to_connexion().log_in(identity.nir, identity.password)


@steps.when(
    "je saisis un mauvais mot de passe {times:d} fois",
    needs=("lock_accounts",),
    example="je saisis un mauvais mot de passe 5 fois",
)
def _(page: Page, identity: Identity, times: int) -> None:
    """On Connexion, {times} (a whole number) log-ins with my NIR and a wrong password
    each time."""
    connexion = ConnexionPage(page).wait_until_loaded()
    for attempt in range(times):
        connexion.try_log_in(identity.nir, f"Mauvais{attempt}Passe")


@steps.when("je saisis mon numéro de Sécurité sociale et mon bon mot de passe")
def _(page: Page, identity: Identity) -> None:
    """On Connexion, log in with my NIR and my right password, whatever the portal answers."""
    ConnexionPage(page).wait_until_loaded().try_log_in(identity.nir, identity.password)


@steps.when("je clique sur « S'identifier avec FranceConnect »")
def _(page: Page) -> None:
    """On Connexion, the FranceConnect button: FranceConnect's choice of accounts."""
    ConnexionPage(page).wait_until_loaded().sign_in_with_franceconnect()


@steps.when("je choisis mon compte et je m'y connecte")
def _(page: Page, person: FranceConnectIdentity) -> None:
    """At FranceConnect, my identity provider, then its login with my identifier and
    password: FranceConnect asks to pass my data on."""
    ProviderChoicePage(page).wait_until_loaded().sign_in_as(person)


@steps.when("je continue vers moncompteformation")
def _(page: Page) -> None:
    """At FranceConnect, `Continuer`: the portal shows my identity, first sign-in."""
    ConsentPage(page).wait_until_loaded().continue_to_activation()


@steps.when(
    "j'accepte les conditions générales d'utilisation et j'active mon compte",
    needs=("create_accounts",),
)
def _(page: Page) -> None:
    """After a first FranceConnect sign-in: tick the CGU box and `S'inscrire`."""
    FranceConnectCompletionPage(page).wait_until_loaded().accept_cgu_and_sign_up()


# --- Alors: what I see -----------------------------------------------------------------------


@steps.then('la page "{heading}" s\'affiche', example=f'la page "{ACCOUNT_ACTIVATED}" s\'affiche')
def _(page: Page, heading: str) -> None:
    """The page shown has {heading} as its main heading (portal or FranceConnect)."""
    expect(PageObject(page).heading).to_have_text(heading)


@steps.then(
    'le message "{message}" s\'affiche',
    example=f'le message "{LOGGED_OUT}" s\'affiche',
)
def _(page: Page, message: str) -> None:
    """A message of the portal above the page's content says {message}."""
    expect(PortalPage(page).notices).to_contain_text(message)


@steps.then("je suis connecté")
def _(page: Page) -> None:
    """The header offers `Se déconnecter`."""
    expect(PortalPage(page).header.logout_button).to_be_visible()


@steps.then("je ne suis pas connecté")
def _(page: Page) -> None:
    """The header offers no `Se déconnecter`."""
    expect(PortalPage(page).header.logout_button).to_have_count(0)


@steps.then(
    '« Mon compte » m\'accueille : "{greeting}"',
    example='« Mon compte » m\'accueille : "Bonjour Inès Roux"',
)
def _(page: Page, greeting: str) -> None:
    """Mon compte is open and greets me with {greeting}."""
    expect(AccountHomePage(page).wait_until_loaded().heading).to_have_text(greeting)


@steps.then("« Mon compte » m'accueille par mon prénom et mon nom")
def _(page: Page, identity: Identity) -> None:
    """Mon compte is open and greets me: `Bonjour <prénom> <nom>`."""
    greeting = GREETING.format(first_name=identity.first_name, birth_name=identity.birth_name)
    expect(AccountHomePage(page).wait_until_loaded().heading).to_have_text(greeting)


@steps.then(
    'la liste du mot de passe indique qu\'il manque "{missing}"',
    example='la liste du mot de passe indique qu\'il manque "8 caractères minimum, un chiffre"',
)
def _(page: Page, missing: str) -> None:
    """The live checklist under `Mot de passe`: the rules in {missing} (comma-separated,
    as the checklist names them) `non respecté`, every other one `respecté`."""
    unmet = {label.strip().lower() for label in missing.split(",")}
    names = [rule.label for rule in rules.PASSWORD_RULES]
    if unknown := sorted(unmet - {name.lower() for name in names}):
        # A misspelt rule would otherwise read as "respected", and the step prove nothing.
        raise AssertionError(
            f"the checklist names no rule {', '.join(map(repr, unknown))}; "
            f"its rules: {', '.join(names)}"
        )
    states = [
        rules.checklist_item_text(r, met=r.label.lower() not in unmet) for r in rules.PASSWORD_RULES
    ]
    expect(SignupFormPage(page).wait_until_loaded().password_checklist_items).to_have_text(states)


@steps.then(
    'le champ « {label} » est refusé : "{message}"',
    example=f'le champ « Mot de passe » est refusé : "{rules.PASSWORD_EMPTY}"',
)
def _(page: Page, label: str, message: str) -> None:
    """The form came back; the field labelled {label} shows {message} as its error."""
    form = SignupFormPage(page).wait_until_loaded()
    expect(form.field_error(form.field(label))).to_have_text(message)


@steps.then(
    'le contrôle de sécurité est refusé : "{message}"',
    example=f'le contrôle de sécurité est refusé : "{CAPTCHA_WRONG}"',
)
def _(page: Page, message: str) -> None:
    """Still at the security check, which says {message}."""
    expect(CaptchaPage(page).wait_until_loaded().page_errors).to_have_text(message)


@steps.then(
    'l\'inscription est refusée : "{message}"',
    example=f'l\'inscription est refusée : "{CGU_REQUIRED}"',
)
def _(page: Page, message: str) -> None:
    """Still at step 5, {message} next to the CGU box."""
    expect(CguPage(page).wait_until_loaded().accept_error).to_have_text(message)


@steps.then(
    'la connexion est refusée : "{message}"',
    example=f'la connexion est refusée : "{BAD_CREDENTIALS}"',
)
def _(page: Page, message: str) -> None:
    """Still on Connexion, whose login form says {message} (or a message that holds it)."""
    expect(ConnexionPage(page).wait_until_loaded().page_errors).to_contain_text(message)


@steps.then(
    'FranceConnect me transmet mon nom "{family_name}" et mon prénom "{given_name}"',
    example='FranceConnect me transmet mon nom "Roux" et mon prénom "Inès"',
)
def _(page: Page, family_name: str, given_name: str) -> None:
    """The portal's first-sign-in page shows the identity FranceConnect passed on, read-only."""
    completion = FranceConnectCompletionPage(page).wait_until_loaded()
    expect(completion.identity_value("Nom de naissance")).to_have_text(family_name)
    expect(completion.identity_value("Prénom(s)")).to_have_text(given_name)


if __name__ == "__main__":
    print(steps.describe(), end="")
