"""axe-core on Connexion and the account pages: no serious or critical violation.

Minor and moderate findings are left to review; serious and critical ones
(missing names, contrast, broken ARIA...) block a user, so they fail the run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from harness.a11y import assert_no_blocking_violation
from harness.identities import Identity
from harness.test_api import PortalTestApi
from page_objects.account import AccountHomePage
from page_objects.connexion import ConnexionPage

pytestmark = pytest.mark.a11y

OPEN_DIF_DAY = "2021-03-15"
CLOSED_DIF_DAY = "2021-07-01"

SignIn = Callable[..., AccountHomePage]


@pytest.fixture
def sign_in(page: Page, test_api: PortalTestApi, identity: Identity) -> SignIn:
    """Seed an account with the given profile, set today, log in: Mon compte."""

    def seed_and_sign_in(today: str = OPEN_DIF_DAY, **profile: Any) -> AccountHomePage:
        career = [{"year": 2019, "quotite": 100}, {"year": 2020, "quotite": 30}]
        test_api.create_account(identity, **{"career": career, "dif_hours": 40, **profile})
        test_api.set_today(today)
        return ConnexionPage(page).open().log_in(identity.nir, identity.password)

    return seed_and_sign_in


def test_connexion_has_no_blocking_violation(page: Page) -> None:
    assert_no_blocking_violation(ConnexionPage(page).open().page)


def test_connexion_with_a_login_error_has_no_blocking_violation(
    page: Page, identity: Identity
) -> None:
    ConnexionPage(page).open().try_log_in(identity.nir, "Mauvais1")
    assert_no_blocking_violation(page)


def test_connexion_with_empty_fields_has_no_blocking_violation(page: Page) -> None:
    assert_no_blocking_violation(ConnexionPage(page).open().try_log_in("", "").page)


def test_account_home_has_no_blocking_violation(sign_in: SignIn) -> None:
    assert_no_blocking_violation(sign_in().page)


def test_private_droits_has_no_blocking_violation(sign_in: SignIn) -> None:
    assert_no_blocking_violation(sign_in().go_to_droits().page)


def test_public_droits_has_no_blocking_violation(sign_in: SignIn) -> None:
    assert_no_blocking_violation(sign_in(sector="public").go_to_droits().page)


def test_open_dif_form_has_no_blocking_violation(sign_in: SignIn) -> None:
    assert_no_blocking_violation(sign_in(dif_hours=None).go_to_dif().page)


def test_dif_form_with_an_error_has_no_blocking_violation(sign_in: SignIn) -> None:
    assert_no_blocking_violation(sign_in(dif_hours=None).go_to_dif().report_hours("abc").page)


def test_dif_confirmation_has_no_blocking_violation(sign_in: SignIn) -> None:
    assert_no_blocking_violation(sign_in(dif_hours=None).go_to_dif().report_hours("40").page)


def test_closed_dif_has_no_blocking_violation(sign_in: SignIn) -> None:
    assert_no_blocking_violation(sign_in(today=CLOSED_DIF_DAY).go_to_dif().page)


def test_public_agent_dif_has_no_blocking_violation(sign_in: SignIn) -> None:
    assert_no_blocking_violation(sign_in(sector="public").go_to_dif().page)
