"""What each page looks like, against its baseline screenshot (``expect_screenshot``).

The functional suites check roles, names and texts; these see what they cannot: a
control made transparent, a colour, a spacing, a border. Each test runs on the
desktop and on a phone (Pixel 7), each with its own baselines in
``test_visual.py-snapshots/`` (``<page>-chromium[-pixel-7]-linux.png``). Under
``--device NAME`` they run on that device alone, against its own baselines.

Where the test chooses the data, it chooses the same data every run (the account
holder is Camille Martin, the refused form holds the same wrong values): a mask
hides a value, not the room it takes, and a name that wraps on a phone one run in
three would move everything under it. What the test cannot choose is masked: the
captcha's word and its pictures' order, and FranceConnect's one-off person's NIR,
e-mail, birth date and sex (each test needs a person nobody else signs in as).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Locator, Page, Playwright

from cpf import rules
from cpf.franceconnect import CLAIM_LABELS
from harness.identities import Identity, wrong_key
from harness.journeys import log_in_with_a_new_account
from harness.portal_test_api import PortalTestApi
from harness.screenshots import ExpectScreenshot, slug
from page_objects.account import AccountHomePage
from page_objects.accueil import AccueilPage
from page_objects.captcha import CaptchaPage
from page_objects.cgu import CguPage
from page_objects.connexion import ConnexionPage
from page_objects.franceconnect import ConsentPage, ProviderChoicePage
from page_objects.franceconnect_completion import FranceConnectCompletionPage

PHONE = "Pixel 7"
DESKTOP = None  # pytest-playwright's own context: a 1280 × 720 window

# The same account holder every run (their NIR and e-mail stay fresh: never shown).
CAMILLE_MARTIN = {"first_name": "Camille", "birth_name": "Martin"}
PRIVATE_CAREER = [{"year": year, "quotite": 100} for year in (2019, 2020, 2021)]
DROITS_TODAY = "2024-03-01"
DIF_OPEN_TODAY = "2021-03-01"

# What FranceConnect's one-off person has that differs on every run.
PERSONAL_DATA = tuple(CLAIM_LABELS[claim] for claim in ("birthdate", "gender", "email", "nir"))


def _wrong_details() -> Identity:
    """A form the portal refuses on four fields, the same every run (nothing is stored)."""
    number = "1841275123456"  # a man born in December 1984 in Paris
    nir = rules.parse_nir(number + rules.nir_key(number)).formatted()
    return Identity(
        nir=wrong_key(nir),
        birth_name="Martin",
        first_name="Camille",
        email="camille.martin@",
        password="formation",
    )


# --- one context per screen -----------------------------------------------------------


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test on the desktop and the phone; under --device, on that device alone."""
    if "screen" in metafunc.fixturenames:
        device = metafunc.config.getoption("device")
        screens = [device] if device else [DESKTOP, PHONE]
        metafunc.parametrize("screen", screens, ids=lambda s: "desktop" if s is None else slug(s))


@pytest.fixture
def browser_context_args(
    browser_context_args: dict[str, Any], playwright: Playwright, screen: str | None
) -> dict[str, Any]:
    """pytest-playwright's context, on ``screen``'s descriptor (viewport, scale, touch)."""
    args = dict(browser_context_args)
    if screen is not None:
        args.update(playwright.devices[screen])
    return args


@pytest.fixture
def screenshot_device(screen: str | None) -> str | None:
    return screen


# --- the five steps of the signup ----------------------------------------------------


def test_accueil(page: Page, expect_screenshot: ExpectScreenshot) -> None:
    AccueilPage(page).open()
    expect_screenshot(page, "accueil")


def test_connexion(page: Page, expect_screenshot: ExpectScreenshot) -> None:
    """Step 2: FranceConnect, or S'inscrire; and the account holders' login."""
    ConnexionPage(page).open()
    expect_screenshot(page, "connexion")


def test_formulaire(page: Page, expect_screenshot: ExpectScreenshot) -> None:
    form = ConnexionPage(page).open().sign_up()
    expect_screenshot(form.page, "formulaire")


def test_formulaire_with_its_errors(page: Page, expect_screenshot: ExpectScreenshot) -> None:
    form = ConnexionPage(page).open().sign_up()
    refused = form.fill_identity(_wrong_details()).submit_with_errors()
    expect_screenshot(refused.page, "formulaire-erreurs")


def test_password_checklist_as_the_password_is_typed(
    page: Page, expect_screenshot: ExpectScreenshot
) -> None:
    """One element, as the page's script draws it: rules met in green, the rest in red."""
    form = ConnexionPage(page).open().sign_up()
    form.type_password("formation1")  # long enough, a lower case letter, a digit; no capital
    expect_screenshot(form.password_checklist, "checklist-mot-de-passe")


def captcha_masks(captcha: CaptchaPage) -> list[Locator]:
    """The asked word and the pictures (not the tiles' borders): drawn at random for
    each challenge."""
    return [captcha.asked_word, captcha.tile_pictures]


# The word's box is as wide as the word: while the screenshots are taken it gets one
# width for every word (wider than the longest, at the end of its line on both screens),
# so its mask is the same box every run.
ONE_BOX_FOR_EVERY_WORD = ".captcha__question strong { display: inline-block; width: 6em; }"


@pytest.mark.needs("signup_at_step")
def test_captcha(
    page: Page, test_api: PortalTestApi, identity: Identity, expect_screenshot: ExpectScreenshot
) -> None:
    test_api.start_signup_at(4, identity)
    captcha = CaptchaPage(page).open()
    expect_screenshot(
        captcha.page, "captcha", mask=captcha_masks(captcha), style=ONE_BOX_FOR_EVERY_WORD
    )


@pytest.mark.needs("signup_at_step", "captcha_answer")
def test_captcha_after_a_wrong_picture(
    page: Page, test_api: PortalTestApi, identity: Identity, expect_screenshot: ExpectScreenshot
) -> None:
    test_api.start_signup_at(4, identity)
    captcha = CaptchaPage(page).open()  # the challenge is drawn when the page is shown
    right = test_api.right_captcha_tile()
    refused = captcha.fail_with(1 if right != 1 else 2)
    expect_screenshot(
        refused.page, "captcha-erreur", mask=captcha_masks(refused), style=ONE_BOX_FOR_EVERY_WORD
    )


@pytest.mark.needs("signup_at_step")
def test_cgu(
    page: Page, test_api: PortalTestApi, identity: Identity, expect_screenshot: ExpectScreenshot
) -> None:
    test_api.start_signup_at(5, identity)
    expect_screenshot(CguPage(page).open().page, "cgu")


@pytest.mark.needs("signup_at_step")
def test_cgu_not_ticked(
    page: Page, test_api: PortalTestApi, identity: Identity, expect_screenshot: ExpectScreenshot
) -> None:
    test_api.start_signup_at(5, identity)
    refused = CguPage(page).open().sign_up_without_accepting()
    expect_screenshot(refused.page, "cgu-non-cochee")


# --- the account ----------------------------------------------------------------------


def sign_in(page: Page, test_api: PortalTestApi, identity: Identity, today: str) -> AccountHomePage:
    return log_in_with_a_new_account(
        page,
        test_api,
        identity.with_(**CAMILLE_MARTIN),
        today,
        sector="prive",
        career=PRIVATE_CAREER,
    )


@pytest.mark.needs("clock", "seed_accounts")
def test_mon_compte(
    page: Page, test_api: PortalTestApi, identity: Identity, expect_screenshot: ExpectScreenshot
) -> None:
    home = sign_in(page, test_api, identity, DROITS_TODAY)
    expect_screenshot(home.page, "mon-compte")


@pytest.mark.needs("clock", "seed_accounts")
def test_mes_droits_formation(
    page: Page, test_api: PortalTestApi, identity: Identity, expect_screenshot: ExpectScreenshot
) -> None:
    droits = sign_in(page, test_api, identity, DROITS_TODAY).go_to_droits()
    expect_screenshot(droits.page, "mes-droits-formation")


@pytest.mark.needs("clock", "seed_accounts")
def test_report_du_dif(
    page: Page, test_api: PortalTestApi, identity: Identity, expect_screenshot: ExpectScreenshot
) -> None:
    dif = sign_in(page, test_api, identity, DIF_OPEN_TODAY).go_to_dif()
    expect_screenshot(dif.page, "report-du-dif")


# --- FranceConnect --------------------------------------------------------------------


def provider_choice(page: Page) -> ProviderChoicePage:
    return ConnexionPage(page).open().sign_in_with_franceconnect()


def consent_of_a_new_person(page: Page, test_api: PortalTestApi) -> ConsentPage:
    return provider_choice(page).sign_in_as(test_api.add_franceconnect_identity("ameli"))


@pytest.mark.franceconnect
def test_franceconnect_provider_choice(page: Page, expect_screenshot: ExpectScreenshot) -> None:
    expect_screenshot(provider_choice(page).page, "franceconnect-choix")


@pytest.mark.franceconnect
def test_franceconnect_provider_login(page: Page, expect_screenshot: ExpectScreenshot) -> None:
    login = provider_choice(page).choose_provider("ameli.fr")
    expect_screenshot(login.page, "franceconnect-connexion-ameli")


@pytest.mark.franceconnect
@pytest.mark.needs("franceconnect_faults")
def test_franceconnect_consent(
    page: Page, test_api: PortalTestApi, expect_screenshot: ExpectScreenshot
) -> None:
    consent = consent_of_a_new_person(page, test_api)
    mask = [consent.datum(label) for label in PERSONAL_DATA]
    expect_screenshot(consent.page, "franceconnect-consentement", mask=mask)


@pytest.mark.franceconnect
@pytest.mark.needs("franceconnect_faults")
def test_franceconnect_completion(
    page: Page, test_api: PortalTestApi, expect_screenshot: ExpectScreenshot
) -> None:
    completion: FranceConnectCompletionPage = consent_of_a_new_person(
        page, test_api
    ).continue_to_activation()
    mask = [completion.identity_value(label) for label in PERSONAL_DATA]
    expect_screenshot(completion.page, "franceconnect-activation", mask=mask)
