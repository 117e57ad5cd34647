"""Journeys shared by several suites (and by ``make bench``): one home for each walk."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from harness.identities import Identity, check_test_password
from harness.portal_test_api import PortalTestApi
from page_objects.account import AccountHomePage
from page_objects.accueil import AccueilPage
from page_objects.activated import ActivatedPage
from page_objects.connexion import ConnexionPage


def sign_up_through_the_ui(
    page: Page, test_api: PortalTestApi, identity: Identity
) -> ActivatedPage:
    """Accueil -> Connexion -> S'inscrire -> form -> captcha -> CGU -> compte activé.

    The only shortcut is the captcha's oracle: the test API tells which tile is
    right, as nothing on the page may."""
    check_test_password(identity.password)  # else the form comes back and the walk times out
    captcha = (
        AccueilPage(page)
        .open()
        .header.go_to_connexion()
        .sign_up()
        .fill_identity(identity)
        .continue_to_captcha()
    )
    return captcha.pass_with(test_api.right_captcha_tile()).accept_and_sign_up()


def log_in_with_a_new_account(
    page: Page,
    test_api: PortalTestApi,
    identity: Identity,
    today: str | None = None,
    **profile: Any,
) -> AccountHomePage:
    """The one home of "an account exists, its owner logs in": ``identity``'s account
    created through the test API with ``profile`` (``sector``, ``career``,
    ``dif_hours``...), "today" set for this session when given, then Connexion's
    login form: Mon compte."""
    test_api.create_account(identity, **profile)
    if today is not None:
        test_api.set_today(today)
    return ConnexionPage(page).open().log_in(identity.nir, identity.password)
