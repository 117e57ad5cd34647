"""Every form of the portal refuses a POST without its CSRF token, and changes nothing.

Each case brings the session to where the form would be accepted (signed in,
at the signup step, at the FranceConnect completion), then posts what the form
would send, minus ``csrf_token``: the answer is the French `Formulaire expiré`
page (400), and the state the form would change is as it was.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import APIResponse, Page, expect

from cpf.messages import FORM_EXPIRED
from harness.identities import Identity
from harness.portal_test_api import PortalTestApi
from page_objects.account import AccountHomePage, DifPage
from page_objects.captcha import CaptchaPage
from page_objects.cgu import CguPage
from page_objects.connexion import ConnexionPage
from page_objects.franceconnect import ConsentPage
from page_objects.signup_form import SignupFormPage

EXPIRED_TITLE = "Formulaire expiré"


@dataclass
class Case:
    """Where a form stands: its URL, what it would post, and a look at the state after."""

    path: str
    form: dict[str, str | float | bool]  # what APIRequestContext.post takes
    state_unchanged: Callable[[], None]


Arrange = Callable[[Page, PortalTestApi, Identity], Case]


def _login(page: Page, test_api: PortalTestApi, identity: Identity) -> Case:
    test_api.create_account(identity)
    ConnexionPage(page).open()

    def still_signed_out() -> None:
        page.goto(AccountHomePage.PATH)
        expect(ConnexionPage(page).wait_until_loaded().login_button).to_be_visible()

    return Case(
        ConnexionPage.PATH,
        {"nir": identity.nir, "password": identity.password},
        still_signed_out,
    )


def _signup_form(page: Page, test_api: PortalTestApi, identity: Identity) -> Case:
    test_api.start_signup_at(3)
    SignupFormPage(page).open()
    data = identity.as_form_data()

    def still_at_the_form() -> None:
        page.goto(CaptchaPage.PATH)  # step 4 not open: back to the form
        SignupFormPage(page).wait_until_loaded()
        expect(page).to_have_url(re.compile(f"{SignupFormPage.PATH}$"))

    return Case(
        SignupFormPage.PATH,
        {**data, "password_confirmation": data["password"]},
        still_at_the_form,
    )


def _captcha_answer(page: Page, test_api: PortalTestApi, identity: Identity) -> Case:
    test_api.start_signup_at(4, identity)
    CaptchaPage(page).open()
    challenge = page.locator("input[name='challenge']").input_value()
    right_tile = str(test_api.captcha_answer_index())

    def still_at_the_captcha() -> None:
        page.goto(CguPage.PATH)  # step 5 not open: back to the captcha
        CaptchaPage(page).wait_until_loaded()
        expect(page).to_have_url(re.compile(f"{CaptchaPage.PATH}$"))

    return Case(
        CaptchaPage.PATH, {"challenge": challenge, "tile": right_tile}, still_at_the_captcha
    )


def _cgu(page: Page, test_api: PortalTestApi, identity: Identity) -> Case:
    test_api.start_signup_at(5, identity)
    CguPage(page).open()

    def no_account_and_still_at_the_cgu() -> None:
        assert test_api.account(identity.nir) is None
        CguPage(page).open()
        expect(page).to_have_url(re.compile(f"{CguPage.PATH}$"))

    return Case(CguPage.PATH, {"accept": "y"}, no_account_and_still_at_the_cgu)


def _dif_report(page: Page, test_api: PortalTestApi, identity: Identity) -> Case:
    test_api.create_account(identity, sector="prive")
    test_api.set_today("2021-03-15")  # the DIF report is open
    ConnexionPage(page).open().log_in(identity.nir, identity.password).go_to_dif()

    def dif_unchanged() -> None:
        account = test_api.account(identity.nir)
        assert account is not None
        assert account["dif_hours"] is None

    return Case(DifPage.PATH, {"hours": "40"}, dif_unchanged)


def _logout(page: Page, test_api: PortalTestApi, identity: Identity) -> Case:
    test_api.create_account(identity)
    ConnexionPage(page).open().log_in(identity.nir, identity.password)

    def still_signed_in() -> None:
        home = AccountHomePage(page).open()
        expect(home.header.logout_button).to_be_visible()

    return Case("/deconnexion", {}, still_signed_in)


def _franceconnect_completion(page: Page, test_api: PortalTestApi, _identity: Identity) -> Case:
    # A first FranceConnect sign-in as a one-off person, stopped at the portal's completion.
    person = test_api.add_franceconnect_identity("ameli", given_name="Inès", family_name="Roux")
    consent: ConsentPage = (
        ConnexionPage(page).open().sign_in_with_franceconnect().sign_in_as(person)
    )
    completion = consent.continue_to_activation()

    def no_account_and_still_completing() -> None:
        assert test_api.account(person.nir) is None
        completion.open()
        expect(completion.accept_checkbox).not_to_be_checked()

    return Case(completion.PATH, {"accept": "y"}, no_account_and_still_completing)


@pytest.mark.parametrize(
    "arrange",
    [
        pytest.param(_login, id="login", marks=pytest.mark.needs("seed_accounts")),
        pytest.param(_signup_form, id="signup-form", marks=pytest.mark.needs("signup_at_step")),
        pytest.param(
            _captcha_answer,
            id="captcha-answer",
            marks=pytest.mark.needs("captcha_answer", "signup_at_step"),
        ),
        pytest.param(_cgu, id="cgu", marks=pytest.mark.needs("account_admin", "signup_at_step")),
        pytest.param(
            _dif_report,
            id="dif-report",
            marks=pytest.mark.needs("account_admin", "clock", "seed_accounts"),
        ),
        pytest.param(_logout, id="logout", marks=pytest.mark.needs("seed_accounts")),
        pytest.param(
            _franceconnect_completion,
            id="franceconnect-completion",
            marks=[
                pytest.mark.franceconnect,
                pytest.mark.needs("account_admin", "franceconnect_faults"),
            ],
        ),
    ],
)
def test_post_without_csrf_token_is_refused_and_changes_nothing(
    page: Page, test_api: PortalTestApi, identity: Identity, base_url: str, arrange: Arrange
) -> None:
    case = arrange(page, test_api, identity)
    response: APIResponse = page.request.post(base_url + case.path, form=case.form)
    assert response.status == 400
    body = html.unescape(response.text())
    assert f"<h1>{EXPIRED_TITLE}</h1>" in body
    assert FORM_EXPIRED in body
    case.state_unchanged()
