"""axe-core on the FranceConnect pages and the portal's first-sign-in page:
no serious or critical violation.

Same bar as test_accessibility_account.py: minor and moderate findings are
left to review; serious and critical ones block a user, so they fail the run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from harness.franceconnect_identities import FranceConnectIdentity
from harness.test_api import PortalTestApi
from page_objects.connexion import ConnexionPage
from page_objects.franceconnect import ConsentPage, ProviderChoicePage

pytestmark = [pytest.mark.a11y, pytest.mark.franceconnect]

BLOCKING_IMPACTS = ("serious", "critical")


def assert_no_blocking_violation(page: Page) -> None:
    results = Axe().run(page)
    violations = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not violations, f"axe on {page.url}:\n{describe(violations)}"


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            lines.append(f"      {node.get('failureSummary', '')}".replace("\n", " "))
    return "\n".join(lines)


@pytest.fixture
def franceconnect_faults(test_api: PortalTestApi) -> Iterator[PortalTestApi]:
    """The test API, with every FranceConnect fault reset after the test, pass or fail."""
    try:
        yield test_api
    finally:
        test_api.reset_franceconnect_faults()


def provider_choice(page: Page) -> ProviderChoicePage:
    return ConnexionPage(page).open().sign_in_with_franceconnect()


def consent_of(page: Page, person: FranceConnectIdentity) -> ConsentPage:
    login = provider_choice(page).choose_provider(person.provider_name)
    return login.log_in(person.identifier, person.password)


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
    consent_of(page, test_api.add_franceconnect_identity("laposte"))
    assert_no_blocking_violation(page)


def test_completion_has_no_blocking_violation(page: Page, test_api: PortalTestApi) -> None:
    consent_of(page, test_api.add_franceconnect_identity("ameli")).continue_to_activation()
    assert_no_blocking_violation(page)


def test_completion_asking_the_email_with_errors_has_no_blocking_violation(
    page: Page, test_api: PortalTestApi
) -> None:
    person = test_api.add_franceconnect_identity("msa", with_email=False)
    consent_of(page, person).continue_to_activation().fill_email("pas-une-adresse").try_sign_up()
    assert_no_blocking_violation(page)


def test_connexion_after_a_cancelled_sign_in_has_no_blocking_violation(page: Page) -> None:
    provider_choice(page).cancel()
    assert_no_blocking_violation(page)
