"""The signup is a server-side state machine: no URL typed opens a step before the
previous one is done, nor re-opens a finished signup.

The browser keeps one URL typed ahead per rule (no signup without Connexion, no step
before its turn, no second go at a finished signup): where the browser lands, and
the notice it shows. Every other row, and the forms posted ahead, are in
tests/test_signup_guards.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from cpf.messages import START_FROM_CONNEXION, STEP_NOT_OPEN
from harness.identities import Identity
from harness.portal_test_api import PortalTestApi
from page_objects.captcha import CaptchaPage
from page_objects.cgu import CguPage
from page_objects.connexion import ConnexionPage
from page_objects.portal_page import PortalPage
from page_objects.signup_form import SignupFormPage

FINISH_THE_CAPTCHA_FIRST = STEP_NOT_OPEN.format(title=CaptchaPage.TITLE)

Arrange = Callable[[Page, PortalTestApi, Identity], None]


def _fresh(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    """A new browser: no signup started, Connexion not seen."""


def _at_step_4(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    test_api.start_signup_at(4, identity)
    CaptchaPage(page).open()


def _activated(page: Page, test_api: PortalTestApi, identity: Identity) -> None:
    test_api.start_signup_at(5, identity)
    CguPage(page).open().accept_and_sign_up()


@dataclass(frozen=True)
class TypedUrl:
    id: str
    arrange: Arrange
    path: str
    lands_on: type[PortalPage]
    notice: str


@pytest.mark.parametrize(
    "case",
    [
        TypedUrl("fresh-form", _fresh, SignupFormPage.PATH, ConnexionPage, START_FROM_CONNEXION),
        pytest.param(
            TypedUrl("step-4-cgu", _at_step_4, CguPage.PATH, CaptchaPage, FINISH_THE_CAPTCHA_FIRST),
            marks=pytest.mark.needs("signup_at_step"),
        ),
        pytest.param(
            TypedUrl(
                "activated-form",
                _activated,
                SignupFormPage.PATH,
                ConnexionPage,
                START_FROM_CONNEXION,
            ),
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
    expect(landed.notices).to_have_text([case.notice])


def test_sign_up_link_from_connexion_opens_the_form(page: Page) -> None:
    page.goto(SignupFormPage.PATH)  # refused first: the session has not seen Connexion
    form = ConnexionPage(page).wait_until_loaded().sign_up()
    expect(page).to_have_url(re.compile(f"{SignupFormPage.PATH}$"))
    expect(form.heading).to_have_text(SignupFormPage.TITLE)
