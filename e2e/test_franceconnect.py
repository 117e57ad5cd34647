"""Signing in with FranceConnect: provider choice, provider login, consent, the
portal's first-sign-in page, later sign-ins, cancel, failures, logout.

What a browser sees, once per rule: FranceConnect's pages, the redirects between both
sites with their cookies, each French message by its field. What the servers alone
decide is in tests/: each provider, Corsica's NIRs and the documented identities
(tests/test_franceconnect_portal.py), an unknown identifier at the provider
(tests/test_franceconnect_provider.py), FranceConnect's token endpoint failing, a
completion page opened without a sign-in, a provider sign-in good for one request only.
The first sign-in journey is the scenario "Activer son compte avec FranceConnect"
(ameli.fr); what each page shows of the identity is tests/test_franceconnect_provider.py's
(consent) and tests/test_franceconnect_portal.py's (completion, read-only).

Every test that activates an account signs in as a one-off FranceConnect
identity (test API), so tests never share a person. Faults set at
FranceConnect are global to this worker's server: the ``franceconnect_faults``
fixture resets them after the test, pass or fail.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from cpf import rules
from cpf.franceconnect import PROVIDER_LOGIN_HEADING, PROVIDER_UNAVAILABLE, WRONG_CREDENTIALS
from cpf.messages import (
    EMAIL_TAKEN,
    FRANCECONNECT_CANCELLED,
    FRANCECONNECT_CGU_REQUIRED,
    FRANCECONNECT_PROVIDER_UNAVAILABLE,
    GREETING,
    LOGGED_OUT,
)
from harness.franceconnect_identities import FranceConnectIdentity
from harness.identities import TEST_PASSWORD, Identity, unique_email
from harness.portal_test_api import PortalTestApi
from page_objects.account import AccountHomePage
from page_objects.connexion import ConnexionPage
from page_objects.franceconnect import ConsentPage, ProviderChoicePage

pytestmark = [pytest.mark.needs("franceconnect"), pytest.mark.franceconnect]

PROVIDERS = {  # id at the test API -> name on its button (the spec's list, in its order)
    "impots": "impots.gouv.fr",
    "ameli": "ameli.fr",
    "laposte": "L'Identité Numérique La Poste",
    "msa": "MSA",
    "mobileconnect": "Mobile Connect et moi",
}


def consent_of(page: Page, person: FranceConnectIdentity) -> ConsentPage:
    """Connexion -> FranceConnect -> the person's provider -> signed in there: consent."""
    return ConnexionPage(page).open().sign_in_with_franceconnect().sign_in_as(person)


def activate_with_franceconnect(page: Page, person: FranceConnectIdentity) -> AccountHomePage:
    """A first FranceConnect sign-in carried through to the activated account."""
    return consent_of(page, person).continue_to_activation().accept_cgu_and_sign_up()


def greeting(person: FranceConnectIdentity) -> str:
    return GREETING.format(first_name=person.given_name, birth_name=person.family_name)


# --- the way in -----------------------------------------------------------------------


@pytest.mark.smoke
def test_franceconnect_button_leads_to_the_choice_of_five_providers(page: Page) -> None:
    choice = ConnexionPage(page).open().sign_in_with_franceconnect()
    expect(choice.heading).to_have_text(ProviderChoicePage.TITLE)
    expect(choice.header.service).to_be_visible()
    expect(choice.providers).to_have_text(list(PROVIDERS.values()))


# --- first sign-in ----------------------------------------------------------------------


@pytest.mark.needs("account_admin", "create_accounts", "franceconnect_faults")
def test_email_given_on_completion_is_the_account_email(
    page: Page, test_api: PortalTestApi
) -> None:
    person = test_api.add_franceconnect_identity("msa", with_email=False)
    email = f"marcel.{person.id[-12:]}@exemple.fr"
    completion = consent_of(page, person).continue_to_activation()
    expect(completion.email_field).to_be_editable()  # FranceConnect gave none: asked here
    expect(completion.email_field).to_have_value("")
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


@pytest.mark.needs("account_admin", "create_accounts", "franceconnect_faults")
def test_completion_without_cgu_is_refused_then_activates_once_ticked(
    page: Page, test_api: PortalTestApi
) -> None:
    person = test_api.add_franceconnect_identity("ameli")
    completion = consent_of(page, person).continue_to_activation().try_sign_up()
    expect(completion.accept_error).to_have_text(FRANCECONNECT_CGU_REQUIRED)
    expect(completion.accept_checkbox).not_to_be_checked()
    expect(completion.header.logout_button).to_have_count(0)
    assert test_api.account(person.nir) is None

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
        password=TEST_PASSWORD,
    )


# --- e-mail already used ------------------------------------------------------------------


@pytest.mark.needs("account_admin", "franceconnect_faults", "seed_accounts")
def test_completion_with_an_email_already_used_is_refused(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    # Typed on the completion page; one FranceConnect gave that is already used is a fast
    # test (test_first_sign_in_with_an_email_already_used_asks_for_another).
    person = test_api.add_franceconnect_identity("msa", with_email=False)
    taken = unique_email("deja-pris")
    test_api.create_account(identity.with_(email=taken))  # someone else, with that address

    completion = consent_of(page, person).continue_to_activation()
    completion.fill_email(taken).accept_cgu().try_sign_up()
    expect(completion.email_error).to_have_text(EMAIL_TAKEN)
    expect(completion.email_field).to_have_value(taken)
    expect(completion.email_field).to_have_attribute("aria-invalid", "true")
    expect(completion.header.logout_button).to_have_count(0)
    assert test_api.account(person.nir) is None


# --- cancel and refusals ----------------------------------------------------------------


def test_cancel_on_the_provider_choice_returns_to_connexion(page: Page) -> None:
    connexion = ConnexionPage(page).open().sign_in_with_franceconnect().cancel()
    expect(connexion.page_errors).to_have_text(FRANCECONNECT_CANCELLED)
    expect(connexion.header.logout_button).to_have_count(0)


@pytest.mark.needs("account_admin", "franceconnect_faults")
def test_cancel_on_the_consent_returns_to_connexion_without_an_account(
    page: Page, test_api: PortalTestApi
) -> None:
    person = test_api.add_franceconnect_identity("ameli")
    connexion = consent_of(page, person).cancel()
    expect(connexion.page_errors).to_have_text(FRANCECONNECT_CANCELLED)
    expect(connexion.header.logout_button).to_have_count(0)
    assert test_api.account(person.nir) is None


@pytest.mark.needs("franceconnect_faults")
def test_wrong_password_at_the_provider_is_refused_and_the_identifier_kept(
    page: Page, test_api: PortalTestApi
) -> None:
    person = test_api.add_franceconnect_identity("ameli")
    choice = ConnexionPage(page).open().sign_in_with_franceconnect()
    login = choice.choose_provider(person.provider_name).try_log_in(person.identifier, "456")
    expect(login.page_errors).to_have_text(WRONG_CREDENTIALS)
    expect(login.identifier_field).to_have_value(person.identifier)
    expect(login.password_field).to_have_value("")
    expect(login.heading).to_have_text(PROVIDER_LOGIN_HEADING.format(provider=person.provider_name))


# --- FranceConnect failing --------------------------------------------------------------


def test_unavailable_provider_is_marked_and_sends_back_to_the_portal(
    page: Page, franceconnect_faults: PortalTestApi
) -> None:
    franceconnect_faults.make_provider_unavailable("laposte")
    choice = ConnexionPage(page).open().sign_in_with_franceconnect()
    laposte = PROVIDERS["laposte"]
    expect(choice.provider_status(laposte)).to_have_text(PROVIDER_UNAVAILABLE)
    # Tied to its button, so a screen reader says it with the provider's name.
    expect(choice.provider_button(laposte)).to_have_accessible_description(PROVIDER_UNAVAILABLE)
    expect(choice.provider_status(PROVIDERS["ameli"])).to_have_count(0)

    connexion = choice.choose_unavailable_provider(laposte)
    expect(connexion.page_errors).to_have_text(FRANCECONNECT_PROVIDER_UNAVAILABLE)
    expect(connexion.franceconnect_button).to_be_visible()


# --- logout -----------------------------------------------------------------------------


@pytest.mark.needs("create_accounts", "franceconnect_faults")
def test_logout_after_franceconnect_ends_both_sessions(
    page: Page, test_api: PortalTestApi, franceconnect_url: str
) -> None:
    person = test_api.add_franceconnect_identity("ameli")
    account = activate_with_franceconnect(page, person)
    end_session = f"{franceconnect_url}/api/v2/session/end"
    with page.expect_request(lambda request: request.url.startswith(end_session)) as sent:
        accueil = account.header.log_out()
    assert "id_token_hint=" in sent.value.url
    expect(accueil.notices).to_have_text(LOGGED_OUT)
    expect(accueil.header.connexion_link).to_be_visible()
