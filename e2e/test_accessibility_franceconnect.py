"""axe-core on the FranceConnect pages and the portal's first-sign-in page:
no serious or critical violation.

Same bar as test_accessibility_account.py: minor and moderate findings are
left to review; serious and critical ones block a user, so they fail the run.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from harness.a11y import assert_no_blocking_violation
from harness.test_api import PortalTestApi
from page_objects.connexion import ConnexionPage
from page_objects.franceconnect import ProviderChoicePage

pytestmark = [pytest.mark.a11y, pytest.mark.franceconnect]



def provider_choice(page: Page) -> ProviderChoicePage:
    return ConnexionPage(page).open().sign_in_with_franceconnect()


def test_provider_choice_has_no_blocking_violation(page: Page) -> None:
    provider_choice(page)
    assert_no_blocking_violation(page)


def test_provider_choice_with_an_unavailable_provider_has_no_blocking_violation(
    page: Page, franceconnect_faults: PortalTestApi
) -> None:
    franceconnect_faults.make_provider_unavailable("msa")
    provider_choice(page)
    assert_no_blocking_violation(page)


def test_provider_login_has_no_blocking_violation(page: Page) -> None:
    provider_choice(page).choose_provider("ameli.fr")
    assert_no_blocking_violation(page)


def test_provider_login_with_an_error_has_no_blocking_violation(page: Page) -> None:
    provider_choice(page).choose_provider("ameli.fr").try_log_in("288093306315472", "456")
    assert_no_blocking_violation(page)


def test_consent_has_no_blocking_violation(page: Page, test_api: PortalTestApi) -> None:
    provider_choice(page).sign_in_as(test_api.add_franceconnect_identity("laposte"))
    assert_no_blocking_violation(page)


def test_completion_has_no_blocking_violation(page: Page, test_api: PortalTestApi) -> None:
    provider_choice(page).sign_in_as(test_api.add_franceconnect_identity("ameli")).continue_to_activation()
    assert_no_blocking_violation(page)


def test_completion_asking_the_email_with_errors_has_no_blocking_violation(
    page: Page, test_api: PortalTestApi
) -> None:
    person = test_api.add_franceconnect_identity("msa", with_email=False)
    provider_choice(page).sign_in_as(person).continue_to_activation().fill_email("pas-une-adresse").try_sign_up()
    assert_no_blocking_violation(page)


def test_connexion_after_a_cancelled_sign_in_has_no_blocking_violation(page: Page) -> None:
    provider_choice(page).cancel()
    assert_no_blocking_violation(page)
