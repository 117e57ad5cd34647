"""A form posted without its CSRF token is refused, and changes nothing.

Each case brings the browser's session to where the form would be accepted, then
posts what the form would send, minus ``csrf_token``: the answer is the French
`Formulaire expiré` page (400), and the state the form would change is as it was.
The browser keeps the signup form, and the FranceConnect completion (reached only
through FranceConnect); Connexion, the captcha, the CGU, the DIF report and
Se déconnecter are in tests/test_csrf.py, with CSRF protection on.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import APIResponse, Page, expect

from cpf.messages import FORM_EXPIRED, FORM_EXPIRED_TITLE
from harness.identities import Identity
from harness.portal_test_api import PortalTestApi
from page_objects.captcha import CaptchaPage
from page_objects.connexion import ConnexionPage
from page_objects.franceconnect import ConsentPage
from page_objects.signup_form import SignupFormPage


@dataclass
class Case:
    """Where a form stands: its URL, what it would post, and a look at the state after."""

    path: str
    form: dict[str, str | float | bool]  # what APIRequestContext.post takes
    state_unchanged: Callable[[], None]


Arrange = Callable[[Page, PortalTestApi, Identity], Case]


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
        pytest.param(_signup_form, id="signup-form", marks=pytest.mark.needs("signup_at_step")),
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
    assert f"<h1>{FORM_EXPIRED_TITLE}</h1>" in body
    assert FORM_EXPIRED in body
    case.state_unchanged()
