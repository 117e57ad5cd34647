"""Each page's main region against its stored ARIA snapshot (e2e/aria_snapshots/*.yml).

A changed heading, label, button or link fails here with a readable diff;
after an intended change, `make aria-update` rewrites the files, and the
diff of the YAML is what a reviewer reads. Per-test data is masked (``Mask``)
so a snapshot holds for every run: the captcha's word, names, NIR, e-mails.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from cpf.franceconnect import CLAIM_LABELS
from harness.aria_snapshots import AriaSnapshots, Mask
from harness.identities import Identity
from harness.journeys import log_in_with_a_new_account
from harness.portal_test_api import PortalTestApi
from page_objects.account import AccountHomePage, DifPage
from page_objects.accueil import AccueilPage
from page_objects.captcha import CaptchaPage
from page_objects.cgu import CguPage
from page_objects.connexion import ConnexionPage
from page_objects.franceconnect import ProviderChoicePage

# The captcha asks for a random word: in the group's name and in its <strong>.
CAPTCHA_WORD = (
    Mask(
        r"""group "Cliquez sur l'image correspondant au mot [^"]+\"""",
        r"group /Cliquez sur l'image correspondant au mot \S+/",
    ),
    Mask(r"(?m)(- strong: )[^\"\s]+$", r"/\S+/"),  # the word, not the quoted step number
)
GREETING = (Mask(r'heading "Bonjour [^"]+"', r"heading /Bonjour .+/"),)
# Each FranceConnect test person has their own NIR, birth date, sex and e-mail.
PROVIDER_REQUEST = (Mask(r"(/url: )/choix\?tx=\S+", r"/\/choix\?tx=\S+/"),)


def value_under(term: str, regex: str) -> Mask:
    """The value (<dd>) shown under ``term`` (<dt>) becomes ``/regex/``."""
    return Mask(rf"(?m)(^\s*- term: {re.escape(term)}\n\s*- definition: ).+$", f"/{regex}/")


PERSON = (
    value_under(CLAIM_LABELS["birthdate"], r"\d\d/\d\d/\d{4}"),
    value_under(CLAIM_LABELS["gender"], "Femme|Homme"),
    value_under(CLAIM_LABELS["email"], r"fc\.\w+@exemple\.fr"),
    value_under(CLAIM_LABELS["nir"], r"[12] \d\d \d\d \w\w \d{3} \d{3} \d\d"),
)

# Fixed profiles: the droits and the DIF page then show the same figures every run.
PRIVATE_CAREER = [{"year": year, "quotite": 100} for year in (2019, 2020, 2021)]
DROITS_TODAY = "2024-03-01"
DIF_OPEN_TODAY = "2021-03-01"


def provider_choice(page: Page) -> ProviderChoicePage:
    return ConnexionPage(page).open().sign_in_with_franceconnect()


def sign_in(page: Page, test_api: PortalTestApi, identity: Identity, today: str) -> AccountHomePage:
    return log_in_with_a_new_account(
        page, test_api, identity, today, sector="prive", career=PRIVATE_CAREER
    )


# --- the five steps of the signup ---------------------------------------------------


def test_accueil(page: Page, aria_snapshots: AriaSnapshots) -> None:
    aria_snapshots.assert_matches("accueil", AccueilPage(page).open().main)


def test_connexion(page: Page, aria_snapshots: AriaSnapshots) -> None:
    aria_snapshots.assert_matches("connexion", ConnexionPage(page).open().main)


def test_formulaire(page: Page, aria_snapshots: AriaSnapshots) -> None:
    form = ConnexionPage(page).open().sign_up()
    aria_snapshots.assert_matches("formulaire", form.main)


@pytest.mark.needs("signup_at_step")
def test_captcha(
    page: Page, test_api: PortalTestApi, identity: Identity, aria_snapshots: AriaSnapshots
) -> None:
    test_api.start_signup_at(4, identity)
    aria_snapshots.assert_matches("captcha", CaptchaPage(page).open().main, CAPTCHA_WORD)


@pytest.mark.needs("signup_at_step")
def test_cgu(
    page: Page, test_api: PortalTestApi, identity: Identity, aria_snapshots: AriaSnapshots
) -> None:
    test_api.start_signup_at(5, identity)
    aria_snapshots.assert_matches("cgu", CguPage(page).open().main)


# --- the account ----------------------------------------------------------------------


@pytest.mark.needs("clock", "seed_accounts")
def test_mon_compte(
    page: Page, test_api: PortalTestApi, identity: Identity, aria_snapshots: AriaSnapshots
) -> None:
    home = sign_in(page, test_api, identity, DROITS_TODAY)
    aria_snapshots.assert_matches("mon_compte", home.main, GREETING)


@pytest.mark.needs("clock", "seed_accounts")
def test_mes_droits_formation(
    page: Page, test_api: PortalTestApi, identity: Identity, aria_snapshots: AriaSnapshots
) -> None:
    home = sign_in(page, test_api, identity, DROITS_TODAY)
    aria_snapshots.assert_matches("mes_droits_formation", home.go_to_droits().main)


@pytest.mark.needs("clock", "seed_accounts")
def test_report_du_dif(
    page: Page, test_api: PortalTestApi, identity: Identity, aria_snapshots: AriaSnapshots
) -> None:
    home = sign_in(page, test_api, identity, DIF_OPEN_TODAY)
    dif: DifPage = home.go_to_dif()
    aria_snapshots.assert_matches("report_du_dif", dif.main)


# --- FranceConnect --------------------------------------------------------------------


@pytest.mark.franceconnect
def test_franceconnect_provider_choice(page: Page, aria_snapshots: AriaSnapshots) -> None:
    aria_snapshots.assert_matches("franceconnect_provider_choice", provider_choice(page).main)


@pytest.mark.franceconnect
def test_franceconnect_provider_login(page: Page, aria_snapshots: AriaSnapshots) -> None:
    login = provider_choice(page).choose_provider("ameli.fr")
    aria_snapshots.assert_matches("franceconnect_provider_login", login.main, PROVIDER_REQUEST)


@pytest.mark.franceconnect
@pytest.mark.needs("franceconnect_faults")
def test_franceconnect_consent(
    page: Page, test_api: PortalTestApi, aria_snapshots: AriaSnapshots
) -> None:
    consent = provider_choice(page).sign_in_as(test_api.add_franceconnect_identity("ameli"))
    aria_snapshots.assert_matches("franceconnect_consent", consent.main, PERSON)


@pytest.mark.franceconnect
@pytest.mark.needs("franceconnect_faults")
def test_franceconnect_completion(
    page: Page, test_api: PortalTestApi, aria_snapshots: AriaSnapshots
) -> None:
    person = test_api.add_franceconnect_identity("ameli")
    completion = provider_choice(page).sign_in_as(person).continue_to_activation()
    aria_snapshots.assert_matches("franceconnect_completion", completion.main, PERSON)
