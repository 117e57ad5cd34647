"""axe-core on the FranceConnect pages and the portal's first-sign-in page:
no serious or critical violation.

Same bar as test_accessibility_account.py: minor and moderate findings are
left to review; serious and critical ones block a user, so they fail the run.
One case per page state, each reached from Connexion's FranceConnect button.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from harness.a11y import assert_no_blocking_violation
from harness.needs import declared
from harness.portal_test_api import PortalTestApi
from page_objects.connexion import ConnexionPage
from page_objects.franceconnect import ProviderChoicePage

pytestmark = [pytest.mark.needs("franceconnect"), pytest.mark.a11y, pytest.mark.franceconnect]

Show = Callable[[Page, PortalTestApi], object]


def provider_choice(page: Page) -> ProviderChoicePage:
    return ConnexionPage(page).open().sign_in_with_franceconnect()


def _with_an_unavailable_provider(page: Page, test_api: PortalTestApi) -> object:
    test_api.make_provider_unavailable("msa")
    return provider_choice(page)


def _completion_asking_the_email_with_errors(page: Page, test_api: PortalTestApi) -> object:
    person = test_api.add_franceconnect_identity("msa", with_email=False)
    completion = provider_choice(page).sign_in_as(person).continue_to_activation()
    return completion.fill_email("pas-une-adresse").try_sign_up()


@pytest.mark.parametrize(
    "show",
    [
        pytest.param(lambda page, test_api: provider_choice(page), id="provider-choice"),
        pytest.param(
            _with_an_unavailable_provider,
            id="provider-choice-with-an-unavailable-provider",
            marks=pytest.mark.needs("franceconnect_faults"),
        ),
        pytest.param(
            lambda page, test_api: provider_choice(page).choose_provider("ameli.fr"),
            id="provider-login",
        ),
        pytest.param(
            lambda page, test_api: (
                provider_choice(page)
                .choose_provider("ameli.fr")
                .try_log_in("288093306315472", "456")
            ),
            id="provider-login-with-an-error",
        ),
        pytest.param(
            lambda page, test_api: provider_choice(page).sign_in_as(
                test_api.add_franceconnect_identity("laposte")
            ),
            id="consent",
            marks=pytest.mark.needs("franceconnect_faults"),
        ),
        pytest.param(
            lambda page, test_api: (
                provider_choice(page)
                .sign_in_as(test_api.add_franceconnect_identity("ameli"))
                .continue_to_activation()
            ),
            id="completion",
            marks=pytest.mark.needs("franceconnect_faults"),
        ),
        pytest.param(
            _completion_asking_the_email_with_errors,
            id="completion-asking-the-email-with-errors",
            marks=pytest.mark.needs("franceconnect_faults"),
        ),
        pytest.param(
            lambda page, test_api: provider_choice(page).cancel(),
            id="connexion-after-a-cancelled-sign-in",
        ),
    ],
)
def test_franceconnect_page_has_no_blocking_violation(
    request: pytest.FixtureRequest, page: Page, test_api: PortalTestApi, show: Show
) -> None:
    """The cases that break FranceConnect or add a person there declare it: they get the
    test API with FranceConnect's faults cleared after; the others need no test API."""
    if "franceconnect_faults" in declared(request.node):
        test_api = request.getfixturevalue("franceconnect_faults")
    show(page, test_api)
    assert_no_blocking_violation(page)
