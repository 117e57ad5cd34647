"""The signup is a server-side state machine: no URL typed, no form replayed,
opens a step before the previous one is done, nor re-opens a finished signup.

Two case tables, one row per (where the session stands, what it asks for): URLs
typed ahead of the step reached, and forms posted ahead of it. Each row brings
the session to its place, then says where the browser must land, with which
message, and what must not have moved.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from cpf.messages import START_FROM_CONNEXION, STEP_NOT_OPEN
from harness.identities import Identity
from harness.portal_test_api import PortalTestApi
from page_objects.activated import ActivatedPage
from page_objects.captcha import CaptchaPage
from page_objects.cgu import CguPage
from page_objects.connexion import ConnexionPage
from page_objects.portal_page import PortalPage
from page_objects.signup_form import SignupFormPage

FINISH_THE_FORM_FIRST = STEP_NOT_OPEN.format(title="Remplissez le formulaire")
FINISH_THE_CAPTCHA_FIRST = STEP_NOT_OPEN.format(title="Passez le contrôle de sécurité")

SIGN_UP = "/inscription/"  # `S'inscrire`'s address: it redirects to the step to do
FORM = SignupFormPage.PATH
CAPTCHA = CaptchaPage.PATH
CGU = CguPage.PATH
CONNEXION = ConnexionPage.PATH


def csrf_token(page: Page) -> str:
    """The CSRF token of the form on the page, as a replaying client would scrape it."""
    return page.locator("input[name='csrf_token']").first.input_value()


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def activate_through_cgu(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    test_api.start_signup_at(5, identity)
    CguPage(page).open().accept_and_sign_up()


# --- where the session stands ----------------------------------------------------------

Arrange = Callable[[Page, PortalTestApi, Identity], None]


def _fresh(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    """A new browser: no signup started, Connexion not seen."""


def _connexion_seen(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    """Only Connexion seen: the one way a fresh session gets a CSRF token."""
    ConnexionPage(page).open()


def _at_step_3(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    test_api.start_signup_at(3)
    SignupFormPage(page).open()


def _at_step_4(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    test_api.start_signup_at(4, identity)
    CaptchaPage(page).open()


def _activated(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    activate_through_cgu(page, test_api, identity)


# --- URLs typed ahead of the step reached ----------------------------------------------


@dataclass(frozen=True)
class TypedUrl:
    id: str
    arrange: Arrange
    path: str
    lands_on: type[PortalPage]
    notice: str | None  # None: the page shows no notice


@pytest.mark.parametrize(
    "case",
    [
        TypedUrl("fresh-sign-up", _fresh, SIGN_UP, ConnexionPage, START_FROM_CONNEXION),
        TypedUrl("fresh-form", _fresh, FORM, ConnexionPage, START_FROM_CONNEXION),
        TypedUrl("fresh-captcha", _fresh, CAPTCHA, ConnexionPage, START_FROM_CONNEXION),
        TypedUrl("fresh-cgu", _fresh, CGU, ConnexionPage, START_FROM_CONNEXION),
        TypedUrl("fresh-compte-active", _fresh, ActivatedPage.PATH, ConnexionPage, None),
        pytest.param(
            TypedUrl("step-3-captcha", _at_step_3, CAPTCHA, SignupFormPage, FINISH_THE_FORM_FIRST),
            marks=pytest.mark.needs("signup_at_step"),
        ),
        pytest.param(
            TypedUrl("step-3-cgu", _at_step_3, CGU, SignupFormPage, FINISH_THE_FORM_FIRST),
            marks=pytest.mark.needs("signup_at_step"),
        ),
        pytest.param(
            TypedUrl("step-4-cgu", _at_step_4, CGU, CaptchaPage, FINISH_THE_CAPTCHA_FIRST),
            marks=pytest.mark.needs("signup_at_step"),
        ),
        pytest.param(
            TypedUrl("activated-sign-up", _activated, SIGN_UP, ConnexionPage, START_FROM_CONNEXION),
            marks=pytest.mark.needs("create_accounts", "signup_at_step"),
        ),
        pytest.param(
            TypedUrl("activated-form", _activated, FORM, ConnexionPage, START_FROM_CONNEXION),
            marks=pytest.mark.needs("create_accounts", "signup_at_step"),
        ),
        pytest.param(
            TypedUrl("activated-captcha", _activated, CAPTCHA, ConnexionPage, START_FROM_CONNEXION),
            marks=pytest.mark.needs("create_accounts", "signup_at_step"),
        ),
        pytest.param(
            TypedUrl("activated-cgu", _activated, CGU, ConnexionPage, START_FROM_CONNEXION),
            marks=pytest.mark.needs("create_accounts", "signup_at_step"),
        ),
    ],
    ids=lambda case: case.id,
)
def test_url_typed_ahead_of_the_step_reached_lands_on_the_step_to_do(
    page: Page, test_api: PortalTestApi, identity: Identity, case: TypedUrl
) -> None:
    case.arrange(page, test_api, identity)
    page.goto(case.path)
    landed = case.lands_on(page).wait_until_loaded()
    expect(page).to_have_url(re.compile(f"{re.escape(case.lands_on.PATH)}$"))
    if case.notice is None:
        expect(landed.notices).to_have_count(0)
    else:
        expect(landed.notices).to_have_text([case.notice])


# --- forms posted ahead of the step reached (replayed or crafted) ----------------------


@dataclass(frozen=True)
class PostedForm:
    id: str
    arrange: Arrange
    path: str
    fields: Callable[[Identity], dict[str, str]]  # what is posted, besides the CSRF token
    lands_on: str
    message: str | None  # None: not checked (the landing page is the proof)
    nothing_moved: Callable[[Page, PortalTestApi, Identity, str], None]


def _no_challenge_and_captcha_closed(
    page: Page, test_api: PortalTestApi, identity: Identity, base_url: str
) -> None:
    assert not test_api.has_captcha_challenge()
    page.goto(CAPTCHA)
    expect(page).to_have_url(re.compile(f"{CONNEXION}$"))


def _cgu_still_closed(
    page: Page, test_api: PortalTestApi, identity: Identity, base_url: str
) -> None:
    page.goto(CGU)
    expect(page).to_have_url(re.compile(f"{FORM}$"))


def _no_challenge_made(
    page: Page, test_api: PortalTestApi, identity: Identity, base_url: str
) -> None:
    assert not test_api.has_captcha_challenge()


def _no_account(page: Page, test_api: PortalTestApi, identity: Identity, base_url: str) -> None:
    assert test_api.account(identity.nir) is None
    assert test_api.outbox(identity.email) == []


def _one_account_only(
    page: Page, test_api: PortalTestApi, identity: Identity, base_url: str
) -> None:
    assert len(test_api.outbox(identity.email)) == 1  # one confirmation e-mail, one account


def _valid_form(identity: Identity) -> dict[str, str]:
    return {**identity.as_form_data(), "password_confirmation": identity.password}


def _captcha_answer(identity: Identity) -> dict[str, str]:
    return {"challenge": "x", "tile": "0"}


def _nothing(identity: Identity) -> dict[str, str]:
    return {}


def _accepted_cgu(identity: Identity) -> dict[str, str]:
    return {"accept": "y"}


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(
            PostedForm(
                "fresh-form",
                _connexion_seen,
                FORM,
                _valid_form,
                CONNEXION,
                START_FROM_CONNEXION,
                _no_challenge_and_captcha_closed,
            ),
            marks=pytest.mark.needs("captcha_state"),
        ),
        pytest.param(
            PostedForm(
                "step-3-captcha-answer",
                _at_step_3,
                CAPTCHA,
                _captcha_answer,
                FORM,
                FINISH_THE_FORM_FIRST,
                _cgu_still_closed,
            ),
            marks=pytest.mark.needs("signup_at_step"),
        ),
        pytest.param(
            PostedForm(
                "step-3-other-images",
                _at_step_3,
                CaptchaPage.OTHER_IMAGES_PATH,
                _nothing,
                FORM,
                FINISH_THE_FORM_FIRST,
                _no_challenge_made,
            ),
            marks=pytest.mark.needs("captcha_state", "signup_at_step"),
        ),
        pytest.param(
            PostedForm("step-3-cgu", _at_step_3, CGU, _accepted_cgu, FORM, None, _no_account),
            marks=pytest.mark.needs("account_admin", "signup_at_step"),
        ),
        pytest.param(
            PostedForm("step-4-cgu", _at_step_4, CGU, _accepted_cgu, CAPTCHA, None, _no_account),
            marks=pytest.mark.needs("account_admin", "signup_at_step"),
        ),
        # A token of the signed-in session (the header's logout form), so only the step
        # guard stands between the replay and a second activation.
        pytest.param(
            PostedForm(
                "activated-cgu",
                _activated,
                CGU,
                _accepted_cgu,
                CONNEXION,
                START_FROM_CONNEXION,
                _one_account_only,
            ),
            marks=pytest.mark.needs("account_admin", "create_accounts", "signup_at_step"),
        ),
    ],
    ids=lambda case: case.id,
)
def test_form_posted_ahead_of_the_step_reached_moves_nothing(
    page: Page, test_api: PortalTestApi, base_url: str, identity: Identity, case: PostedForm
) -> None:
    case.arrange(page, test_api, identity)
    form: dict[str, str | float | bool] = {**case.fields(identity), "csrf_token": csrf_token(page)}
    response = page.request.post(base_url + case.path, form=form)
    assert path_of(response.url) == case.lands_on
    if case.message is not None:
        assert case.message in html.unescape(response.text())
    case.nothing_moved(page, test_api, identity, base_url)


# --- what stays open, what starts again ------------------------------------------------


def test_sign_up_link_from_connexion_opens_the_form(page: Page) -> None:
    page.goto(FORM)  # refused first: the session has not seen Connexion
    form = ConnexionPage(page).wait_until_loaded().sign_up()
    expect(page).to_have_url(re.compile(f"{FORM}$"))
    expect(form.heading).to_have_text("Remplissez le formulaire")


@pytest.mark.needs("signup_at_step")
def test_at_step_4_the_form_stays_open_to_correct_it(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    test_api.start_signup_at(4, identity)
    form = SignupFormPage(page).open()
    expect(form.nir_field).to_have_value(identity.nir)
    expect(form.notices).to_have_count(0)


@pytest.mark.needs("captcha_answer", "signup_at_step")
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


@pytest.mark.needs("create_accounts", "signup_at_step")
def test_after_activation_starting_again_keeps_nothing_of_the_finished_signup(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    activate_through_cgu(page, test_api, identity)
    form = ConnexionPage(page).open().sign_up()
    for field in form.fields.values():
        expect(field).to_have_value("")
    page.goto(CGU)
    expect(page).to_have_url(re.compile(f"{FORM}$"))


@pytest.mark.needs("create_accounts", "signup_at_step")
def test_after_activation_the_same_nir_cannot_sign_up_again(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> None:
    activate_through_cgu(page, test_api, identity)
    form = ConnexionPage(page).open().sign_up()
    form.fill_identity(identity)
    form.submit_with_errors()
    expect(form.connexion_link_in_error(form.nir_field)).to_be_visible()
