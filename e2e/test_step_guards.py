"""The signup is a server-side state machine: no URL typed, no form replayed,
opens a step before the previous one is done, nor re-opens a finished signup."""

from __future__ import annotations

import html
import re

import pytest
from playwright.sync_api import Page, expect

from harness.identities import Identity
from harness.test_api import PortalTestApi
from page_objects.captcha import CaptchaPage
from page_objects.cgu import CguPage
from page_objects.connexion import ConnexionPage
from page_objects.signup_form import SignupFormPage

START_FROM_CONNEXION = (
    "Pour créer votre compte, cliquez sur « S'inscrire » depuis la page Connexion."
)
FINISH_THE_FORM_FIRST = (
    "Cette étape n'est pas encore accessible : "
    "terminez d'abord l'étape « Remplissez le formulaire »."
)
FINISH_THE_CAPTCHA_FIRST = (
    "Cette étape n'est pas encore accessible : "
    "terminez d'abord l'étape « Passez le contrôle de sécurité »."
)

FORM = "/inscription/formulaire"
CAPTCHA = "/inscription/controle-securite"
OTHER_IMAGES = "/inscription/controle-securite/autres-images"
CGU = "/inscription/cloture"
ACTIVATED = "/inscription/compte-active"


def csrf_token(page: Page) -> str:
    """The CSRF token of the form on the page, as a replaying client would scrape it."""
    return page.locator("input[name='csrf_token']").first.input_value()


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def has_captcha_challenge(page: Page, base_url: str) -> bool:
    """Whether the session has a current challenge (the test API's oracle answers 404
    when none was ever made, or the last one is spent)."""
    status = page.request.get(f"{base_url}/__test__/captcha").status
    assert status in (200, 404), status
    return status == 200


def activate_through_cgu(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    test_api.start_signup_at(5, identity)
    CguPage(page).open().accept_and_sign_up()


# --- a fresh session ----------------------------------------------------------------


@pytest.mark.parametrize("path", ["/inscription/", FORM, CAPTCHA, CGU])
def test_fresh_session_opening_a_signup_url_lands_on_connexion_with_a_message(
    page: Page, path: str
) -> None:
    page.goto(path)
    connexion = ConnexionPage(page).wait_until_loaded()
    expect(page).to_have_url(re.compile(r"/connexion$"))
    expect(connexion.notices).to_have_text([START_FROM_CONNEXION])


def test_fresh_session_opening_compte_active_lands_on_connexion(page: Page) -> None:
    page.goto(ACTIVATED)
    connexion = ConnexionPage(page).wait_until_loaded()
    expect(page).to_have_url(re.compile(r"/connexion$"))
    expect(connexion.heading).to_have_text("Connexion")


def test_sign_up_link_from_connexion_opens_the_form(page: Page) -> None:
    page.goto(FORM)  # refused first: the session has not seen Connexion
    form = ConnexionPage(page).wait_until_loaded().sign_up()
    expect(page).to_have_url(re.compile(f"{FORM}$"))
    expect(form.heading).to_have_text("Remplissez le formulaire")


def test_form_posted_from_a_fresh_session_lands_on_connexion(
    page: Page, base_url: str, identity: Identity
) -> None:
    """No signup started, only Connexion seen (the one way to get a CSRF token): a
    valid form posted straight to step 3 neither starts a signup nor moves one on."""
    ConnexionPage(page).open()
    form_data: dict[str, str | float | bool] = {
        **identity.as_form_data(),
        "password_confirmation": identity.password,
        "csrf_token": csrf_token(page),
    }
    response = page.request.post(base_url + FORM, form=form_data)
    assert path_of(response.url) == "/connexion"
    assert START_FROM_CONNEXION in html.unescape(response.text())
    # Nothing was started: no challenge was made, step 4 is still closed.
    assert not has_captcha_challenge(page, base_url)
    page.goto(CAPTCHA)
    expect(page).to_have_url(re.compile(r"/connexion$"))


# --- typed URLs ahead of the step reached -----------------------------------------------


@pytest.mark.parametrize("path", [CAPTCHA, CGU])
def test_at_step_3_a_later_step_url_lands_back_on_the_form_with_a_message(
    page: Page, test_api: PortalTestApi, path: str
) -> None:
    test_api.start_signup_at(3)
    page.goto(path)
    form = SignupFormPage(page).wait_until_loaded()
    expect(page).to_have_url(re.compile(f"{FORM}$"))
    expect(form.notices).to_have_text([FINISH_THE_FORM_FIRST])


def test_at_step_4_the_cgu_url_lands_on_the_captcha_with_a_message(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    test_api.start_signup_at(4, identity)
    page.goto(CGU)
    captcha = CaptchaPage(page).wait_until_loaded()
    expect(page).to_have_url(re.compile(f"{CAPTCHA}$"))
    expect(captcha.notices).to_have_text([FINISH_THE_CAPTCHA_FIRST])


def test_at_step_4_the_form_stays_open_to_correct_it(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    test_api.start_signup_at(4, identity)
    form = SignupFormPage(page).open()
    expect(form.nir_field).to_have_value(identity.nir)
    expect(form.notices).to_have_count(0)


# --- replayed forms --------------------------------------------------------------------------


def test_captcha_answer_posted_at_step_3_is_sent_back_to_the_form(
    page: Page, test_api: PortalTestApi, base_url: str
) -> None:
    test_api.start_signup_at(3)
    SignupFormPage(page).open()
    response = page.request.post(
        base_url + CAPTCHA, form={"csrf_token": csrf_token(page), "challenge": "x", "tile": "0"}
    )
    assert path_of(response.url) == FORM
    assert FINISH_THE_FORM_FIRST in html.unescape(response.text())
    # Nothing moved on: the CGU step is still closed.
    page.goto(CGU)
    expect(page).to_have_url(re.compile(f"{FORM}$"))


def test_other_images_requested_at_step_3_is_sent_back_to_the_form(
    page: Page, test_api: PortalTestApi, base_url: str
) -> None:
    test_api.start_signup_at(3)
    SignupFormPage(page).open()
    response = page.request.post(base_url + OTHER_IMAGES, form={"csrf_token": csrf_token(page)})
    assert path_of(response.url) == FORM
    assert FINISH_THE_FORM_FIRST in html.unescape(response.text())
    # No challenge was made for a step not reached.
    assert not has_captcha_challenge(page, base_url)


@pytest.mark.parametrize(("step", "landing"), [(3, FORM), (4, CAPTCHA)])
def test_cgu_posted_before_step_5_creates_no_account(
    page: Page,
    test_api: PortalTestApi,
    base_url: str,
    identity: Identity,
    step: int,
    landing: str,
) -> None:
    test_api.start_signup_at(step, identity if step > 3 else None)
    page.goto(landing)
    response = page.request.post(
        base_url + CGU, form={"csrf_token": csrf_token(page), "accept": "y"}
    )
    assert path_of(response.url) == landing
    assert test_api.account(identity.nir) is None
    assert test_api.outbox(identity.email) == []


def test_form_posted_again_after_the_captcha_asks_for_a_new_captcha(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    """New details mean a new security check: a passed captcha is not carried over."""
    test_api.start_signup_at(3)
    captcha = SignupFormPage(page).open().fill_identity(identity).continue_to_captcha()
    captcha.pass_with(test_api.right_captcha_tile())  # now at step 5
    form = SignupFormPage(page).open()
    form.fill_password(identity.password)
    form.continue_to_captcha()
    page.goto(CGU)
    captcha = CaptchaPage(page).wait_until_loaded()
    expect(captcha.notices).to_have_text([FINISH_THE_CAPTCHA_FIRST])


def test_cgu_form_replayed_after_activation_creates_nothing_more(
    page: Page, test_api: PortalTestApi, base_url: str, identity: Identity
) -> None:
    activate_through_cgu(page, test_api, identity)
    # A token of the signed-in session (the header's logout form), so only the step guard
    # stands between the replay and a second activation.
    response = page.request.post(
        base_url + CGU, form={"csrf_token": csrf_token(page), "accept": "y"}
    )
    assert path_of(response.url) == "/connexion"
    assert START_FROM_CONNEXION in html.unescape(response.text())
    assert len(test_api.outbox(identity.email)) == 1  # one confirmation e-mail, one account


# --- after activation --------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/inscription/", FORM, CAPTCHA, CGU])
def test_after_activation_signup_url_does_not_reopen_the_flow(
    page: Page, test_api: PortalTestApi, identity: Identity, path: str
) -> None:
    activate_through_cgu(page, test_api, identity)
    page.goto(path)
    connexion = ConnexionPage(page).wait_until_loaded()
    expect(page).to_have_url(re.compile(r"/connexion$"))
    expect(connexion.notices).to_have_text([START_FROM_CONNEXION])


def test_after_activation_starting_again_keeps_nothing_of_the_finished_signup(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    activate_through_cgu(page, test_api, identity)
    form = ConnexionPage(page).open().sign_up()
    for field in form.fields.values():
        expect(field).to_have_value("")
    page.goto(CGU)
    expect(page).to_have_url(re.compile(f"{FORM}$"))


def test_after_activation_the_same_nir_cannot_sign_up_again(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    activate_through_cgu(page, test_api, identity)
    form = ConnexionPage(page).open().sign_up()
    form.fill_identity(identity)
    form.submit_with_errors()
    expect(form.connexion_link_in_error(form.nir_field)).to_be_visible()
