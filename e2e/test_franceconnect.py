"""Signing in with FranceConnect: provider choice, provider login, consent, the
portal's first-sign-in page, later sign-ins, cancel, failures, logout.

Every test that activates an account signs in as a one-off FranceConnect
identity (test API), so tests never share a person. Faults set at
FranceConnect are global to this worker's server: the ``franceconnect_faults``
fixture resets them after the test, pass or fail.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from cpf import rules
from cpf.messages import (
    EMAIL_TAKEN,
    FRANCECONNECT_ACTIVATED,
    FRANCECONNECT_CANCELLED,
    FRANCECONNECT_CGU_REQUIRED,
    FRANCECONNECT_EXPIRED,
    FRANCECONNECT_PROVIDER_UNAVAILABLE,
    FRANCECONNECT_UNREACHABLE,
    LOGGED_OUT,
)
from harness.franceconnect_identities import FranceConnectIdentity
from harness.identities import Identity, unique_email
from harness.portal_test_api import PortalTestApi
from page_objects.account import AccountHomePage
from page_objects.connexion import ConnexionPage
from page_objects.franceconnect import ConsentPage, ProviderChoicePage
from page_objects.franceconnect_completion import FranceConnectCompletionPage

pytestmark = [pytest.mark.needs("franceconnect"), pytest.mark.franceconnect]

PROVIDERS = {  # id at the test API -> name on its button (the spec's list, in its order)
    "impots": "impots.gouv.fr",
    "ameli": "ameli.fr",
    "laposte": "L'Identité Numérique La Poste",
    "msa": "MSA",
    "mobileconnect": "Mobile Connect et moi",
}
WRONG_CREDENTIALS = "Identifiant ou mot de passe incorrect. Vérifiez votre saisie et réessayez."
DOCUMENTED_PASSWORD = "123"  # every documented test identity's password


def consent_of(page: Page, person: FranceConnectIdentity) -> ConsentPage:
    """Connexion -> FranceConnect -> the person's provider -> signed in there: consent."""
    return ConnexionPage(page).open().sign_in_with_franceconnect().sign_in_as(person)


def activate_with_franceconnect(page: Page, person: FranceConnectIdentity) -> AccountHomePage:
    """A first FranceConnect sign-in carried through to the activated account."""
    return consent_of(page, person).continue_to_activation().accept_cgu_and_sign_up()


def greeting(person: FranceConnectIdentity) -> str:
    return f"Bonjour {person.given_name} {person.family_name}"


# --- the way in -----------------------------------------------------------------------


@pytest.mark.smoke
def test_franceconnect_button_leads_to_the_choice_of_five_providers(page: Page) -> None:
    choice = ConnexionPage(page).open().sign_in_with_franceconnect()
    expect(choice.heading).to_have_text("Je choisis un compte pour me connecter")
    expect(choice.header.service).to_be_visible()
    expect(choice.providers).to_have_text(list(PROVIDERS.values()))


# --- first sign-in ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "provider_id",
    [
        pytest.param("impots", id="impots"),
        # ameli.fr: the scenario "Activer son compte avec FranceConnect" (smoke)
        pytest.param("laposte", id="laposte"),
        pytest.param("msa", id="msa"),
        pytest.param("mobileconnect", id="mobileconnect"),
    ],
)
@pytest.mark.needs("account_admin", "create_accounts", "franceconnect_faults")
def test_first_sign_in_through_each_provider_activates_the_account(
    page: Page, test_api: PortalTestApi, provider_id: str
) -> None:
    person = test_api.add_franceconnect_identity(provider_id, given_name="Inès", family_name="Roux")

    choice = ConnexionPage(page).open().sign_in_with_franceconnect()
    login = choice.choose_provider(PROVIDERS[provider_id])
    expect(login.heading).to_have_text(f"Je me connecte avec {PROVIDERS[provider_id]}")

    consent = login.log_in(person.identifier, person.password)
    expect(consent.heading).to_have_text("Vous êtes connecté(e), Inès Roux")
    expect(consent.datum("Nom de naissance")).to_have_text("Roux")
    expect(consent.datum("Prénom(s)")).to_have_text("Inès")
    expect(consent.datum("Date de naissance")).to_have_text(person.french_birthdate)
    expect(consent.datum("Adresse électronique")).to_have_text(str(person.email))
    expect(consent.datum("Numéro de sécurité sociale")).to_have_text(person.formatted_nir)

    completion = consent.continue_to_activation()
    expect(completion.identity_value("Nom de naissance")).to_have_text("Roux")
    expect(completion.identity_value("Prénom(s)")).to_have_text("Inès")
    expect(completion.identity_value("Date de naissance")).to_have_text(person.french_birthdate)
    expect(completion.editable_fields).to_have_count(0)  # read-only; the e-mail came too

    account = completion.accept_cgu_and_sign_up()
    expect(account.heading).to_have_text("Bonjour Inès Roux")
    expect(account.notices).to_have_text(FRANCECONNECT_ACTIVATED)
    expect(account.header.logout_button).to_be_visible()
    created = test_api.account(person.nir)
    assert created is not None
    assert created["email"] == person.email
    assert created["franceconnect_sub"]
    assert not created["has_password"]  # no password on the FranceConnect path


@pytest.mark.needs("franceconnect_faults")
def test_first_sign_in_without_email_asks_for_it(page: Page, test_api: PortalTestApi) -> None:
    person = test_api.add_franceconnect_identity("msa", with_email=False)
    completion = consent_of(page, person).continue_to_activation()
    expect(completion.email_field).to_be_editable()
    expect(completion.email_field).to_have_value("")


@pytest.mark.needs("account_admin", "create_accounts", "franceconnect_faults")
def test_email_given_on_completion_is_the_account_email(
    page: Page, test_api: PortalTestApi
) -> None:
    person = test_api.add_franceconnect_identity("msa", with_email=False)
    email = f"marcel.{person.id[-12:]}@exemple.fr"
    completion = consent_of(page, person).continue_to_activation()
    account = completion.fill_email(email).accept_cgu_and_sign_up()
    expect(account.heading).to_have_text(greeting(person))
    created = test_api.account(person.nir)
    assert created is not None
    assert created["email"] == email


@pytest.mark.needs("account_admin", "franceconnect_faults")
def test_invalid_email_on_completion_is_refused_and_kept(
    page: Page, test_api: PortalTestApi
) -> None:
    person = test_api.add_franceconnect_identity("msa", with_email=False)
    completion = consent_of(page, person).continue_to_activation()
    completion.fill_email("marcel.petit@exemple").accept_cgu().try_sign_up()
    expect(completion.email_error).to_have_text(rules.EMAIL_INVALID)
    expect(completion.email_field).to_have_value("marcel.petit@exemple")
    expect(completion.email_field).to_have_attribute("aria-invalid", "true")
    assert test_api.account(person.nir) is None


@pytest.mark.needs("account_admin", "franceconnect_faults")
def test_completion_without_cgu_is_refused_and_creates_no_account(
    page: Page, test_api: PortalTestApi
) -> None:
    person = test_api.add_franceconnect_identity("ameli")
    completion = consent_of(page, person).continue_to_activation().try_sign_up()
    expect(completion.accept_error).to_have_text(FRANCECONNECT_CGU_REQUIRED)
    expect(completion.accept_checkbox).not_to_be_checked()
    expect(completion.header.logout_button).to_have_count(0)
    assert test_api.account(person.nir) is None


@pytest.mark.needs("create_accounts", "franceconnect_faults")
def test_completion_after_a_refusal_still_activates(page: Page, test_api: PortalTestApi) -> None:
    person = test_api.add_franceconnect_identity("ameli")
    completion = consent_of(page, person).continue_to_activation().try_sign_up()
    account = completion.accept_cgu_and_sign_up()
    expect(account.heading).to_have_text(greeting(person))


# --- later sign-ins ---------------------------------------------------------------------


@pytest.mark.needs("create_accounts", "franceconnect_faults")
def test_later_sign_in_goes_straight_to_the_account(page: Page, test_api: PortalTestApi) -> None:
    person = test_api.add_franceconnect_identity("impots")
    activate_with_franceconnect(page, person).header.log_out()

    account = consent_of(page, person).continue_to_account()
    expect(account.heading).to_have_text(greeting(person))
    expect(account.notices).to_have_count(0)  # no second activation


@pytest.mark.needs("create_accounts", "franceconnect_faults", "seed_accounts")
def test_account_activated_with_a_password_signs_in_with_franceconnect(
    page: Page, test_api: PortalTestApi
) -> None:
    person = test_api.add_franceconnect_identity("ameli")
    test_api.create_account(signed_up_as(person))  # activated earlier, with a password
    account = consent_of(page, person).continue_to_account()
    expect(account.heading).to_have_text(greeting(person))


def signed_up_as(person: FranceConnectIdentity) -> Identity:
    """The same person, as the signup steps (NIR, names, a password) would know them."""
    return Identity(
        nir=person.formatted_nir,
        birth_name=person.family_name,
        first_name=person.given_name,
        email=unique_email(),
        password="Formation2024",
    )


# --- names and places -------------------------------------------------------------------


@pytest.mark.needs("create_accounts", "franceconnect_faults")
def test_name_with_accents_and_a_hyphen_is_shown_exactly(
    page: Page, test_api: PortalTestApi
) -> None:
    person = test_api.add_franceconnect_identity(
        "laposte", given_name="Hélène", family_name="Lefèvre-Noël"
    )
    consent = consent_of(page, person)
    expect(consent.heading).to_have_text("Vous êtes connecté(e), Hélène Lefèvre-Noël")

    completion = consent.continue_to_activation()
    expect(completion.identity_value("Nom de naissance")).to_have_text("Lefèvre-Noël")
    expect(completion.identity_value("Prénom(s)")).to_have_text("Hélène")

    account = completion.accept_cgu_and_sign_up()
    expect(account.heading).to_have_text("Bonjour Hélène Lefèvre-Noël")


@pytest.mark.parametrize("department", ["2A", "2B"])
@pytest.mark.needs("account_admin", "create_accounts", "franceconnect_faults")
def test_person_born_in_corsica_signs_in(
    page: Page, test_api: PortalTestApi, department: str
) -> None:
    person = test_api.add_franceconnect_identity(
        "impots", given_name="Paul-Marie", family_name="Santoni", department=department
    )
    completion = consent_of(page, person).continue_to_activation()
    expect(completion.identity_value("Numéro de sécurité sociale")).to_have_text(
        person.formatted_nir
    )
    expect(completion.identity_value("Numéro de sécurité sociale")).to_contain_text(
        f" {department} "
    )
    account = completion.accept_cgu_and_sign_up()
    expect(account.heading).to_have_text("Bonjour Paul-Marie Santoni")
    created = test_api.account(person.nir)
    assert created is not None
    assert created["nir"] == person.nir


@dataclass(frozen=True)
class DocumentedIdentity:
    """A test identity as the FranceConnect mock documents it (identities.py's table).

    Each is activated by exactly one test of the whole suite (the database is
    the worker's, for the run): no other test may sign in as them.
    """

    provider_name: str
    identifier: str
    given_name: str
    family_name: str
    nir: str
    has_email: bool = True
    public_agent: bool = False


@pytest.mark.parametrize(
    "person",
    [
        pytest.param(
            DocumentedIdentity(
                "impots.gouv.fr",
                "3075110015021",
                "Nadia",
                "Benali",
                "275117511502321",
                public_agent=True,
            ),
            id="nadia-benali-public-agent",
        ),
        pytest.param(
            DocumentedIdentity(
                "impots.gouv.fr", "3084072004012", "Paul-Marie", "Santoni", "184072A00401254"
            ),
            id="paul-marie-santoni-corsica-2a",
        ),
        pytest.param(
            DocumentedIdentity(
                "L'Identité Numérique La Poste",
                "helene.lefevre-noel@exemple.fr",
                "Hélène",
                "Lefèvre-Noël",
                "279036912304582",
            ),
            id="helene-lefevre-noel-accents-hyphen",
        ),
        pytest.param(
            DocumentedIdentity(
                "MSA", "158025935010178", "Marcel", "Petit", "158025935010178", has_email=False
            ),
            id="marcel-petit-no-email",
        ),
    ],
)
@pytest.mark.needs("account_admin", "create_accounts", "mock_data")
def test_documented_identity_signs_in(
    page: Page, test_api: PortalTestApi, person: DocumentedIdentity
) -> None:
    choice = ConnexionPage(page).open().sign_in_with_franceconnect()
    consent = choice.choose_provider(person.provider_name).log_in(
        person.identifier, DOCUMENTED_PASSWORD
    )
    completion = consent.continue_to_activation()
    expect(completion.identity_value("Nom de naissance")).to_have_text(person.family_name)
    expect(completion.identity_value("Prénom(s)")).to_have_text(person.given_name)
    expect(completion.identity_value("Numéro de sécurité sociale")).to_have_text(
        rules.parse_nir(person.nir).formatted()
    )
    if not person.has_email:
        expect(completion.email_field).to_have_value("")
        completion.fill_email(unique_email("marcel"))

    account = completion.accept_cgu_and_sign_up()
    expect(account.heading).to_have_text(f"Bonjour {person.given_name} {person.family_name}")
    created = test_api.account(person.nir)
    assert created is not None
    assert created["nir"] == person.nir
    if person.public_agent:
        droits = account.go_to_droits()
        expect(droits.balance).to_contain_text("heures")
        expect(droits.main).not_to_contain_text("€")
        dif = droits.header.go_to_account().go_to_dif()
        expect(dif.public_agent_notice).to_be_visible()
        expect(dif.hours_field).to_have_count(0)
        expect(dif.report_button).to_have_count(0)


# --- e-mail already used ------------------------------------------------------------------


@pytest.mark.parametrize("email_from_franceconnect", [True, False], ids=["given", "typed"])
@pytest.mark.needs("account_admin", "franceconnect_faults", "seed_accounts")
def test_completion_with_an_email_already_used_is_refused(
    page: Page, test_api: PortalTestApi, identity: Identity, email_from_franceconnect: bool
) -> None:
    person = test_api.add_franceconnect_identity("msa", with_email=email_from_franceconnect)
    taken = person.email or unique_email("deja-pris")
    test_api.create_account(identity.with_(email=taken))  # someone else, with that address

    completion = consent_of(page, person).continue_to_activation()
    if not email_from_franceconnect:
        completion.fill_email(taken)
    completion.accept_cgu().try_sign_up()
    expect(completion.email_error).to_have_text(EMAIL_TAKEN)
    expect(completion.email_field).to_have_value(taken)
    expect(completion.email_field).to_have_attribute("aria-invalid", "true")
    expect(completion.header.logout_button).to_have_count(0)
    assert test_api.account(person.nir) is None


@pytest.mark.needs("account_admin", "create_accounts", "franceconnect_faults", "seed_accounts")
def test_another_email_after_a_used_one_activates_the_account(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    person = test_api.add_franceconnect_identity("ameli")
    assert person.email is not None
    test_api.create_account(identity.with_(email=person.email))
    completion = consent_of(page, person).continue_to_activation().accept_cgu().try_sign_up()
    other_email = unique_email("autre")
    account = completion.fill_email(other_email).accept_cgu_and_sign_up()
    expect(account.heading).to_have_text(greeting(person))
    created = test_api.account(person.nir)
    assert created is not None
    assert created["email"] == other_email


# --- cancel and refusals ----------------------------------------------------------------


def test_cancel_on_the_provider_choice_returns_to_connexion(page: Page) -> None:
    connexion = ConnexionPage(page).open().sign_in_with_franceconnect().cancel()
    expect(connexion.notices).to_have_text(FRANCECONNECT_CANCELLED)
    expect(connexion.header.logout_button).to_have_count(0)


def test_cancel_on_the_provider_login_returns_to_connexion(page: Page) -> None:
    choice = ConnexionPage(page).open().sign_in_with_franceconnect()
    connexion = choice.choose_provider(PROVIDERS["ameli"]).cancel()
    expect(connexion.notices).to_have_text(FRANCECONNECT_CANCELLED)


@pytest.mark.needs("account_admin", "franceconnect_faults")
def test_cancel_on_the_consent_returns_to_connexion_without_an_account(
    page: Page, test_api: PortalTestApi
) -> None:
    person = test_api.add_franceconnect_identity("ameli")
    connexion = consent_of(page, person).cancel()
    expect(connexion.notices).to_have_text(FRANCECONNECT_CANCELLED)
    expect(connexion.header.logout_button).to_have_count(0)
    assert test_api.account(person.nir) is None


@pytest.mark.needs("franceconnect_faults")
def test_wrong_password_at_the_provider_is_refused_and_the_identifier_kept(
    page: Page, test_api: PortalTestApi
) -> None:
    person = test_api.add_franceconnect_identity("ameli")
    choice = ConnexionPage(page).open().sign_in_with_franceconnect()
    login = choice.choose_provider(person.provider_name).try_log_in(person.identifier, "456")
    expect(login.refusal).to_have_text(WRONG_CREDENTIALS)
    expect(login.identifier_field).to_have_value(person.identifier)
    expect(login.password_field).to_have_value("")
    expect(login.heading).to_have_text(f"Je me connecte avec {person.provider_name}")


def test_unknown_identifier_at_the_provider_is_refused(page: Page) -> None:
    choice = ConnexionPage(page).open().sign_in_with_franceconnect()
    login = choice.choose_provider(PROVIDERS["impots"]).try_log_in("3000000000000", "123")
    expect(login.refusal).to_have_text(WRONG_CREDENTIALS)


# --- FranceConnect failing --------------------------------------------------------------


def test_unavailable_provider_is_marked_on_the_choice(
    page: Page, franceconnect_faults: PortalTestApi
) -> None:
    franceconnect_faults.make_provider_unavailable("laposte")
    choice = ConnexionPage(page).open().sign_in_with_franceconnect()
    laposte = PROVIDERS["laposte"]
    expect(choice.provider_status(laposte)).to_have_text("Momentanément indisponible")
    # Tied to its button, so a screen reader says it with the provider's name.
    expect(choice.provider_button(laposte)).to_have_accessible_description(
        "Momentanément indisponible"
    )
    expect(choice.provider_status(PROVIDERS["ameli"])).to_have_count(0)


def test_unavailable_provider_sends_back_to_the_portal_with_its_message(
    page: Page, franceconnect_faults: PortalTestApi
) -> None:
    franceconnect_faults.make_provider_unavailable("laposte")
    choice = ConnexionPage(page).open().sign_in_with_franceconnect()
    connexion = choice.choose_unavailable_provider(PROVIDERS["laposte"])
    expect(connexion.notices).to_have_text(FRANCECONNECT_PROVIDER_UNAVAILABLE)
    expect(connexion.franceconnect_button).to_be_visible()


@pytest.mark.needs("account_admin")
def test_token_endpoint_failure_shows_a_french_message_without_a_stack_trace(
    page: Page, franceconnect_faults: PortalTestApi
) -> None:
    person = franceconnect_faults.add_franceconnect_identity("ameli")
    consent = consent_of(page, person)
    franceconnect_faults.fail_franceconnect_token(500)
    connexion = consent.continue_back_to_connexion()
    expect(connexion.notices).to_contain_text(FRANCECONNECT_UNREACHABLE)
    expect(page.locator("body")).not_to_contain_text("Traceback")
    assert franceconnect_faults.account(person.nir) is None


# --- logout -----------------------------------------------------------------------------


@pytest.mark.needs("create_accounts", "franceconnect_faults")
def test_logout_after_franceconnect_ends_the_portal_session(
    page: Page, test_api: PortalTestApi
) -> None:
    person = test_api.add_franceconnect_identity("ameli")
    accueil = activate_with_franceconnect(page, person).header.log_out()
    expect(accueil.notices).to_have_text(LOGGED_OUT)
    expect(accueil.header.connexion_link).to_be_visible()


@pytest.mark.needs("create_accounts", "franceconnect_faults")
def test_logout_after_franceconnect_ends_the_franceconnect_session(
    page: Page, test_api: PortalTestApi, franceconnect_url: str
) -> None:
    person = test_api.add_franceconnect_identity("ameli")
    account = activate_with_franceconnect(page, person)
    end_session = f"{franceconnect_url}/api/v2/session/end"
    with page.expect_request(lambda request: request.url.startswith(end_session)) as sent:
        accueil = account.header.log_out()
    assert "id_token_hint=" in sent.value.url
    expect(accueil.notices).to_have_text(LOGGED_OUT)


@pytest.mark.needs("create_accounts", "franceconnect_faults")
def test_each_franceconnect_sign_in_asks_the_provider_login_again(
    page: Page, test_api: PortalTestApi
) -> None:
    person = test_api.add_franceconnect_identity("ameli")
    activate_with_franceconnect(page, person)

    choice = ConnexionPage(page).open().sign_in_with_franceconnect()
    # A sign-in at a provider is good for one request: the consent step of a new
    # request is not reachable without signing in again.
    not_signed_in = choice.go_straight_to_consent()
    expect(not_signed_in.heading).to_have_text("Je choisis un compte pour me connecter")

    login = ProviderChoicePage(page).choose_provider(person.provider_name)
    expect(login.identifier_field).to_have_value("")
    expect(login.heading).to_have_text(f"Je me connecte avec {person.provider_name}")


def test_completion_page_needs_a_franceconnect_sign_in(page: Page) -> None:
    page.goto(FranceConnectCompletionPage.PATH)
    connexion = ConnexionPage(page).wait_until_loaded()
    expect(connexion.notices).to_have_text(FRANCECONNECT_EXPIRED)
