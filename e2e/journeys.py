"""Journeys several suites walk: the whole signup through the UI, and the captcha's oracle."""

from __future__ import annotations

from playwright.sync_api import Page

from harness.identities import Identity
from harness.test_api import PortalTestApi
from page_objects.accueil import AccueilPage
from page_objects.activated import ActivatedPage


def right_tile(test_api: PortalTestApi) -> int:
    """The oracle: `Image <n>` of the current challenge that is the right one."""
    return test_api.captcha_answer_index() + 1


def sign_up_through_the_ui(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> ActivatedPage:
    """Accueil -> Connexion -> S'inscrire -> form -> captcha -> CGU -> compte activé."""
    captcha = (
        AccueilPage(page)
        .open()
        .header.go_to_connexion()
        .sign_up()
        .fill_identity(identity)
        .continue_to_captcha()
    )
    return captcha.pass_with(right_tile(test_api)).accept_and_sign_up()
